import { MESSAGES } from '../../models/lead-rules.js';
import { IDEMPOTENCY_WINDOW_HOURS } from './idempotency.js';

/**
 * Every `code` the intake API can answer with, and what it means for the
 * caller. The OpenAPI document lists them per response (as examples keyed by
 * code) and the docs page renders them; keep this in step with the
 * AppErrors thrown in server/intake and server/errors.ts.
 */
export interface ProblemCode {
  code: string;
  status: number;
  meaning: string;
}

export const PROBLEM_CODES = [
  { code: 'invalid_json', status: 400, meaning: 'The body is empty or is not valid JSON.' },
  { code: 'invalid_body', status: 400, meaning: 'The body could not be read: the upload broke off, its gzip or deflate compression is corrupt, or its bytes are not valid UTF-8 (they are never repaired).' },
  { code: 'missing_key', status: 401, meaning: 'No key was sent. Send X-Lead-Key: pk_… from a page, or Authorization: Bearer sk_… from a server.' },
  { code: 'invalid_key', status: 401, meaning: 'The key is malformed, unknown, revoked or inactive, or sent in the wrong header (a secret key in X-Lead-Key).' },
  { code: 'origin_required', status: 403, meaning: 'A publishable key was used without an Origin header (not from a browser). Servers use a secret key.' },
  { code: 'origin_not_allowed', status: 403, meaning: "The page's origin is not among the site key's allowed origins. Add it in LeadHarbor under Integrations." },
  { code: 'secret_key_required', status: 403, meaning: 'This endpoint is for servers: use Authorization: Bearer sk_….' },
  { code: 'not_found', status: 404, meaning: "No such submission for this key's organization, or no such route." },
  { code: 'idempotency_conflict', status: 409, meaning: `The Idempotency-Key was used in the last ${IDEMPOTENCY_WINDOW_HOURS} hours with a different body. Use a new key for a new submission.` },
  { code: 'payload_too_large', status: 413, meaning: 'The body is larger than 16 kB.' },
  { code: 'unsupported_media_type', status: 415, meaning: 'Send Content-Type: application/json (or text/plain holding JSON), in UTF-8.' },
  { code: 'unsupported_content_encoding', status: 415, meaning: 'The Content-Encoding is not one the API decompresses: send the body uncompressed, or as gzip or deflate.' },
  { code: 'validation_failed', status: 422, meaning: 'Some fields are invalid: `errors` lists each one with a code and a message to show.' },
  { code: 'rate_limited', status: 429, meaning: 'Too many submissions from this address or with this key. Wait for Retry-After seconds.' },
  { code: 'internal_error', status: 500, meaning: 'An unexpected error. The detail holds a reference for support; nothing is guaranteed saved.' },
  { code: 'database_unavailable', status: 503, meaning: 'LeadHarbor is briefly unavailable and nothing was saved. Retry after Retry-After seconds with the same Idempotency-Key.' },
] as const satisfies readonly ProblemCode[];

export type ProblemCodeName = (typeof PROBLEM_CODES)[number]['code'];
/** The codes alone: the document's `Problem.code` enum. */
export const PROBLEM_CODE_NAMES = PROBLEM_CODES.map((p) => p.code) as [ProblemCodeName, ...ProblemCodeName[]];

export interface FieldErrorCode {
  code: string;
  message: string;
}

/** Messages that take a value are shown with a placeholder. */
const TEMPLATE_MESSAGES: Record<string, string> = {
  too_long: MESSAGES.too_long(0).replace('0', 'N'),
  invalid_type: MESSAGES.invalid_type('<the expected type>'),
  zip_state_mismatch: MESSAGES.zip_state_mismatch({ zip: '10001', zipState: 'NY', state: 'CA' }),
};

/** The codes of `errors[].code`: the shared field rules first, then the ones only the server can check. */
export const FIELD_ERROR_CODES: readonly FieldErrorCode[] = [
  ...Object.entries(MESSAGES).map(([code, message]) => ({ code, message: typeof message === 'string' ? message : TEMPLATE_MESSAGES[code] ?? 'The message names the limit.' })),
  { code: 'unknown_field', message: 'The body has a field the API does not accept; the message suggests the closest accepted one.' },
  { code: 'invalid_value', message: 'The value breaks a rule not listed here; the message says which.' },
  { code: 'unknown_product', message: 'No active product has that slug and it is not a product type.' },
  { code: 'product_not_offered', message: 'The product is not among those the site key offers.' },
  { code: 'unknown_campaign', message: 'No active campaign of the organization has that slug.' },
  { code: 'invalid_idempotency_key', message: 'The Idempotency-Key header is not 1 to 255 visible ASCII characters.' },
  { code: 'idempotency_conflict', message: 'The Idempotency-Key was already used with a different body.' },
];
