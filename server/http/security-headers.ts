import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { Config } from '../config.js';

/**
 * Security headers on every response, per face of the app:
 *
 * - **admin** (`/admin…`, its fonts and stylesheet): a CSP whose scripts are
 *   the same-origin bundles plus AdminJS's inline scripts carrying this
 *   response's nonce (no `unsafe-inline`, no `unsafe-eval`); styles may be
 *   inline (styled-components injects `<style>`); no framing at all; the
 *   Referer (admin URLs carry searches for names, emails and phones) only
 *   to the admin itself.
 * - **public** (`/widget*.js`, `/api/…`): loaded by partner pages of other
 *   origins, so `Cross-Origin-Resource-Policy: cross-origin`; a CSP that
 *   allows nothing (a JSON or JS response is never a page). `/api/docs`
 *   replaces the CSP with its own hash-based one.
 * - **everything else** (`/health`, 404s): as public, but same-origin.
 *
 * All faces: `nosniff`, `X-Frame-Options: DENY`, `Referrer-Policy`
 * (`no-referrer` outside the admin), no COEP (it would break the widget's
 * cross-origin loads), HSTS only in production (one year, subdomains).
 */

/** Where the admin's CSP nonce for this response is kept (read by server/admin/safe-html.ts). */
const NONCE_LOCAL = 'cspNonce';

const ADMIN_PREFIXES = ['/admin', '/admin-fonts', '/admin-assets'];
const PUBLIC = /^\/(widget[A-Za-z0-9.-]*\.js(\.map)?$|api(\/|$))/;

const isAdminPath = (path: string) => ADMIN_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
const nonceOf = (res: ServerResponse) => String((res as Response).locals[NONCE_LOCAL]);

/** Nothing may load, run, frame or be framed: for responses that are not pages. */
const NOTHING = {
  defaultSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"],
};

const ADMIN_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", (_req: IncomingMessage, res: ServerResponse) => `'nonce-${nonceOf(res)}'`],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export function securityHeaders(config: Pick<Config, 'NODE_ENV'>): RequestHandler {
  const common = {
    strictTransportSecurity: config.NODE_ENV === 'production' ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' as const },
    crossOriginEmbedderPolicy: false,
  };
  const admin = helmet({
    ...common,
    contentSecurityPolicy: { useDefaults: false, directives: ADMIN_CSP_DIRECTIVES },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  const publicFace = helmet({
    ...common,
    contentSecurityPolicy: { useDefaults: false, directives: NOTHING },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  const other = helmet({
    ...common,
    contentSecurityPolicy: { useDefaults: false, directives: NOTHING },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  return (req, res, next) => {
    const path = req.path.toLowerCase(); // Express matches mount paths case-insensitively: /ADMIN is the admin too
    if (isAdminPath(path)) {
      res.locals[NONCE_LOCAL] = randomBytes(18).toString('base64');
      admin(req, res, next);
    } else if (PUBLIC.test(path)) {
      publicFace(req, res, next);
    } else {
      other(req, res, next);
    }
  };
}
