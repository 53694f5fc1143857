import type { Theme } from './types.js';

/** Each theme entry: its custom property (--lh-<name>), its default, and the script tag's data-* attribute (as a dataset name). */
export const THEME: [keyof Theme, string, string, string][] = [
  ['primary_color', 'primary', '#1d4ed8', 'color'],
  ['text_color', 'text', '#1f2937', 'textColor'],
  ['background_color', 'bg', '#fff', 'backgroundColor'],
  ['radius', 'radius', '8px', 'radius'],
  ['font_family', 'font', 'system-ui,sans-serif', 'fontFamily'],
];

/**
 * Black or white, whichever contrasts more with a #rgb or #rrggbb background
 * (WCAG relative luminance): the better of the two is always at least 4.58:1,
 * so any brand colour gives AA button text. Other colour syntaxes get white.
 */
export function onColor(color: string): string {
  let hex = /^#([\da-f]{3}){1,2}$/i.test(color) ? color.slice(1) : '000';
  if (hex.length === 3) hex = hex.replace(/./g, '$&$&');
  const rgb = parseInt(hex, 16);
  const luminance = [16, 8, 0].reduce((sum, shift, i) => {
    const c = ((rgb >> shift) & 255) / 255;
    return sum + [0.2126, 0.7152, 0.0722][i]! * (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  }, 0);
  return luminance > 0.179 ? '#000' : '#fff';
}

/**
 * Puts the theme on the host element as --lh-* custom properties: the page's
 * own stylesheet and :root stay untouched. Later themes win (the site key's,
 * then the script tag's data-* attributes).
 */
export function applyTheme(host: HTMLElement, ...themes: (Theme | undefined)[]): void {
  let primary = '';
  for (const [key, name, fallback] of THEME) {
    const value = themes.reduce((v, theme) => theme?.[key] || v, fallback);
    host.style.setProperty(`--lh-${name}`, value);
    primary ||= value;
  }
  host.style.setProperty('--lh-on-primary', onColor(primary.trim()));
}
