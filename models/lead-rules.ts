/**
 * The rules a lead's fields must satisfy, and the words that explain them,
 * defined once. The intake API's zod schema (server/intake/intake.schema.ts)
 * is built from these, and the widget validates with the same table, so the
 * browser and the server can never disagree on a limit or a message. Plain
 * data and small functions only: the widget bundles this file.
 */

/** Lengths are the leads table's column sizes (notes is text; its limit is ours). */
export const LEAD_LIMITS = {
  first_name: 100, last_name: 100, email: 255, phone: 50, address: 255, city: 100,
  state: 50, zip_code: 20, country: 100, notes: 2000,
} as const;

export const AGE_MIN = 16;
export const AGE_MAX = 120;
export const SHORT_TEXT_MAX = 255;
export const URL_MAX = 2048;
export const CONSENT_TEXT_MAX = 5000;
export const CONSENT_VERSION_MAX = 50;

/** The languages the widget speaks, and so those a consent text can be shown in (consents.language). */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Letters of any script, spaces, apostrophes, hyphens and periods: "Mary-Jane O'Brien Jr." */
export const NAME_PATTERN = /^[\p{L}\p{M}][\p{L}\p{M}' .-]*$/u;
/** A practical address check: one @, a dotted domain, a TLD of letters; no spaces, quotes, brackets or semicolons. */
export const EMAIL_PATTERN = /^[A-Za-z0-9.!#$%&*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}$/;
/** Digits with the usual separators; the server also checks the number itself (libphonenumber). */
export const PHONE_PATTERN = /^\+?[0-9().\s-]{7,25}$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const US_ZIP_PATTERN = /^\d{5}(?:-?\d{4})?$/;
export const TOKEN_PATTERN = /^[A-Za-z0-9-]+$/;
/** An absolute http(s) address without spaces, quotes or angle brackets (page_url, referrer, TrustedForm certificate). */
export const URL_PATTERN = /^https?:\/\/[^\s<>"]+$/i;
export const SLUG_PATTERN = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
/** Single-line text: no angle brackets (no markup in a street name). */
export const PLAIN_TEXT_PATTERN = /^[^<>]*$/;
/** C0/C1 control characters, except tab and newline (allowed in notes only). */
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
export const LINE_BREAKS = /[\t\n]/;

export const US_STATES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA',
  'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR',
  'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'AS', 'GU', 'MP', 'PR', 'VI',
] as const;

/** Country values that mean the United States (the leads table's default is 'USA'). */
export const USA_NAMES = ['usa', 'us', 'united states', 'united states of america'];
export const isUsa = (country: string | null | undefined): boolean =>
  country == null || country === '' || USA_NAMES.includes(country.trim().toLowerCase());

/** Every message a field can show, by error code: the API returns the code and this text, the widget translates by code. */
export const MESSAGES = {
  required: 'This field is required.',
  too_long: (max: number) => `Use at most ${max} characters.`,
  invalid_type: (expected: string) => `Must be ${expected}.`,
  invalid_name: 'Use letters, spaces, apostrophes, hyphens and periods only.',
  invalid_email: 'Enter a valid email address, like name@example.com.',
  invalid_phone: 'Enter a valid phone number, like (555) 123-4567.',
  invalid_date: 'Enter a real date as YYYY-MM-DD.',
  age_out_of_range: `Applicants must be between ${AGE_MIN} and ${AGE_MAX} years old.`,
  invalid_state: 'Enter a 2-letter US state code, like CA.',
  invalid_zip: 'Enter a 5-digit ZIP code, or ZIP+4 like 12345-6789.',
  invalid_slug: 'Use lower-case letters, digits and hyphens only.',
  invalid_text: 'Remove the < and > characters.',
  control_characters: 'Remove control characters (invisible characters such as NUL or escape).',
  invalid_url: 'Enter a full http:// or https:// address.',
  invalid_token: 'Use letters, digits and hyphens only.',
  invalid_timestamp: 'Enter an ISO 8601 date-time or milliseconds since 1970.',
  consent_text_required: 'Send the exact consent text the visitor agreed to.',
  invalid_language: `Use one of: ${LANGUAGES.join(', ')}.`,
} as const;

export type FieldErrorCode = keyof typeof MESSAGES;

/** Whole years between a `YYYY-MM-DD` birth date and `today` (UTC); null when the date is not a real calendar date. */
export function ageOn(dateOfBirth: string, today: Date): number | null {
  if (!DATE_PATTERN.test(dateOfBirth)) return null;
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() < m - 1 || (today.getUTCMonth() === m - 1 && today.getUTCDate() < d)) age -= 1;
  return age;
}

/** The date-of-birth rule: a real date and an age in range. */
export function checkDateOfBirth(value: string, today = new Date()): FieldErrorCode | null {
  const age = ageOn(value, today);
  if (age === null) return 'invalid_date';
  return age < AGE_MIN || age > AGE_MAX ? 'age_out_of_range' : null;
}

/** The US-only rules for state and ZIP; other countries' formats are free text. */
export function checkState(value: string, country: string | null | undefined): FieldErrorCode | null {
  return isUsa(country) && !(US_STATES as readonly string[]).includes(value.toUpperCase()) ? 'invalid_state' : null;
}
export function checkZip(value: string, country: string | null | undefined): FieldErrorCode | null {
  return isUsa(country) && !US_ZIP_PATTERN.test(value) ? 'invalid_zip' : null;
}

/** Trims and collapses runs of spaces; notes keep their line breaks. */
export function tidyText(value: string, multiline = false): string {
  const normalised = value.normalize('NFC');
  if (!multiline) return normalised.replace(/\s+/g, ' ').trim();
  return normalised.replace(/\r\n?/g, '\n').split('\n').map((line) => line.replace(/[ \t]+/g, ' ').trim()).join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
