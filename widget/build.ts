import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform, type BuildOptions, type OutputFile, type Plugin } from 'esbuild';
import { checkBudget, describeSizes, measure, type Sizes } from './size-check.js';

/**
 * Builds the embeddable widget into two IIFE chunks:
 * - widget.js (and widget.<hash>.js): Preact, the frame and step 1, all a
 *   visitor downloads before the first step shows (the size budget's scope);
 * - widget-steps.<hash>.js: steps 2-4, validation, sending and the outbox,
 *   fetched by widget.js right after step 1 is on screen.
 * Run directly (`npm run build:widget`) it fails above the size budget.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = path.join(ROOT, 'widget/src');
export const WIDGET_DIST = path.join(ROOT, 'dist/widget');

export interface WidgetManifest {
  /** The hashed, immutable copy of widget.js. */
  entry: string;
  steps: string;
  /** Every file served, by name. */
  files: string[];
  sizes: Sizes;
  builtAt: string;
}

/** Stylesheets become minified strings the first chunk puts into its shadow root. */
const cssAsText: Plugin = {
  name: 'css-as-text',
  setup(b) {
    b.onLoad({ filter: /\.css$/ }, async (args) => {
      const { code } = await transform(await readFile(args.path, 'utf8'), { loader: 'css', minify: true });
      return { contents: `export default ${JSON.stringify(code.trim())}`, loader: 'js' };
    });
  },
};

/** In the second chunk, `preact` is the first chunk's copy (one Preact per page, and no second download of it). */
const sharedPreact: Plugin = {
  name: 'shared-preact',
  setup(b) {
    b.onResolve({ filter: /^preact(\/jsx-runtime)?$/ }, () => ({ path: 'preact', namespace: 'lh-shared' }));
    b.onLoad({ filter: /.*/, namespace: 'lh-shared' }, () => ({
      contents: 'const p = window.LeadHarbor._.p; export const Component = p.Component, Fragment = p.Fragment, jsx = p.jsx, jsxs = p.jsxs;',
      loader: 'js',
    }));
  },
};

/**
 * In the first chunk, `preact/jsx-runtime` is a two-line wrapper around
 * Preact's own createElement (which render() needs anyway), instead of the
 * runtime's second vnode factory: the same vnodes, ~130 bytes gzipped less.
 */
const slimJsx: Plugin = {
  name: 'slim-jsx',
  setup(b) {
    b.onResolve({ filter: /^preact\/jsx-runtime$/ }, () => ({ path: 'jsx-runtime', namespace: 'lh-jsx' }));
    b.onLoad({ filter: /.*/, namespace: 'lh-jsx' }, () => ({
      contents: `import { createElement, Fragment } from 'preact';
export { Fragment };
export const jsx = (type, props, key) => createElement(type, key === undefined ? props : { ...props, key });
export const jsxs = jsx;`,
      loader: 'js',
      resolveDir: SRC,
    }));
  },
};

const common: BuildOptions = {
  bundle: true,
  write: false,
  format: 'iife',
  minify: true,
  sourcemap: 'linked',
  target: 'es2020',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  logLevel: 'silent',
  plugins: [cssAsText],
};

const hashOf = (text: string) => createHash('sha256').update(text).digest('base64url').replace(/[-_]/g, '').slice(0, 10);

/** Writes through a temporary name, so a server reading the folder never sees half a file. */
async function put(dir: string, name: string, contents: string | Uint8Array): Promise<void> {
  const temporary = path.join(dir, `.${name}.${process.pid}.tmp`);
  await writeFile(temporary, contents);
  await rename(temporary, path.join(dir, name));
}

const pick = (files: OutputFile[], ext: string) => files.find((f) => f.path.endsWith(ext))!;

/** Builds both chunks into `outDir` and writes manifest.json last. Does not judge the size: see checkBudget. */
export async function buildWidget(outDir = WIDGET_DIST): Promise<WidgetManifest> {
  await mkdir(outDir, { recursive: true });
  const steps = await build({
    ...common, entryPoints: [path.join(SRC, 'steps.ts')], outdir: outDir, entryNames: 'widget-steps.[hash]',
    plugins: [cssAsText, sharedPreact],
  });
  const stepsJs = pick(steps.outputFiles!, '.js');
  const stepsName = path.basename(stepsJs.path);

  const main = await build({
    ...common, entryPoints: [path.join(SRC, 'main.tsx')], outfile: path.join(outDir, 'widget.js'), plugins: [cssAsText, slimJsx],
    define: { ...common.define, __STEPS__: JSON.stringify(stepsName) },
  });
  const mainJs = pick(main.outputFiles!, '.js').text;
  const mainMap = pick(main.outputFiles!, '.map').text;
  const entry = `widget.${hashOf(mainJs)}.js`;

  const previous = await readFile(path.join(outDir, 'manifest.json'), 'utf8').then((t) => JSON.parse(t) as WidgetManifest).catch(() => null);
  const outputs: [string, string][] = [
    ['widget.js', mainJs], ['widget.js.map', mainMap],
    // The hashed copy points at its own map name, so both URLs debug alike.
    [entry, mainJs.replace(/widget\.js\.map$/m, `${entry}.map`)], [`${entry}.map`, mainMap],
    [stepsName, stepsJs.text], [`${stepsName}.map`, pick(steps.outputFiles!, '.map').text],
  ];
  for (const [name, text] of outputs) await put(outDir, name, text);

  const manifest: WidgetManifest = {
    entry, steps: stepsName, files: outputs.map(([name]) => name),
    sizes: measure(mainJs, stepsJs.text), builtAt: new Date().toISOString(),
  };
  await put(outDir, 'manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);

  // Hashed files of older builds go, except the previous build's: a widget.js still in a browser cache may ask for them.
  const keep = new Set([...manifest.files, ...(previous?.files ?? []), 'manifest.json']);
  for (const name of await readdir(outDir)) {
    if (/^widget(-steps)?\.[A-Za-z0-9]+\.js(\.map)?$/.test(name) && !keep.has(name)) await rm(path.join(outDir, name), { force: true });
  }
  return manifest;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2] ? path.resolve(process.argv[2]) : WIDGET_DIST;
  buildWidget(outDir).then((manifest) => {
    console.log(`Widget built in ${path.relative(process.cwd(), outDir) || '.'}: ${manifest.entry}, ${manifest.steps}`);
    console.log(describeSizes(manifest.sizes));
    const over = checkBudget(manifest.sizes);
    if (over) {
      console.error(over);
      process.exitCode = 1;
    }
  }, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
