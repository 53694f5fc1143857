import { MESSAGES, SLUG_PATTERN } from './lead-rules.js';
import { isTimeZone, TIME_ZONE_MESSAGE } from './time-zones.js';

/**
 * Validators with messages written for the people who read them: admin
 * staff see these under the field, not Sequelize's "Validation isEmail on
 * email failed". The lead rules' words are reused, never retyped.
 */
export const REQUIRED = {
  notNull: { msg: MESSAGES.required },
  notEmpty: { msg: MESSAGES.required },
};

export const EMAIL = { isEmail: { msg: MESSAGES.invalid_email } };

export function oneOf(values: readonly string[]) {
  return { isIn: { args: [[...values]], msg: `Choose one of: ${values.join(', ')}.` } };
}

export const rangeMessage = (min: number, max: number) => `Enter a number from ${min} to ${max}.`;

export function between(min: number, max: number) {
  const msg = rangeMessage(min, max);
  return { min: { args: [min] as [number], msg }, max: { args: [max] as [number], msg } };
}

/** For `unique` column options: the unique index (as the migration names it) and the message when the value is taken. */
export function taken(what: string, index: string) {
  return { name: index, msg: `This ${what} is already used. Choose another.` };
}

/** A zone of models/time-zones.ts, and nothing else (an alias, a made-up name, a list from a flattened `timezone.0`). */
export const TIME_ZONE = {
  isTimeZone(value: unknown) {
    if (!isTimeZone(value)) throw new Error(TIME_ZONE_MESSAGE);
  },
};

/**
 * A slug as the intake and partner links spell it (SLUG_PATTERN): a typed one
 * in capitals or with spaces is refused rather than quietly rewritten, so
 * what staff copy into a link is exactly what was saved. Blank is REQUIRED's
 * message (the admin makes a blank slug from the name before this runs).
 */
export const SLUG = {
  isSlug(value: unknown) {
    if (typeof value === 'string' && value !== '' && !SLUG_PATTERN.test(value)) throw new Error(MESSAGES.invalid_slug);
  },
};
