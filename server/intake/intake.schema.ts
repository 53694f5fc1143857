import { z } from 'zod';
import { PRODUCT_TYPES } from '../../models/value-sets.js';
import {
  AGE_MAX, AGE_MIN, CONSENT_TEXT_MAX, CONSENT_VERSION_MAX, CONTROL_CHARACTERS, DATE_PATTERN, EMAIL_PATTERN, LANGUAGES, LEAD_LIMITS, MESSAGES,
  NAME_PATTERN, PHONE_PATTERN, PLAIN_TEXT_PATTERN, SHORT_TEXT_MAX, SLUG_PATTERN, TOKEN_PATTERN, URL_MAX, URL_PATTERN, isWellFormedText, tidyText,
} from '../../models/lead-rules.js';
import type { TextFieldRule } from './docs/openapi-text.js';

/**
 * The intake contract: `POST /api/v1/leads`'s body. Built from the shared
 * rules (models/lead-rules.ts) so the widget checks the same limits with the
 * same words; the OpenAPI document is generated from these schemas
 * (docs/openapi.ts). Unknown fields are refused by name. Strings are tidied
 * by tidyText() (trimmed, spaces collapsed, line breaks folded in single-line
 * fields and stored as LF in multi-line ones) before they are checked; blank
 * or null optional fields count as absent.
 */
export const NO_CONTROLS = new RegExp(`^[^${CONTROL_CHARACTERS.source.slice(1, -1)}]*$`, 'u');

const typeError = (expected: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? MESSAGES.required : MESSAGES.invalid_type(expected);

interface TextRule {
  max: number;
  /** The pattern itself fixes the length (max is then only the first, plainer message). */
  fixedLength?: boolean;
  pattern?: RegExp;
  message?: string;
  multiline?: boolean;
  description: string;
  example?: string;
}

function tidy(multiline: boolean) {
  return (value: unknown) => {
    if (value === null) return undefined;
    // A string with control characters or half an emoji is left as sent, so the checks below name them.
    if (typeof value !== 'string' || !NO_CONTROLS.test(value) || !isWellFormedText(value)) return value;
    const tidied = tidyText(value, multiline);
    return tidied === '' ? undefined : tidied;
  };
}

/** Any string, but not one with a lone surrogate: checked first, so it is what the field's error says. */
const wellFormedString = () => z.string({ error: typeError('text') })
  .refine(isWellFormedText, { error: MESSAGES.invalid_characters, abort: true });

function text({ max, pattern, message }: TextRule) {
  let schema = wellFormedString()
    .max(max, { error: MESSAGES.too_long(max) })
    .regex(NO_CONTROLS, { error: MESSAGES.control_characters });
  if (pattern) schema = schema.regex(pattern, { error: message });
  return schema;
}

/** Each text field's rule, for the OpenAPI document: it describes the raw input, before tidy() (openapi-text.ts). */
export const TEXT_FIELD_RULES = new WeakMap<z.core.$ZodType, TextFieldRule>();

function textField<T extends z.ZodType>(schema: T, rule: TextRule, optional: boolean): T {
  const described = schema.meta({ description: rule.description, ...(rule.example ? { examples: [rule.example] } : {}) });
  TEXT_FIELD_RULES.set(described, {
    max: rule.max, ...(rule.fixedLength ? { fixedLength: true } : {}), ...(rule.pattern ? { pattern: rule.pattern } : {}), optional, noControls: NO_CONTROLS,
  });
  return described;
}

const required = (rule: TextRule) => textField(z.preprocess(tidy(!!rule.multiline), text(rule)), rule, false);
// `.nullable()` documents that null is accepted; tidy() has already turned it into "absent".
const optional = (rule: TextRule) => textField(z.preprocess(tidy(!!rule.multiline), text(rule).nullable().optional()), rule, true);

const plain = (max: number, description: string, example?: string): TextRule =>
  ({ max, pattern: PLAIN_TEXT_PATTERN, message: MESSAGES.invalid_text, description, example });
const url = (description: string): TextRule =>
  ({ max: URL_MAX, pattern: URL_PATTERN, message: MESSAGES.invalid_url, description });
const name = (max: number, description: string, example: string): TextRule =>
  ({ max, pattern: NAME_PATTERN, message: MESSAGES.invalid_name, description, example });

export const consentSchema = z.strictObject({
  granted: z.boolean({ error: typeError('true or false') }).meta({ description: 'Whether the visitor ticked the consent box.' }),
  text: optional({ max: CONSENT_TEXT_MAX, multiline: true, description: 'The exact consent text the visitor saw. Required when granted. Line breaks (CRLF, CR or LF) are stored as LF, and its SHA-256 is taken of the stored text.' }),
  version: optional({ ...plain(CONSENT_VERSION_MAX, 'Version label of that text, e.g. v3.'), example: 'v1' }),
  language: z.preprocess((v) => (v === null ? undefined : v), z.enum(LANGUAGES, { error: MESSAGES.invalid_language }).nullable().optional())
    .meta({ description: 'The language of that text (en or es), as widget-config gave it; stored with the consent record.' }),
}, { error: typeError('an object') }).meta({ description: 'Consent to be contacted (TCPA). Missing or not granted: the lead is kept, marked as not consented to calls.' });

const FORM_STARTED_AT_DESCRIPTION = 'When the visitor started the form: an ISO 8601 date-time with Z or an offset, or milliseconds since 1970. '
  + 'A submit less than 2 seconds later, or a start more than a day in the future (beyond any clock running fast), is treated as a bot: answered as usual and stored as a bot submission without a lead. '
  + 'Anything else (text such as "yesterday", an impossible date such as 2026-13-45, a negative or fractional number) is refused with `invalid_timestamp`.';

const timestampError = { error: MESSAGES.invalid_timestamp };

export const leadSubmissionSchema = z.strictObject({
  first_name: required(name(LEAD_LIMITS.first_name, 'Given name.', 'Maria')),
  last_name: required(name(LEAD_LIMITS.last_name, 'Family name.', 'Garcia')),
  email: required({ max: LEAD_LIMITS.email, pattern: EMAIL_PATTERN, message: MESSAGES.invalid_email, description: 'Stored lower-case.', example: 'maria@example.com' }),
  phone: optional({ max: LEAD_LIMITS.phone, pattern: PHONE_PATTERN, message: MESSAGES.invalid_phone, description: 'Any common format; stored as E.164 (+15551234567). Numbers without a country code are read in the lead\'s country.', example: '(415) 555-0132' }),
  date_of_birth: optional({ max: 10, fixedLength: true, pattern: DATE_PATTERN, message: MESSAGES.invalid_date, description: `YYYY-MM-DD; age ${AGE_MIN}-${AGE_MAX}.`, example: '1985-04-12' }),
  address: optional({ ...plain(LEAD_LIMITS.address, 'Street address; may span lines.'), multiline: true }),
  city: optional(plain(LEAD_LIMITS.city, 'City.')),
  state: optional(plain(LEAD_LIMITS.state, 'A 2-letter state code when the country is USA (stored upper-case).', 'CA')),
  zip_code: optional(plain(LEAD_LIMITS.zip_code, '5 or 9 digits (12345 or 12345-6789) when the country is USA.', '94107')),
  country: optional(plain(LEAD_LIMITS.country, 'Defaults to USA.', 'USA')),
  notes: optional({ max: LEAD_LIMITS.notes, multiline: true, description: 'Anything else the visitor wrote. Line breaks are kept (stored as LF).' }),
  product: optional({ max: SHORT_TEXT_MAX, pattern: SLUG_PATTERN, message: MESSAGES.invalid_slug, description: `An insurance product slug, or a product type (${PRODUCT_TYPES.join(', ')}).`, example: 'auto' }),
  campaign: optional({ max: SHORT_TEXT_MAX, pattern: SLUG_PATTERN, message: MESSAGES.invalid_slug, description: "Slug of one of the organization's campaigns." }),
  utm_source: optional(plain(SHORT_TEXT_MAX, 'Mapped to a lead source type (e.g. facebook → social_media, newsletter → email); kept as sent.', 'google')),
  utm_medium: optional(plain(SHORT_TEXT_MAX, 'Mapped to a lead source type (e.g. cpc → ppc); kept as sent.', 'cpc')),
  utm_campaign: optional(plain(SHORT_TEXT_MAX, "Matched to a campaign slug of the organization; kept as sent.")),
  utm_term: optional(plain(SHORT_TEXT_MAX, 'Kept as sent.')),
  utm_content: optional(plain(SHORT_TEXT_MAX, 'Kept as sent.')),
  page_url: optional(url('The page the form was on.')),
  referrer: optional(url('The page before it.')),
  consent: z.preprocess((v) => (v === null ? undefined : v), consentSchema.nullable().optional()),
  trustedform_cert_url: optional(url('TrustedForm certificate URL, kept with the consent record.')),
  leadid_token: optional({ max: SHORT_TEXT_MAX, pattern: TOKEN_PATTERN, message: MESSAGES.invalid_token, description: 'Jornaya LeadiD token, kept with the consent record.' }),
  website: optional({ max: SHORT_TEXT_MAX, description: 'Honeypot: hidden from people, so it must stay empty (blank counts as empty). A filled one is answered as usual and stored as a bot submission without a lead.' }),
  // Every branch carries the shared message: a union whose string branch failed reports that branch's own (zod's English) otherwise.
  form_started_at: z.preprocess((v) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v), z.union([
    z.iso.datetime({ offset: true, ...timestampError }),
    z.number(timestampError).int(timestampError).nonnegative(timestampError),
  ], timestampError).nullable().optional()).meta({ description: FORM_STARTED_AT_DESCRIPTION }),
}, { error: typeError('a JSON object') });

export type LeadSubmissionInput = z.input<typeof leadSubmissionSchema>;
export type LeadSubmissionBody = z.output<typeof leadSubmissionSchema>;
export const LEAD_SUBMISSION_FIELDS = Object.keys(leadSubmissionSchema.shape) as (keyof LeadSubmissionBody)[];

