import { PRODUCT_TYPES } from '../../models/value-sets.js';
import { AppError } from '../errors.js';
import { IDEMPOTENCY_CONFLICT } from './idempotency.js';
import type { LeadSubmissionBody } from './intake.schema.js';

/** What intake_submit() answers instead of storing a submission. */
export type IntakeRefusal =
  | { error: 'invalid_key' | 'origin_required' | 'origin_not_allowed' | 'idempotency_conflict' | 'unknown_product' | 'product_not_offered' | 'unknown_campaign' }
  | { error: 'rate_limited'; retry_after: number; budget: 'ip' | 'key' };

/** The challenge when no key was sent (RFC 6750 section 3: no error code then). */
export const BEARER_CHALLENGE = 'Bearer realm="leadharbor"';
/** The challenge when the key sent is malformed, unknown, revoked or inactive (RFC 6750 section 3.1). */
const INVALID_TOKEN_CHALLENGE = `${BEARER_CHALLENGE}, error="invalid_token"`;

export const invalidKey = (detail: string) =>
  new AppError('invalid_key', 401, detail, [], { 'WWW-Authenticate': INVALID_TOKEN_CHALLENGE });

/** A well-formed key no usable key matches; a publishable one is named, so a site's owner can compare it with the admin's. */
export const unknownKey = (publishable?: string) => invalidKey(publishable
  ? `The site key ${publishable} is unknown, revoked or inactive: check data-key against the key in LeadHarbor (Integrations > Site keys).`
  : 'The key is unknown, revoked or inactive. Check the key in LeadHarbor under Integrations.');

/**
 * The 403 of a page whose origin is not allowed, saying what its owner must
 * change: for one key (widget-config, a submission), or for every key (a
 * preflight, which carries none). An opaque origin cannot be allowed at all.
 */
export function originRefused(origin: string | null, forKey = true): AppError {
  return new AppError('origin_not_allowed', 403, origin === 'null'
    ? 'This page has no origin (Origin: null: a sandboxed iframe without allow-same-origin, or a file:// page), and a site key can only allow real origins. Embed the widget in a page served over http(s), or add allow-same-origin to the iframe\'s sandbox attribute.'
    : forKey
      ? `This site key does not allow ${origin}; add it to the key's allowed origins in LeadHarbor (Integrations > Site keys).`
      : `No site key allows ${origin}; add it to a site key's allowed origins in LeadHarbor (Integrations > Site keys).`);
}

/** The refusal as the error the client gets: the status, a sentence that says what to do, and the field when there is one. */
export function intakeRefusal(refusal: IntakeRefusal, body: Pick<LeadSubmissionBody, 'product' | 'campaign'>, origin: string | null): AppError {
  switch (refusal.error) {
    case 'invalid_key':
      return unknownKey();
    case 'origin_required':
      return new AppError('origin_required', 403, 'A publishable key only works from a web page (with an Origin header). Servers use a secret key: Authorization: Bearer sk_….');
    case 'origin_not_allowed':
      return originRefused(origin);
    case 'rate_limited':
      return new AppError('rate_limited', 429,
        `Too many submissions ${refusal.budget === 'ip' ? 'from this address' : 'with this key'}. Retry in ${refusal.retry_after} seconds.`,
        [], { 'Retry-After': String(refusal.retry_after) });
    case 'idempotency_conflict':
      return new AppError('idempotency_conflict', 409, 'This Idempotency-Key was already used with a different request body. Use a new key for a new submission.',
        [IDEMPOTENCY_CONFLICT]);
    case 'unknown_product':
      return new AppError('validation_failed', 422, 'The submission has an invalid field.',
        [{ field: 'product', code: 'unknown_product', message: `No active product or product type "${body.product}". Use a product slug or one of: ${PRODUCT_TYPES.join(', ')}.` }]);
    case 'product_not_offered':
      return new AppError('validation_failed', 422, 'The submission has an invalid field.',
        [{ field: 'product', code: 'product_not_offered', message: `"${body.product}" is not offered on this site. Choose one of the products the form lists.` }]);
    case 'unknown_campaign':
      return new AppError('validation_failed', 422, 'The submission has an invalid field.',
        [{ field: 'campaign', code: 'unknown_campaign', message: `No active campaign with the slug "${body.campaign}" in this organization.` }]);
  }
}
