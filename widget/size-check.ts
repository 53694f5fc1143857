import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * The widget's size budget: at most 8 kB (8,192 bytes) minified and gzipped
 * for everything a visitor downloads before the first step shows. That is
 * widget.js alone: the second chunk is requested only once step 1 is on
 * screen, so it is reported but not counted.
 */
export const BUDGET_GZIP_BYTES = 8 * 1024;

export interface Sizes {
  /** widget.js (the first chunk). */
  first: { min: number; gzip: number };
  /** widget-steps.<hash>.js (the second chunk). */
  steps: { min: number; gzip: number };
}

const gzip = (text: string) => gzipSync(Buffer.from(text), { level: 9 }).length;
// The source map comment is a few bytes of every download, so it counts.
const sized = (text: string) => ({ min: Buffer.byteLength(text), gzip: gzip(text) });

export const measure = (first: string, steps: string): Sizes => ({ first: sized(first), steps: sized(steps) });

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} kB`;

export function describeSizes({ first, steps }: Sizes): string {
  return [
    `  first chunk (widget.js, counted): ${kb(first.min)} min, ${kb(first.gzip)} min+gzip (${first.gzip} bytes; budget ${BUDGET_GZIP_BYTES})`,
    `  second chunk (after step 1):      ${kb(steps.min)} min, ${kb(steps.gzip)} min+gzip`,
    `  both:                             ${kb(first.min + steps.min)} min, ${kb(first.gzip + steps.gzip)} min+gzip`,
  ].join('\n');
}

/** A message when the first chunk is over budget, else null. */
export function checkBudget(sizes: Sizes): string | null {
  return sizes.first.gzip > BUDGET_GZIP_BYTES
    ? `Widget size budget exceeded: widget.js is ${sizes.first.gzip} bytes min+gzip, the budget is ${BUDGET_GZIP_BYTES}.`
    : null;
}

/** Standalone: measures the built files in dist/widget (or the folder given) and fails above the budget. */
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(process.argv[2] ?? fileURLToPath(new URL('../dist/widget', import.meta.url)));
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as { steps: string };
  const sizes = measure(await readFile(path.join(dir, 'widget.js'), 'utf8'), await readFile(path.join(dir, manifest.steps), 'utf8'));
  console.log(describeSizes(sizes));
  const over = checkBudget(sizes);
  if (over) {
    console.error(over);
    process.exitCode = 1;
  }
}
