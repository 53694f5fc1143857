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
/** Each language by its name, for staff reading a consent record. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Spanish' };

/** Letters of any script, spaces, apostrophes, hyphens and periods: "Mary-Jane O'Brien Jr." */
export const NAME_PATTERN = /^[\p{L}\p{M}][\p{L}\p{M}' .-]*$/u;
/** A practical address check: one @, a dotted domain, a TLD of letters; no spaces, quotes, brackets or semicolons. */
export const EMAIL_PATTERN = /^[A-Za-z0-9.!#$%&*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}$/;
/** Digits with the usual separators; the server also checks the number itself (libphonenumber). */
export const PHONE_PATTERN = /^\+?[0-9().\s-]{7,25}$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const US_ZIP_PATTERN = /^\d{5}(?:-?\d{4})?$/;
export const TOKEN_PATTERN = /^[A-Za-z0-9-]+$/;
/**
 * An absolute http(s) address without spaces, quotes or angle brackets (page_url, referrer, TrustedForm certificate).
 * The scheme's case is spelled out rather than an `i` flag, which a JSON Schema pattern cannot carry.
 */
export const URL_PATTERN = /^[Hh][Tt][Tt][Pp][Ss]?:\/\/[^\s<>"]+$/;
export const SLUG_PATTERN = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
/** Single-line text: no angle brackets (no markup in a street name). */
export const PLAIN_TEXT_PATTERN = /^[^<>]*$/;
/**
 * C0/C1 control characters, except tab and the line breaks CR and LF:
 * tidyText() folds those to a space in single-line text and stores LF in
 * multi-line text, so a consent text typed on two lines on Windows is not lost.
 */
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/**
 * Half of a UTF-16 surrogate pair without its other half (a JSON `"\ud83d"`
 * escape, a broken emoji): not text, and PostgreSQL refuses to store it.
 * Written without lookbehind, which the widget's build target lacks.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const isWellFormedText = (value: string): boolean => !LONE_SURROGATE.test(value);
/**
 * `value` with each lone surrogate replaced by U+FFFD (what String.prototype.toWellFormed does, for browsers
 * without it). Pairs match first, so only halves are replaced; no lookbehind, which Safari before 16.4 cannot parse.
 */
export const replaceLoneSurrogates = (value: string): string =>
  value.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g, (match) => (match.length === 2 ? match : '\uFFFD'));

export const US_STATES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA',
  'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR',
  'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'AS', 'GU', 'MP', 'PR', 'VI',
] as const;

/** Country values that mean the United States (the leads table's default is 'USA'). */
const USA_NAMES = ['usa', 'us', 'united states', 'united states of america'];
export const isUsa = (country: string | null | undefined): boolean =>
  country == null || country === '' || USA_NAMES.includes(country.trim().toLowerCase());

/** Every message a field can show, by error code: the API returns the code and this text, the widget translates by code. */
export const MESSAGES = {
  required: 'This field is required.',
  too_long: (max: number) => `Use at most ${max} characters.`,
  invalid_type: (expected: string) => `Must be ${expected}.`,
  invalid_name: 'Use letters, spaces, apostrophes, hyphens and periods only.',
  invalid_email: 'Enter a valid email address, like name@example.com.',
  invalid_phone: 'Enter a valid phone number, like (415) 555-0132.',
  unassigned_phone: 'This phone number cannot exist: check the area code and the number.',
  invalid_date: 'Enter a real date as YYYY-MM-DD.',
  age_out_of_range: `Applicants must be between ${AGE_MIN} and ${AGE_MAX} years old.`,
  invalid_state: 'Enter a 2-letter US state code, like CA.',
  invalid_zip: 'Enter a 5-digit ZIP code, or ZIP+4 like 12345-6789.',
  zip_state_mismatch: ({ zip, zipState, state }: ZipStateMismatch) => `ZIP ${zip} is in ${zipState}, not ${state}.`,
  invalid_slug: 'Use lower-case letters, digits and hyphens only.',
  invalid_text: 'Remove the < and > characters.',
  control_characters: 'Remove control characters (invisible characters such as NUL or escape).',
  invalid_characters: 'Remove characters that are not valid text (a broken emoji or symbol).',
  invalid_url: 'Enter a full http:// or https:// address.',
  invalid_token: 'Use letters, digits and hyphens only.',
  invalid_timestamp: 'Enter an ISO 8601 date-time or milliseconds since 1970.',
  consent_text_required: 'Send the exact consent text the visitor agreed to.',
  invalid_language: `Use one of: ${LANGUAGES.join(', ')}.`,
} as const;

export type FieldErrorCode = keyof typeof MESSAGES;

/** What the zip_state_mismatch message names: the ZIP as typed, the state it belongs to, the state given. */
export interface ZipStateMismatch { zip: string; zipState: string; state: string }

/** Whole years between a `YYYY-MM-DD` birth date and `today` (UTC); null when the date is not a real calendar date. */
function ageOn(dateOfBirth: string, today: Date): number | null {
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

/**
 * The state of each 3-digit ZIP prefix, as ranges `[first, last, state]`.
 * Source: the USPS's ZIP Code prefix assignments (USPS Publication 65,
 * National Five-Digit ZIP Code & Post Office Directory; as listed in
 * Wikipedia's "List of ZIP Code prefixes"). Prefixes inside a range that the
 * USPS has not assigned count for that state (no real address has them);
 * military (AA/AE/AP) and unlisted prefixes are unknown and pass.
 */
const ZIP3_STATES: readonly (readonly [number, number, string])[] = [
  [5, 5, 'NY'], [6, 7, 'PR'], [8, 8, 'VI'], [9, 9, 'PR'], [10, 27, 'MA'], [28, 29, 'RI'], [30, 38, 'NH'], [39, 49, 'ME'],
  [50, 54, 'VT'], [55, 55, 'MA'], [56, 59, 'VT'], [60, 69, 'CT'], [70, 89, 'NJ'], [100, 149, 'NY'], [150, 196, 'PA'],
  [197, 199, 'DE'], [200, 200, 'DC'], [201, 201, 'VA'], [202, 205, 'DC'], [206, 219, 'MD'], [220, 246, 'VA'], [247, 268, 'WV'],
  [270, 289, 'NC'], [290, 299, 'SC'], [300, 319, 'GA'], [320, 339, 'FL'], [341, 349, 'FL'], [350, 369, 'AL'], [370, 385, 'TN'],
  [386, 397, 'MS'], [398, 399, 'GA'], [400, 427, 'KY'], [430, 459, 'OH'], [460, 479, 'IN'], [480, 499, 'MI'], [500, 528, 'IA'],
  [530, 549, 'WI'], [550, 567, 'MN'], [569, 569, 'DC'], [570, 577, 'SD'], [580, 588, 'ND'], [590, 599, 'MT'], [600, 629, 'IL'],
  [630, 658, 'MO'], [660, 679, 'KS'], [680, 693, 'NE'], [700, 714, 'LA'], [716, 729, 'AR'], [730, 731, 'OK'], [733, 733, 'TX'],
  [734, 749, 'OK'], [750, 799, 'TX'], [800, 816, 'CO'], [820, 831, 'WY'], [832, 838, 'ID'], [840, 847, 'UT'], [850, 865, 'AZ'],
  [870, 884, 'NM'], [885, 885, 'TX'], [889, 898, 'NV'], [900, 961, 'CA'], [967, 968, 'HI'], [970, 979, 'OR'], [980, 994, 'WA'],
  [995, 999, 'AK'],
];
/** Five-digit ZIPs whose prefix's range names another state: American Samoa's only ZIP shares Hawaii's 967. */
const ZIP5_STATES: Record<string, string> = { '96799': 'AS' };
/** Guam and the Northern Mariana Islands share the prefix 969 (and so do the freely associated states, which have no code here). */
const SHARED_PREFIXES: Record<number, readonly string[]> = { 969: ['GU', 'MP'] };

/** The states a US ZIP code can belong to; empty when its prefix is unknown. */
function zipStates(zip: string): readonly string[] {
  const five = zip.slice(0, 5);
  if (ZIP5_STATES[five]) return [ZIP5_STATES[five]!];
  const prefix = Number(zip.slice(0, 3));
  if (SHARED_PREFIXES[prefix]) return SHARED_PREFIXES[prefix]!;
  const range = ZIP3_STATES.find(([first, last]) => prefix >= first && prefix <= last);
  return range ? [range[2]] : [];
}

/** The ZIP-and-state rule for US leads, once each passed its own rule: the mismatch to report, or null. */
export function checkZipState(zip: string, state: string, country: string | null | undefined): ZipStateMismatch | null {
  if (!isUsa(country) || checkZip(zip, country) || checkState(state, country)) return null;
  const states = zipStates(zip);
  const given = state.toUpperCase();
  return states.length === 0 || states.includes(given) ? null : { zip: zip.slice(0, 5), zipState: states.join(' or '), state: given };
}

/**
 * The one normalisation of free text, used by the API, the widget and the
 * admin's consent text: NFC, then trimmed with runs of spaces collapsed.
 * Single-line text folds every line break (CR, LF, CRLF) to one space;
 * multi-line text (notes, address, consent text) keeps its lines, with CRLF
 * and lone CR stored as LF, so the same words typed on any platform are the
 * same stored text (and the same consent hash).
 */
export function tidyText(value: string, multiline = false): string {
  const normalised = value.normalize('NFC').replace(/\r\n?/g, '\n');
  if (!multiline) return normalised.replace(/\s+/g, ' ').trim();
  return normalised.split('\n').map((line) => line.replace(/[ \t]+/g, ' ').trim()).join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
