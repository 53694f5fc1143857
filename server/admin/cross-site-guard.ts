import express, { type Request, type RequestHandler, type Router } from 'express';
import { AppError } from '../errors.js';
import { ADMIN_ROOT } from './admin-paths.js';

/**
 * Where a request to the admin came from, as far as the browser proves it.
 * `Sec-Fetch-Site` (sent by every current browser, unforgeable by page
 * script) decides when present; a request without it (older browsers) must
 * carry an `Origin` or, failing that, a `Referer` of this very host. Anything
 * else (no header at all, `Origin: null`, a sibling subdomain) is unproven.
 */
export type Provenance = 'same-origin' | 'cross-site' | 'unproven';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `https://host:port` of a header value, or undefined when it is not an absolute http(s) URL. */
function originOf(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function sameHost(req: Request, value: string | undefined): Provenance {
  const url = value === undefined ? undefined : originOf(value);
  if (!url) return value === undefined ? 'unproven' : 'cross-site';
  // Compared with the Host header the browser sent (a page cannot forge it); over TLS the origin must be https too.
  const host = req.get('host');
  if (!host || url.host.toLowerCase() !== host.toLowerCase()) return 'cross-site';
  if (req.secure && url.protocol !== 'https:') return 'cross-site';
  return 'same-origin';
}

function requestProvenance(req: Request): Provenance {
  const site = req.get('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' ? 'same-origin' : 'cross-site';
  const origin = req.get('origin');
  if (origin !== undefined) return sameHost(req, origin);
  return sameHost(req, req.get('referer'));
}

const MESSAGE = 'This request did not come from the LeadHarbor admin, so it was not carried out. Open the admin and try again from there.';

/** Refuses (403, nothing run) a request that is not proven to come from the admin's own pages. */
const requireSameOrigin: RequestHandler = (req, res, next) => {
  if (requestProvenance(req) === 'same-origin') {
    next();
    return;
  }
  next(new AppError('cross_site_request', 403, MESSAGE, [], { 'Cache-Control': 'no-store' }, { href: ADMIN_ROOT, label: 'Open the admin' }));
};

/** Only for methods that can change something; page views and downloads stay linkable from anywhere. */
const requireSameOriginToChange: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method)) next();
  else requireSameOrigin(req, res, next);
};

/**
 * The guard in front of AdminJS's router, mounted in the same `app.use` as it
 * so every path spelling that reaches the router passes here first. It is a
 * router with Express's default matching (case-insensitive, trailing slash
 * optional), the same as the one @adminjs/express builds, so `/API/…` or
 * `/api/…/` cannot reach an API route without matching `/api` here.
 * Every API call needs proof, GETs included: AdminJS runs button-only actions
 * (pipeline steps, revoking a key) as GET requests, which an image tag or a
 * link on another site could otherwise trigger; so does signing out. Everything
 * else needs proof when it is not a plain read.
 */
export function crossSiteGuard(): Router {
  const guard = express.Router();
  guard.use('/api', requireSameOrigin);
  guard.all('/logout', requireSameOrigin); // AdminJS signs out on a GET: a link or an image elsewhere must not
  guard.use(requireSameOriginToChange);
  return guard;
}
