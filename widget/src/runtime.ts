/// <reference path="./env.d.ts" />
import { readOptions } from './options.js';
import type { Handler, Instance, Runtime, ScriptUrlPolicy, StepsModule, WidgetOptions } from './types.js';

interface Global { (...args: unknown[]): void; _?: Runtime; q?: ArrayLike<unknown>[] }

/** Forgets the widgets whose element has left the page (a single-page app replaced the view, or `unmount`). */
export function prune(rt: Runtime): Instance[] {
  return (rt.i = rt.i.filter((i) => i.h.isConnected));
}

/**
 * The page's `LeadHarbor` runtime: installed by the first widget.js to run
 * (replacing the pre-load stub; `replay` then runs the calls it queued), found
 * by every later one. Commands: `on` (name, fn); `open` and `close` (optional
 * site key) for popup widgets; `mount` (the data-* settings as an object:
 * `{ key, target, mode, product, lang, color, … }`, target a selector or an
 * element) and `unmount` (a selector, an element or a site key; nothing: all).
 * A malformed call is ignored rather than thrown back at the page.
 */
export function install(init: Pick<Runtime, 'p' | 'm' | 't' | 'u'>): [Runtime, () => void] {
  const w = window as unknown as { LeadHarbor?: Global };
  const existing = w.LeadHarbor;
  if (existing?._) return [existing._, () => {}];
  const rt: Runtime = { ...init, h: {}, i: [], w: [] };
  const api: Global = (name, arg, fn) => {
    try {
      if (name === 'on' && typeof fn === 'function') (rt.h[arg as string] ||= []).push(fn as Handler);
      if (name === 'open' || name === 'close') {
        const widget = prune(rt).find((i) => i.p && (arg === undefined || i.key === arg));
        if (!widget && name === 'open') rt.o = 1;
        widget?.toggle(name === 'open');
      }
      if (name === 'mount') {
        // The settings stand in for a script tag's dataset; a script without a parent puts a target-less widget at the end of body.
        const opts = readOptions({ dataset: arg, src: rt.u } as unknown as HTMLScriptElement, location.href, navigator.language);
        if (opts) rt.m(opts);
      }
      if (name === 'unmount') {
        // A site key read as a selector matches nothing: `pk_…` is an element name no page uses.
        const place = typeof arg === 'string' ? document.querySelector(arg) : arg;
        for (const i of rt.i) if (!arg || i.key === arg || i.h.parentNode === place) i.h.remove();
        prune(rt);
      }
    } catch {
      // nothing reaches the page
    }
  };
  api._ = rt;
  w.LeadHarbor = api;
  const queued = Array.from(existing?.q ?? []);
  return [rt, () => queued.forEach((args) => api(...Array.from(args)))];
}

/** Adds a stylesheet to a shadow root; a constructed sheet also works under a CSP that forbids inline <style>. */
export function adopt(root: ShadowRoot, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    root.appendChild(document.createElement('style')).textContent = css;
  }
}

/**
 * The second chunk's URL as a Trusted Types page accepts it: through the
 * `leadharbor` policy, which blesses this one URL and nothing else. Without
 * Trusted Types (or when the page's CSP does not list the policy, so its
 * default policy decides) the plain string.
 */
function chunkUrl(rt: Runtime, url: string): string {
  const tt = (window as unknown as { trustedTypes?: { createPolicy(name: string, rules: ScriptUrlPolicy): ScriptUrlPolicy } }).trustedTypes;
  if (rt.y === undefined && tt) {
    try {
      rt.y = tt.createPolicy('leadharbor', {
        createScriptURL: (u) => {
          if (u !== url) throw new TypeError(u);
          return u;
        },
      });
    } catch {
      rt.y = null;
    }
  }
  return rt.y ? rt.y.createScriptURL(url) : url;
}

/**
 * Loads the second chunk once per page; `done` runs when it registers, or
 * with null when it cannot load (network error, blocked, or a script that ran
 * without registering): the widget then offers a retry, which loads it anew.
 */
export function needSteps(rt: Runtime, src: string, done: (s: StepsModule | null) => void): void {
  if (rt.s) return done(rt.s);
  rt.w.push(done);
  if (rt.l) return;
  rt.l = 1;
  const script = document.createElement('script');
  const settle = () => {
    script.remove();
    if (rt.s) return;
    rt.l = 0;
    rt.w.splice(0).forEach((fn) => fn(null));
  };
  script.onload = script.onerror = settle;
  try {
    script.src = chunkUrl(rt, new URL(__STEPS__, src).href);
    document.head.appendChild(script);
  } catch {
    settle();
  }
}
