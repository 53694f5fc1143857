import type { Request } from 'express';

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/**
 * Whether a GET or HEAD may be answered 304 Not Modified: its If-None-Match
 * lists `etag` (weak comparison, RFC 9110 section 13.1.2) or is `*`.
 *
 * Not Express's `req.fresh`: that says "stale" whenever the request carries
 * `Cache-Control: no-cache`, which `fetch()` adds to every conditional request
 * it makes itself, so a page revalidating with the ETag it holds would always
 * get the whole body again. no-cache asks a cache to check with us; we are
 * the origin, and checking is exactly what If-None-Match does.
 */
export function notModified(req: Request, etag: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const header = req.get('If-None-Match');
  if (!header) return false;
  if (header.trim() === '*') return true;
  const wanted = opaque(etag);
  return header.split(',').some((tag) => opaque(tag) === wanted);
}
