import { createHash } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { notModified } from '../../http/conditional.js';
import { DOCS_CSS } from './docs-page.css.js';
import { renderDocsPage } from './docs-page.js';
import { openApiDocument } from './openapi.js';
import { DOCS_PATH, OPENAPI_PATH } from '../intake-paths.js';

const sha256 = (text: string, encoding: 'base64' | 'base64url') => createHash('sha256').update(text).digest(encoding);

/** The page may use its own inline stylesheet and nothing else: no script, no frame, no request to anywhere. */
const DOCS_POLICY = `default-src 'none'; style-src 'sha256-${sha256(DOCS_CSS, 'base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** Both bodies change only with a deploy: revalidate after five minutes, cheaply (304) by ETag. */
const CACHE_CONTROL = 'public, max-age=300';

interface Cached { body: string; etag: string }

function cached(render: () => string): () => Cached {
  let memo: Cached | undefined;
  return () => {
    if (!memo) {
      const body = render();
      memo = { body, etag: `"${sha256(body, 'base64url').slice(0, 27)}"` };
    }
    return memo;
  };
}

function send(req: Request, res: Response, type: string, { body, etag }: Cached, headers: Record<string, string>): void {
  res.set({ ...headers, ETag: etag, 'Cache-Control': CACHE_CONTROL, 'X-Content-Type-Options': 'nosniff' });
  if (notModified(req, etag)) {
    res.status(304).end();
    return;
  }
  res.type(type).send(body);
}

/**
 * `GET /api/v1/openapi.json` and `GET /api/docs`: the intake API's contract,
 * as JSON for tools and as a page for people. Both are built on first
 * request and kept, since they only change with the code. Mount it at the
 * root: `app.use(docsRouter())`.
 */
export function docsRouter(): Router {
  const router = express.Router();
  const json = cached(() => JSON.stringify(openApiDocument()));
  const page = cached(() => renderDocsPage(openApiDocument(), { openApiPath: OPENAPI_PATH }));

  // Public and static, so any origin may read it: browser-based API tools load it cross-origin.
  router.get(OPENAPI_PATH, (req, res) => send(req, res, 'application/json', json(), { 'Access-Control-Allow-Origin': '*' }));
  router.get(DOCS_PATH, (req, res) => send(req, res, 'text/html; charset=utf-8', page(), {
    'Content-Security-Policy': DOCS_POLICY, 'Referrer-Policy': 'no-referrer',
  }));
  return router;
}
