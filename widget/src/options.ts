import { THEME } from './theme.js';
import type { Lang, Theme, WidgetOptions } from './types.js';

/** The visitor's language: data-lang when it names one we speak, else the browser's first choice. */
export function pickLang(requested: string | undefined, browser: string | undefined): Lang {
  const lang = (requested || browser || '').slice(0, 2).toLowerCase();
  return lang === 'es' ? 'es' : 'en';
}

/**
 * The embed settings from the script tag's data-* attributes. Without a
 * `data-key` there is nothing to show; null then.
 */
export function readOptions(script: HTMLScriptElement | null, pageUrl: string, browserLang?: string): WidgetOptions | null {
  const d = script?.dataset;
  if (!d?.key) return null;
  const src = script!.src || pageUrl;
  const theme: Theme = Object.fromEntries(THEME.map(([name, , , attribute]) => [name, d[attribute]]));
  return {
    key: d.key,
    src,
    // The intake API lives where widget.js came from, path prefix included, unless data-api says otherwise.
    api: new URL(d.api || '.', src).href,
    target: d.target,
    popup: d.mode === 'popup',
    product: d.product,
    lang: pickLang(d.lang, browserLang),
    theme,
    script,
  };
}
