/**
 * The pre-load stub as a file (`GET /widget-stub.js`), for pages whose CSP
 * forbids inline scripts: it defines `LeadHarbor` as a queue, so the page's
 * own scripts can call it before widget.js arrives; widget.js replays the
 * queue (widget/src/runtime.ts `install`). The same text as the README's
 * inline snippet. It never changes, so browsers may keep it for a day.
 */
export const WIDGET_STUB_JS = 'window.LeadHarbor=window.LeadHarbor||function(){(LeadHarbor.q=LeadHarbor.q||[]).push(arguments)};\n';

export const WIDGET_STUB_CACHE = 'public, max-age=86400';
