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
export const INVALID_TOKEN_CHALLENGE = `${BEARER_CHALLENGE}, error="invalid_token"`;

export const invalidKey = (detail = 'The key is unknown, revoked or inactive. Check the key in LeadHarbor under Integrations.') =>
  new AppError('invalid_key', 401, detail, [], { 'WWW-Authenticate': INVALID_TOKEN_CHALLENGE });

/** The refusal as the error the client gets: the status, a sentence that says what to do, and the field when there is one. */
export function intakeRefusal(refusal: IntakeRefusal, body: Pick<LeadSubmissionBody, 'product' | 'campaign'>): AppError {
  switch (refusal.error) {
    case 'invalid_key':
      return invalidKey();
    case 'origin_required':
      return new AppError('origin_required', 403, 'A publishable key only works from a web page (with an Origin header). Servers use a secret key: Authorization: Bearer sk_….');
    case 'origin_not_allowed':
      return new AppError('origin_not_allowed', 403, "This page's origin is not among the key's allowed origins. Add it to the site key in LeadHarbor under Integrations.");
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
