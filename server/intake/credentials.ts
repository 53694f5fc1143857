import type { Request } from 'express';
import { AppError } from '../errors.js';
import { BEARER_CHALLENGE, invalidKey } from './intake.errors.js';
import { hashSecretKey } from '../auth/keys.js';
import type { Credential } from './intake.service.js';

const PUBLISHABLE = /^pk_[A-Za-z0-9]{24,61}$/;
const SECRET = /^sk_[A-Za-z0-9]{24,61}$/;

/**
 * The caller's key: `Authorization: Bearer sk_…` from a server, or
 * `X-Lead-Key: pk_…` from a page (or `?key=pk_…` where a page must avoid a
 * preflight, see widget-config). A malformed key is refused here without a
 * database query; whether it exists is the database's call.
 */
export function readCredential(req: Request, { allowQuery = false, publishableOnly = false } = {}): Credential {
  const authorization = req.get('Authorization');
  if (authorization && !publishableOnly) {
    const [scheme, token = ''] = authorization.trim().split(/\s+/, 2);
    if (scheme?.toLowerCase() !== 'bearer') throw invalidKey('Use "Authorization: Bearer sk_…" with a secret key.');
    if (token.startsWith('pk_')) throw invalidKey('A publishable key (pk_…) goes in the X-Lead-Key header, not Authorization.');
    if (!SECRET.test(token)) throw invalidKey('That is not a LeadHarbor secret key (sk_ followed by letters and digits).');
    return { kind: 'sk', hash: hashSecretKey(token) };
  }
  const key = req.get('X-Lead-Key') ?? (allowQuery && typeof req.query.key === 'string' ? req.query.key : undefined);
  if (!key) {
    throw new AppError('missing_key', 401, publishableOnly
      ? 'Send the site key in the X-Lead-Key header or the key query parameter.'
      : 'Send a key: X-Lead-Key: pk_… from a web page, or Authorization: Bearer sk_… from a server.',
    [], { 'WWW-Authenticate': BEARER_CHALLENGE });
  }
  if (key.startsWith('sk_')) throw invalidKey('Never put a secret key (sk_…) in a page. Use Authorization: Bearer from your server, or a publishable key here.');
  if (!PUBLISHABLE.test(key.trim())) throw invalidKey('That is not a LeadHarbor publishable key (pk_ followed by letters and digits).');
  return { kind: 'pk', key: key.trim() };
}
