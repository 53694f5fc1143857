import type { Request, Response } from 'express';
import { QueryTypes, type Sequelize } from 'sequelize';
import { AppError, isDatabaseUnavailable } from '../errors.js';
import { TtlCache } from './ttl-cache.js';
import { originRefused } from './intake.errors.js';

/** Browsers cap it (Chromium at 2 hours); one preflight per page view session is plenty. */
export const PREFLIGHT_MAX_AGE_SECONDS = 7200;
const ALLOWED_HEADERS = 'Content-Type, X-Lead-Key, Idempotency-Key';
const EXPOSED_HEADERS = 'Location, Retry-After, Idempotent-Replayed, ETag';
export const CORS_CACHE_SECONDS = 10;
/**
 * How long a cached "allowed" keeps answering while the database is down: the
 * page can then still send its request and read the 503's Retry-After. Nothing
 * is stored meanwhile (the submission itself needs the database), so an origin
 * removed during an outage gains nothing but a readable error.
 */
const CORS_STALE_IF_ERROR_SECONDS = 6 * 3600;

/**
 * CORS for the intake API. Whether an origin may call is decided by the SQL
 * function origin_allowed() (the same one intake_submit() enforces); answers
 * are cached for 10 seconds, so a newly allowed origin works within that.
 * `Access-Control-Allow-Origin` only ever echoes an origin allowed for the
 * key of the request (or, for a preflight, which carries no key, by some
 * active key). While the database is down, the last answer for an origin
 * keeps being used (for CORS_STALE_IF_ERROR_SECONDS).
 */
export function createCors(sequelize: Sequelize) {
  const staleIfError = { ms: CORS_STALE_IF_ERROR_SECONDS * 1000, useStale: isDatabaseUnavailable };
  const byKey = new TtlCache<boolean>(CORS_CACHE_SECONDS * 1000, 5000, staleIfError);
  const anyKey = new TtlCache<boolean>(CORS_CACHE_SECONDS * 1000, 5000, staleIfError);

  const ask = async (sql: string, bind: string[]) =>
    (await sequelize.query<{ ok: boolean }>(sql, { bind, type: QueryTypes.SELECT, plain: true }))?.ok === true;

  return {
    /** Sets the headers that let the page read this response. */
    allow(res: Response, origin: string): void {
      res.set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': EXPOSED_HEADERS });
    },

    /** Notes that the database has just allowed `origin` for `key` (intake_submit() enforced it), for error answers to come. */
    allowedNow(key: string, origin: string): void {
      byKey.set(`${key} ${origin}`, true);
      anyKey.set(origin, true);
    },

    /**
     * Lets any page read an error answer of a credential-free GET (a refused
     * key or origin, a 503): it says only what the page's owner must fix, and
     * without it the widget sees a network error and offers a retry that can
     * never work. `*` rather than the origin: a sandboxed frame sends
     * `Origin: null`, which should never be echoed as if it were allowed.
     */
    allowErrorBody(res: Response): void {
      // Retry-After too: a 503's wait is for the page to honour.
      res.set({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': EXPOSED_HEADERS });
    },

    /** Whether `origin` is allowed for the publishable key `key`. */
    allowedForKey(key: string, origin: string): Promise<boolean> {
      return byKey.get(`${key} ${origin}`, () => ask(
        'SELECT origin_allowed(s.allowed_origins, $2) AS ok FROM usable_site_keys() s WHERE s.key = $1', [key, origin]));
    },

    /** Answers a preflight: 204 with the CORS headers, or 403 when no active site key allows the origin. */
    async preflight(req: Request, res: Response, methods: string): Promise<void> {
      const origin = req.get('Origin');
      res.vary('Origin');
      if (!origin) throw new AppError('origin_required', 403, 'A CORS preflight needs an Origin header.');
      const allowed = await anyKey.get(origin, () => ask(
        'SELECT EXISTS (SELECT 1 FROM usable_site_keys() s WHERE origin_allowed(s.allowed_origins, $1)) AS ok', [origin]));
      if (!allowed) {
        throw originRefused(origin, false);
      }
      res.status(204).set({
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': methods,
        'Access-Control-Allow-Headers': ALLOWED_HEADERS,
        'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_SECONDS),
      }).end();
    },
  };
}

export type Cors = ReturnType<typeof createCors>;
