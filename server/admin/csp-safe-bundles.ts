import { readFile } from 'node:fs/promises';
import { Router as AdminRouter } from 'adminjs';
import express, { type Router } from 'express';

/**
 * AdminJS's prebuilt bundles find the global object the webpack-4 way,
 * `(function () { return this })() || new Function('return this')()`. In
 * their strict-mode code the first part is `undefined`, so the browser
 * evaluates a string as code: the admin's CSP (no `unsafe-eval`) refuses it,
 * the bundle falls back to `window`, and a violation is reported on every
 * page. This serves those bundles with the expression replaced by
 * `globalThis` (what it computes), so the admin runs with zero violations.
 */
const FIND_GLOBAL = /(?:new\s+)?Function\(\s*(["'])return this\1\s*\)\(\)/g;
const BUNDLES = new Set(['/frontend/assets/app.bundle.js', '/frontend/assets/global.bundle.js', '/frontend/assets/design-system.bundle.js']);

/** A bundle's source with every `new Function('return this')()` replaced by `globalThis`. */
export const withoutGlobalEval = (source: string) => source.replace(FIND_GLOBAL, 'globalThis');

/** Mount at the admin's root path, before AdminJS's router. */
export function cspSafeBundles(): Router {
  const router = express.Router();
  for (const asset of AdminRouter.assets.filter((a) => BUNDLES.has(a.path))) {
    let body: Promise<string> | undefined;
    router.get(asset.path, (_req, res, next) => {
      body ??= readFile(asset.src, 'utf8').then(withoutGlobalEval);
      body.then((js) => res.type('application/javascript').send(js), (error: unknown) => { body = undefined; next(error); });
    });
  }
  return router;
}
