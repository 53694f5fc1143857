import type { ParamsType, PropertyErrors } from 'adminjs';
import type { z } from 'zod';
import { leadContactErrors, normaliseLeadContact, type LeadContact } from '../../../models/lead-columns.js';
import { SCORE_MAX, SCORE_MIN } from '../../../models/value-sets.js';
import { rangeMessage } from '../../../models/validators.js';
import { leadSubmissionSchema } from '../../intake/intake.schema.js';

/**
 * The lead form held to the intake API's rules (one definition: the intake's
 * zod field schemas and models/lead-columns.ts): names, email, phone, date of
 * birth, state, ZIP and country are tidied and checked the same way, every
 * failing field is reported at once, and what passes is stored as intake
 * stores it (E.164 phone, upper-case state, lower-case email).
 *
 * Only what an edit changes is checked: a lead stored before these rules,
 * with a phone of "555", can still have its status changed. A change to the
 * country re-checks the fields it decides.
 */

const TEXT_COLUMNS = ['first_name', 'last_name', 'email', 'phone', 'date_of_birth', 'address', 'city', 'state', 'zip_code', 'country', 'notes'] as const;
type TextColumn = (typeof TEXT_COLUMNS)[number];

/** The columns each contact rule reads: a change to any of them checks the rule again. */
const READS: Record<keyof LeadContact, readonly TextColumn[]> = {
  phone: ['phone', 'country'], date_of_birth: ['date_of_birth'], state: ['state', 'zip_code', 'country'],
  zip_code: ['zip_code', 'state', 'country'], country: ['country'],
};

const DEFAULT_COUNTRY = 'USA';

export const SCORE_MESSAGE = rangeMessage(SCORE_MIN, SCORE_MAX);
export const AMOUNT_MESSAGE = 'Enter an amount in dollars, like 1250 or 1250.50.';

/**
 * A form's value as the intake would receive it. AdminJS has already made a
 * date of birth's "1985-04-12" a Date at that day's UTC midnight (the field
 * sends the day picked, in the picker's own zone: components/date-time-edit.tsx).
 */
function asSent(column: TextColumn, value: unknown): unknown {
  if (value === null) return '';
  if (column === 'date_of_birth' && value instanceof Date) return Number.isNaN(value.getTime()) ? 'not a date' : value.toISOString().slice(0, 10);
  return value;
}

function stored(value: unknown): string | null {
  return value === null || value === undefined || value === '' ? null : String(value);
}

export function leadFormRules(params: ParamsType, existing: ParamsType | null, now = new Date()): { params: ParamsType; errors: PropertyErrors } {
  const out: ParamsType = { ...params };
  const errors: PropertyErrors = {};
  const changed = new Set<TextColumn>();
  const values: Partial<Record<TextColumn, string | null>> = {};
  for (const column of TEXT_COLUMNS) {
    if (!Object.hasOwn(params, column)) continue;
    let sent = asSent(column, params[column]);
    if (column === 'country' && sent === '') sent = DEFAULT_COUNTRY;
    // The form sends every field: one it shows as saved is not checked again, whatever rules it predates.
    if (existing && typeof sent === 'string' && sent.trim() === (stored(existing[column]) ?? '')) continue;
    const parsed = (leadSubmissionSchema.shape[column] as z.ZodType<string | undefined>).safeParse(sent);
    const value = parsed.success ? parsed.data ?? null : null;
    if (parsed.success && value === stored(existing?.[column])) continue;
    changed.add(column);
    if (parsed.success) values[column] = value;
    else errors[column] = { message: parsed.error.issues[0]!.message, type: 'invalid' };
  }

  const current = (column: keyof LeadContact) => (Object.hasOwn(values, column) ? values[column] : stored(existing?.[column]));
  const contact: LeadContact = {
    phone: current('phone'), date_of_birth: current('date_of_birth'), state: current('state'), zip_code: current('zip_code'), country: current('country'),
  };
  for (const error of leadContactErrors(contact, now)) {
    if (!errors[error.field] && READS[error.field].some((column) => changed.has(column))) errors[error.field] = { message: error.message, type: error.code };
  }

  const normalised: Record<string, string | null | undefined> = { ...values, ...normaliseLeadContact({ ...pick(values), country: contact.country }) };
  for (const column of changed) {
    if (!errors[column] && (column !== 'country' || Object.hasOwn(values, 'country'))) out[column] = normalised[column] ?? null;
  }

  numberRule(params, out, errors, 'score', /^\d{1,3}$/, (n) => n >= SCORE_MIN && n <= SCORE_MAX, SCORE_MESSAGE);
  numberRule(params, out, errors, 'estimated_value', /^\d{1,8}(?:\.\d{1,2})?$/, () => true, AMOUNT_MESSAGE);
  return { params: out, errors };
}

/** The contact columns among the changed values, for normalisation. */
function pick(values: Partial<Record<TextColumn, string | null>>): LeadContact & { email?: string | null } {
  const { email, phone, state, zip_code: zip } = values;
  return {
    ...(email !== undefined ? { email } : {}), ...(phone !== undefined ? { phone } : {}),
    ...(state !== undefined ? { state } : {}), ...(zip !== undefined ? { zip_code: zip } : {}),
  };
}

/**
 * A number typed into the form (" 85 ", "$1,250.50"): stored as digits, or refused with a message that shows how
 * to write it. AdminJS has already made a number column's text a Number (NaN when it was not one).
 */
function numberRule(
  params: ParamsType, out: ParamsType, errors: PropertyErrors, column: string, pattern: RegExp, inRange: (n: number) => boolean, message: string,
): void {
  const value = params[column];
  if (!Object.hasOwn(params, column) || value === null) return;
  const typed = String(value).trim().replace(/^\$/, '').replace(/,(?=\d{3}\b)/g, '');
  if (pattern.test(typed) && inRange(Number(typed))) out[column] = typed;
  else errors[column] = { message, type: 'invalid' };
}
