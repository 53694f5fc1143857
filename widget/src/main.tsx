import { Component, Fragment, render } from 'preact';
import { jsx, jsxs } from 'preact/jsx-runtime';
import { App } from './app.js';
import { readOptions } from './options.js';
import { adopt, install, type Runtime } from './runtime.js';
import { STRINGS } from './strings.js';
import { applyTheme } from './theme.js';
import css from './frame.css';
import type { WidgetOptions } from './types.js';

/**
 * widget.js: the first chunk. Reads its own script tag, installs the
 * `LeadHarbor` runtime (or joins the one a previous widget.js installed) and
 * mounts a widget. Everything runs inside try/catch: a failure here must
 * never surface as an error on the partner's page.
 */

/** Where the widget goes: data-target, else right after its script tag (popups and head scripts: the end of body). */
function place(opts: WidgetOptions, host: HTMLElement): boolean {
  const script = opts.script;
  if (opts.target) {
    const target = document.querySelector(opts.target);
    target?.appendChild(host);
    return !!target;
  }
  if (!opts.popup && script?.parentNode && script.parentNode !== document.head) script.after(host);
  else document.body.appendChild(host);
  return true;
}

/** Mounts one widget; false when its place does not exist yet (`last`: nor will it, so say why). */
function mount(rt: Runtime, opts: WidgetOptions, last: boolean): boolean {
  const host = document.createElement('leadharbor-widget');
  if (!document.body || !place(opts, host)) {
    if (last) console.warn(`LeadHarbor: no element matches data-target="${opts.target}"`);
    return false;
  }
  applyTheme(host, opts.theme);
  const root = host.attachShadow({ mode: 'open' });
  adopt(root, css);
  // Preact owns a container of its own: rendering into the root itself would remove a <style> fallback.
  render(<App opts={opts} rt={rt} host={host} />, root.appendChild(document.createElement('div')));
  return true;
}

try {
  const [rt, replay] = install({
    p: { Component, Fragment, jsx, jsxs },
    t: { en: { ...STRINGS.en }, es: { ...STRINGS.es } },
    m(opts) {
      const go = (last: boolean) => {
        try {
          return mount(rt, opts, last);
        } catch (error) {
          console.error('LeadHarbor:', error);
          return true;
        }
      };
      // A data-target further down the page, or a script in <head>, waits for the rest of the document.
      if (!go(document.readyState !== 'loading')) document.addEventListener('DOMContentLoaded', () => go(true));
    },
  });
  const opts = readOptions(document.currentScript as HTMLScriptElement | null, location.href, navigator.language);
  if (opts) rt.m(opts);
  replay();
} catch (error) {
  console.error('LeadHarbor:', error);
}
