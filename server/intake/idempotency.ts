import type { FieldError } from '../errors.js';

/**
 * How long an `Idempotency-Key`'s first answer is kept for replays: the one
 * definition. intake_submit() receives it in each request
 * (`idempotency_hours`), and the maintenance sweep deletes older keys.
 */
export const IDEMPOTENCY_WINDOW_HOURS = 24;
export const IDEMPOTENCY_KEY_MAX = 255;

/** The field error of a key reused with a different body (the 409's `errors`). */
export const IDEMPOTENCY_CONFLICT: FieldError = {
  field: 'Idempotency-Key', code: 'idempotency_conflict',
  message: `Already used with a different body in the last ${IDEMPOTENCY_WINDOW_HOURS} hours.`,
};
