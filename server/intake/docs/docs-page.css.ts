/**
 * The docs page's only stylesheet, inlined in a `<style>` element so the page
 * needs no other request (and works offline). docs.router.ts allows exactly
 * this text by its hash in the Content-Security-Policy, so any edit here is
 * picked up without touching the policy.
 */
export const DOCS_CSS = `
:root { color-scheme: light dark; --fg: #1d2430; --muted: #5b6575; --bg: #ffffff; --panel: #f5f7fa; --line: #dde2ea;
  --accent: #0b5cad; --post: #1f7a3d; --get: #0b5cad; --options: #6b5b95; --error: #a4262c; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e9ef; --muted: #a3acbb; --bg: #14181f; --panel: #1d232c; --line: #313947; --accent: #6cb0f5;
    --post: #5cc47f; --get: #6cb0f5; --options: #b3a3e0; --error: #f08a8f; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header, main, footer { max-width: 1040px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 40px; padding-bottom: 8px; border-bottom: 1px solid var(--line); }
header h1 { margin: 0 0 4px; font-size: 2rem; }
header p { margin: 4px 0; color: var(--muted); }
nav { max-width: 1040px; margin: 0 auto; padding: 12px 24px; }
nav ul { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 0; padding: 0; list-style: none; font-size: 0.95rem; }
a { color: var(--accent); }
h2 { margin-top: 48px; padding-bottom: 6px; border-bottom: 1px solid var(--line); font-size: 1.5rem; }
h3 { margin-top: 32px; font-size: 1.2rem; }
h4 { margin: 20px 0 8px; font-size: 1rem; }
article { margin-top: 28px; padding: 4px 20px 16px; border: 1px solid var(--line); border-radius: 10px; }
article h3 { display: flex; flex-wrap: wrap; align-items: baseline; gap: 10px; margin-top: 16px; }
.method { padding: 2px 8px; border-radius: 6px; color: #fff; font: 700 0.8rem/1.6 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.method.post { background: var(--post); } .method.get { background: var(--get); } .method.options { background: var(--options); }
@media (prefers-color-scheme: dark) { .method { color: #10141a; } }
.summary { color: var(--muted); font-weight: 400; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.88em; }
code { padding: 1px 4px; border-radius: 4px; background: var(--panel); overflow-wrap: anywhere; }
pre { padding: 14px 16px; overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; background: var(--panel); line-height: 1.45; }
pre code { padding: 0; background: none; }
table { width: 100%; margin: 8px 0 16px; border-collapse: collapse; font-size: 0.92rem; }
th, td { padding: 7px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.name code { white-space: nowrap; overflow-wrap: normal; }
td p { margin: 0 0 6px; } td p:last-child { margin-bottom: 0; }
.req { color: var(--error); font-weight: 600; white-space: nowrap; }
.opt { color: var(--muted); white-space: nowrap; }
.status { font-weight: 700; white-space: nowrap; }
.status.ok { color: var(--post); } .status.err { color: var(--error); }
.note { padding: 10px 14px; border-left: 4px solid var(--accent); background: var(--panel); border-radius: 0 8px 8px 0; }
details { margin: 8px 0; } summary { cursor: pointer; color: var(--accent); }
footer { margin-top: 48px; padding-top: 16px; padding-bottom: 40px; border-top: 1px solid var(--line); color: var(--muted); font-size: 0.9rem; }
@media (max-width: 700px) { th, td { padding: 6px; } .hide-narrow { display: none; } }
`;
