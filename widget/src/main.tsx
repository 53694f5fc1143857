import { Component, Fragment, render } from 'preact';
import { jsx, jsxs } from 'preact/jsx-runtime';
import { App } from './app.js';
import { readOptions } from './options.js';
import { adopt, install, prune } from './runtime.js';
import { FIRST_CHUNK_EN } from './words/en.js';
import { FIRST_CHUNK_ES } from './words/es.js';
import { applyTheme } from './theme.js';
import css from './frame.css';
import type { Runtime, WidgetOptions } from './types.js';

/**
 * widget.js: the first chunk. Reads its own script tag, installs the
 * `LeadHarbor` runtime (or joins the one a previous widget.js installed) and
 * mounts a widget. Everything runs inside try/catch: a failure here must
 * never surface as an error on the partner's page.
 */

/**
 * Mounts one widget; false when its place does not exist yet (`last`: nor
 * will it, so say why). One form per target: a tag manager or single-page
 * app that runs the tag again for the same target adds nothing.
 */
function mount(rt: Runtime, opts: WidgetOptions, last: boolean): boolean {
  const { target, script } = opts;
  const parent = typeof target === 'string' ? document.querySelector(target) : target;
  if (!document.body || (target && !parent)) {
    if (last) console.warn(`LeadHarbor: no element matches data-target="${target}"`);
    return false;
  }
  prune(rt);
  if (parent?.querySelector(':scope>leadharbor-widget')) return true;
  const host = document.createElement('leadharbor-widget');
  if (parent) parent.appendChild(host);
  else if (!opts.popup && script?.parentNode && script.parentNode !== document.head) script.after(host);
  else document.body.appendChild(host);
  applyTheme(host, opts.theme);
  const root = host.attachShadow({ mode: 'open' });
  adopt(root, css);
  // Preact owns a container of its own: rendering into the root itself would remove a <style> fallback.
  render(<App opts={opts} rt={rt} host={host} />, root.appendChild(document.createElement('div')));
  return true;
}

try {
  const me = document.currentScript as HTMLScriptElement | null;
  const [rt, replay] = install({
    p: { Component, Fragment, jsx, jsxs },
    // This copy's own tables: the second chunk adds its words to them.
    t: { en: FIRST_CHUNK_EN, es: FIRST_CHUNK_ES },
    u: me?.src,
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
  const opts = readOptions(me, location.href, navigator.language);
  if (opts) rt.m(opts);
  replay();
} catch (error) {
  console.error('LeadHarbor:', error);
}
