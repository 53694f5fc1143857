import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { AppError } from '../errors.js';
import { notModified } from '../http/conditional.js';
import type { Logger } from '../logger.js';
import { WIDGET_STUB_CACHE, WIDGET_STUB_JS } from './widget-stub.js';

export interface WidgetAssetsOptions {
  /** Folder holding the built widget (manifest.json and the chunks); default `<project>/dist/widget`. */
  dir?: string;
  /**
   * Build the widget on the first request when it is missing or older than its
   * sources, so `npm start` and the tests need no separate step. Off in
   * production, where `npm run build` must have built it.
   */
  buildOnDemand: boolean;
  logger?: Logger;
}

interface Asset { body: Buffer; gzip: Buffer; br: Buffer; etag: string; type: string }

/** The project folder: the nearest ancestor with a package.json (this file runs from server/ under tsx and from dist/server/ compiled). */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** `widget-steps.<hash>.js` and `widget.<hash>.js` never change: cached for a year. */
const HASHED = /^widget(-steps)?\.[A-Za-z0-9]+\.js(\.map)?$/;
const SHORT = new Set(['widget.js', 'widget.js.map']);
const SHORT_CACHE = 'public, max-age=300';
const IMMUTABLE = 'public, max-age=31536000, immutable';

function asset(body: Buffer, name: string): Asset {
  return {
    body,
    gzip: gzipSync(body, { level: 9 }),
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    type: name.endsWith('.map') ? 'application/json; charset=utf-8' : 'application/javascript; charset=utf-8',
  };
}

/** Newest modification time among the widget's sources (and the shared rules it bundles). */
async function newestSource(root: string): Promise<number> {
  const files = [
    ...(await readdir(path.join(root, 'widget/src'))).map((f) => path.join(root, 'widget/src', f)),
    path.join(root, 'widget/build.ts'), path.join(root, 'models/lead-rules.ts'), path.join(root, 'models/value-sets.ts'),
  ];
  const times = await Promise.all(files.map((f) => stat(f).then((s) => s.mtimeMs, () => 0)));
  return Math.max(...times);
}

/**
 * Serves the embeddable widget: `GET /widget.js` (5-minute cache with an
 * ETag, so a new release reaches pages within minutes), the content-hashed
 * `/widget.<hash>.js` and `/widget-steps.<hash>.js` (immutable for a year),
 * and their source maps, and the pre-load stub `/widget-stub.js` (a day).
 * Readable from any origin, as public scripts are;
 * gzip or brotli when the browser accepts it (precompressed once).
 */
export function widgetAssets({ dir, buildOnDemand, logger }: WidgetAssetsOptions): Router {
  const root = projectRoot();
  const folder = dir ?? path.join(root, 'dist/widget');
  const manifestPath = path.join(folder, 'manifest.json');
  const hashed = new Map<string, Promise<Asset | null>>();
  let current: { mtime: number; assets: Promise<Map<string, Asset>> } | null = null;
  let built: Promise<void> | null = null;

  /** Builds once per process when the files are missing or stale; a failure is reported to every request until a restart. */
  const ensureBuilt = () => (built ??= (async () => {
    const manifestTime = await stat(manifestPath).then((s) => s.mtimeMs, () => 0);
    if (!buildOnDemand || (manifestTime > 0 && manifestTime >= await newestSource(root).catch(() => 0))) return;
    const started = Date.now();
    // A child process: esbuild's API does not run inside Jest's module sandbox, and the server never loads esbuild itself.
    await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(root, 'widget/build.ts'), folder], { cwd: root });
    logger?.info(`Widget built on demand in ${Date.now() - started} ms (${path.relative(root, folder)})`);
  })());

  /** widget.js and its map, reloaded whenever the manifest changes (a new build). */
  async function latest(): Promise<Map<string, Asset>> {
    const mtime = (await stat(manifestPath)).mtimeMs;
    if (current?.mtime !== mtime) {
      const assets = Promise.all([...SHORT].map(async (name) => [name, asset(await readFile(path.join(folder, name)), name)] as const))
        .then((entries) => new Map(entries));
      current = { mtime, assets };
      assets.catch(() => { current = null; });
    }
    return current.assets;
  }

  const find = async (name: string): Promise<Asset | null> => {
    if (SHORT.has(name)) return (await latest()).get(name) ?? null;
    if (!hashed.has(name)) {
      const loading = readFile(path.join(folder, name)).then((body) => asset(body, name), () => null);
      hashed.set(name, loading);
      // A file of a build not made yet may appear later: remember only what was found.
      void loading.then((found) => { if (!found) hashed.delete(name); });
    }
    return hashed.get(name)!;
  };

  const router = express.Router();
  const stub = asset(Buffer.from(WIDGET_STUB_JS), 'widget-stub.js');
  router.get('/widget-stub.js', (req: Request, res: Response) => send(req, res, stub, WIDGET_STUB_CACHE));
  router.get(/^\/widget[A-Za-z0-9.-]*\.js(\.map)?$/, (req: Request, res: Response, next: NextFunction) => {
    const name = req.path.slice(1);
    if (!SHORT.has(name) && !HASHED.test(name)) return next();
    void (async () => {
      try {
        await ensureBuilt();
      } catch (error) {
        logger?.error('Building the widget failed', error);
        throw new AppError('widget_build_failed', 503, 'Building the widget failed; run `npm run build:widget` to see why.');
      }
      const found = await find(name).catch(() => {
        throw new AppError('widget_not_built', 503, 'The widget is not built. Run `npm run build:widget` (or `npm run build`).', [], { 'Retry-After': '30' });
      });
      if (!found) return next();
      send(req, res, found, SHORT.has(name) ? SHORT_CACHE : IMMUTABLE);
    })().catch(next);
  });
  return router;
}

/** Answers with a public script (or map): readable from any origin, compressed when the browser accepts it, 304 for a matching ETag. */
function send(req: Request, res: Response, found: Asset, cache: string): void {
  res.set({
    'Content-Type': found.type,
    'Cache-Control': cache,
    ETag: found.etag,
    Vary: 'Accept-Encoding',
    'Access-Control-Allow-Origin': '*',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'X-Content-Type-Options': 'nosniff',
  });
  if (notModified(req, found.etag)) return void res.status(304).end();
  const encoding = req.acceptsEncodings('br', 'gzip', 'identity');
  const body = encoding === 'br' ? found.br : encoding === 'gzip' ? found.gzip : found.body;
  if (body !== found.body) res.set('Content-Encoding', encoding as string);
  res.send(body);
}
