import {
  CONTROL_CHARACTERS, DATE_PATTERN, EMAIL_PATTERN, LEAD_LIMITS, MESSAGES, NAME_PATTERN, PHONE_PATTERN,
  PLAIN_TEXT_PATTERN, checkDateOfBirth, checkState, checkZip, checkZipState, isWellFormedText, tidyText, type FieldErrorCode,
  type ZipStateMismatch,
} from '../../models/lead-rules.js';
import { LATER_STEPS_EN } from './words/en.js';
import { MESSAGES_ES } from './words/es-messages.js';
import { LATER_STEPS_ES } from './words/es.js';
import type { InputField, Lang } from './types.js';

/**
 * The widget's copy of the intake API's field checks, built from the same
 * shared rules (models/lead-rules.ts) in the same order as the server's zod
 * schema reports them: length, control characters, pattern, then the rule
 * across fields. test/widget/validate-mirror.test.ts proves both give the
 * same code and message for a table of inputs.
 */
interface Rule {
  max: number;
  pattern: RegExp;
  code: FieldErrorCode;
  required?: 1;
  check?: (value: string, now: Date) => FieldErrorCode | null;
}

/**
 * The server asks libphonenumber, whose metadata the widget does not bundle.
 * Without a '+', a US number must have 10 digits (or 11 starting with 1) to
 * be possible there; and of 10 digits, an area code starting with 1 or of
 * the form N11 (211 to 911) is never assigned. The rest of what the server
 * refuses (area code 555, exchange 012, ...) comes back as its 422 on the
 * phone field.
 */
function usDigits(value: string): FieldErrorCode | null {
  if (value[0] === '+') return null;
  const digits = value.replace(/\D/g, '');
  if (digits.length === 10) return /^(?:1\d\d|[2-9]11)/.test(digits) ? 'unassigned_phone' : null;
  return digits.length === 11 && digits[0] === '1' ? null : 'invalid_phone';
}

// The widget has no country field, so state and ZIP follow the rules for the USA, as the server's default country does.

export const RULES: Record<InputField, Rule> = {
  first_name: { max: LEAD_LIMITS.first_name, pattern: NAME_PATTERN, code: 'invalid_name', required: 1 },
  last_name: { max: LEAD_LIMITS.last_name, pattern: NAME_PATTERN, code: 'invalid_name', required: 1 },
  // The schema's own limit: a date is ten characters.
  date_of_birth: { max: 10, pattern: DATE_PATTERN, code: 'invalid_date', check: checkDateOfBirth },
  zip_code: { max: LEAD_LIMITS.zip_code, pattern: PLAIN_TEXT_PATTERN, code: 'invalid_text', check: (v) => checkZip(v, null) },
  state: { max: LEAD_LIMITS.state, pattern: PLAIN_TEXT_PATTERN, code: 'invalid_text', check: (v) => checkState(v, null) },
  email: { max: LEAD_LIMITS.email, pattern: EMAIL_PATTERN, code: 'invalid_email', required: 1 },
  phone: { max: LEAD_LIMITS.phone, pattern: PHONE_PATTERN, code: 'invalid_phone', check: usDigits },
};

export interface FieldCheck { code: FieldErrorCode; max?: number; mismatch?: ZipStateMismatch }

/**
 * The first rule a value breaks, or null. Empty optional fields pass (the
 * server treats blank as absent). `state`, when given with a ZIP code, adds
 * the rule that the ZIP is in that state.
 */
export function checkField(field: keyof typeof RULES, raw: string | undefined, now = new Date(), state?: string): FieldCheck | null {
  const rule = RULES[field];
  const value = raw ?? '';
  // Like the server, a value holding control characters or half an emoji is judged as typed, not tidied.
  const dirty = CONTROL_CHARACTERS.test(value) || !isWellFormedText(value);
  const tidied = dirty ? value : tidyText(value);
  if (tidied === '') return rule.required ? { code: 'required' } : null;
  if (!isWellFormedText(value)) return { code: 'invalid_characters' };
  if (tidied.length > rule.max) return { code: 'too_long', max: rule.max };
  if (dirty) return { code: 'control_characters' };
  if (!rule.pattern.test(tidied)) return { code: rule.code };
  const code = rule.check?.(tidied, now);
  if (code) return { code };
  const mismatch = field === 'zip_code' && state ? checkZipState(tidied, tidyText(state), null) : null;
  return mismatch ? { code: 'zip_state_mismatch', mismatch } : null;
}

/**
 * The message for an error code in the visitor's language: English is the
 * API's own text, Spanish is keyed by the same codes. A message that names
 * values needs them (`arg`): without, undefined, so a caller keeps the
 * server's own text.
 */
export function message(code: string, lang: Lang, arg?: number | ZipStateMismatch): string | undefined {
  const table = (lang === 'es' ? MESSAGES_ES : MESSAGES) as Record<string, string | ((arg: never) => string)>;
  const entry = table[code];
  if (typeof entry !== 'function') return entry;
  return arg === undefined ? undefined : (entry as (a: typeof arg) => string)(arg);
}

/** The message of a failed check. */
const checkMessage = (failed: FieldCheck, lang: Lang): string | undefined =>
  message(failed.code, lang, failed.mismatch ?? failed.max);

/** A field's message in the visitor's language, or undefined when it is valid. */
export function fieldError(field: keyof typeof RULES, raw: string | undefined, lang: Lang, now = new Date(), state?: string): string | undefined {
  const failed = checkField(field, raw, now, state);
  return failed ? checkMessage(failed, lang) : undefined;
}

/**
 * How visitors write a date of birth: month first in English, as in the US,
 * day first in Spanish. The field shows the format as its hint and in its
 * error; the API receives YYYY-MM-DD (see apiValue).
 */
export const DATE_INPUT: Record<Lang, { order: 'mdy' | 'dmy'; invalid: string }> = {
  en: { order: 'mdy', invalid: LATER_STEPS_EN.date_invalid! },
  es: { order: 'dmy', invalid: LATER_STEPS_ES.date_invalid! },
};

const TYPED_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/**
 * A typed date of birth as YYYY-MM-DD, read in the visitor's order (an ISO
 * date, as browser autofill may give, is taken as it is). Text not shaped
 * like a date comes back unchanged, so the API's rules name what is wrong.
 */
export function isoDate(typed: string, lang: Lang): string {
  const value = typed.trim();
  const parts = TYPED_DATE.exec(value);
  if (DATE_PATTERN.test(value) || !parts) return value;
  const [first, second] = [parts[1]!.padStart(2, '0'), parts[2]!.padStart(2, '0')];
  return DATE_INPUT[lang].order === 'mdy' ? `${parts[3]}-${first}-${second}` : `${parts[3]}-${second}-${first}`;
}

/**
 * Slashes for a date typed as digits (a numeric keypad has none): "04121985"
 * reads "04/12/1985", and "4/" becomes "04/". An ISO date (as autofill may
 * give it) is left alone.
 */
export function maskDate(typed: string): string {
  if (/^\d{4}-/.test(typed)) return typed;
  const groups: string[] = [''];
  for (const char of typed) {
    const current = groups.length - 1;
    if (/\d/.test(char)) {
      if (current < 2 && groups[current]!.length === 2) groups.push(char);
      else if (groups[current]!.length < (current === 2 ? 4 : 2)) groups[current] += char;
    } else if (/[/.\-\s]/.test(char) && current < 2 && groups[current] !== '') {
      groups[current] = groups[current]!.padStart(2, '0');
      groups.push('');
    }
  }
  // A full day or month gets its slash right away, so the next digit lands after it.
  if (groups.length < 3 && groups[groups.length - 1]!.length === 2) groups.push('');
  return groups.join('/');
}

/** What the API is sent for what the visitor typed in a field: a date of birth in ISO, the rest as typed. */
export const apiValue = (field: string, typed: string | undefined, lang: Lang): string | undefined =>
  field === 'date_of_birth' && typed ? isoDate(typed, lang) : typed;

/** A field's message for an error code, in the visitor's words: a malformed date names the format they type, not the API's. */
export function inputMessage(field: string, code: string, lang: Lang, arg?: number | ZipStateMismatch): string | undefined {
  return field === 'date_of_birth' && code === 'invalid_date' ? DATE_INPUT[lang].invalid : message(code, lang, arg);
}

/** The error to show under a field for what the visitor typed, or undefined when the API will accept it. */
export function inputError(field: keyof typeof RULES, typed: string | undefined, lang: Lang, now = new Date(), state?: string): string | undefined {
  const failed = checkField(field, apiValue(field, typed, lang), now, state);
  return failed ? inputMessage(field, failed.code, lang, failed.mismatch ?? failed.max) : undefined;
}

/** The value the API receives: tidied like the server would, so what the visitor sees is what is stored. */
export const clean = (raw: string | undefined): string | undefined => {
  const value = tidyText(raw ?? '');
  return value === '' ? undefined : value;
};
