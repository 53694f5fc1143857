/**
 * WCAG 2 contrast, computed as the standard defines it, so a test can check
 * a colour pair whatever wrote it (a hex in a module, or a browser's
 * computed `rgb(…)`).
 */

/** `#1E40AF`, `#fff` or `rgb(30, 64, 175)` / `rgba(…, 1)` as [r, g, b] in 0-255. */
export function parseColour(colour: string): [number, number, number] {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join('') : hex[1]!;
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
  }
  const rgb = /^rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)(?:[,\s/]+([\d.]+))?\s*\)$/.exec(colour.trim());
  if (!rgb) throw new Error(`Not a colour this check reads: ${colour}`);
  if (rgb[4] !== undefined && Number(rgb[4]) !== 1) throw new Error(`A translucent colour has no contrast of its own: ${colour}`);
  return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
}

/** WCAG relative luminance (0 black to 1 white). */
export function relativeLuminance(colour: string): number {
  const [r, g, b] = parseColour(colour).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colours, 1 to 21; WCAG AA asks 4.5 for normal text. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

export const AA_NORMAL_TEXT = 4.5;
