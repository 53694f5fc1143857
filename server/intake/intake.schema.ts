import { z } from 'zod';
import { PRODUCT_TYPES } from '../../models/value-sets.js';
import {
  AGE_MAX, AGE_MIN, CONSENT_TEXT_MAX, LANGUAGES, CONSENT_VERSION_MAX, CONTROL_CHARACTERS, DATE_PATTERN, EMAIL_PATTERN, LEAD_LIMITS, MESSAGES,
  NAME_PATTERN, PHONE_PATTERN, PLAIN_TEXT_PATTERN, SHORT_TEXT_MAX, SLUG_PATTERN, TOKEN_PATTERN, URL_MAX, URL_PATTERN, tidyText,
} from '../../models/lead-rules.js';

/**
 * The intake contract: `POST /api/v1/leads`'s body. Built from the shared
 * rules (models/lead-rules.ts) so the widget checks the same limits with the
 * same words; the OpenAPI document is generated from these schemas
 * (openapi.ts). Unknown fields are refused by name. Strings are tidied
 * (trimmed, spaces collapsed) before they are checked; blank or null
 * optional fields count as absent.
 */
const NO_CONTROLS = new RegExp(`^[^${CONTROL_CHARACTERS.source.slice(1, -1)}]*$`, 'u');

const typeError = (expected: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? MESSAGES.required : MESSAGES.invalid_type(expected);

interface TextRule {
  max: number;
  pattern?: RegExp;
  message?: string;
  multiline?: boolean;
  description: string;
  example?: string;
}

function tidy(multiline: boolean) {
  return (value: unknown) => {
    if (value === null) return undefined;
    // A string with control characters is left as sent, so the check below names them.
    if (typeof value !== 'string' || NO_CONTROLS.test(value) === false) return value;
    const tidied = tidyText(value, multiline);
    return tidied === '' ? undefined : tidied;
  };
}

function text({ max, pattern, message, multiline = false }: TextRule) {
  let schema = z.string({ error: typeError('text') })
    .max(max, { error: MESSAGES.too_long(max) })
    .regex(NO_CONTROLS, { error: MESSAGES.control_characters });
  if (pattern) schema = schema.regex(pattern, { error: message });
  return schema;
}

const required = (rule: TextRule) => z.preprocess(tidy(!!rule.multiline), text(rule))
  .meta({ description: rule.description, ...(rule.example ? { examples: [rule.example] } : {}) });
// `.nullable()` documents that null is accepted; tidy() has already turned it into "absent".
const optional = (rule: TextRule) => z.preprocess(tidy(!!rule.multiline), text(rule).nullable().optional())
  .meta({ description: rule.description, ...(rule.example ? { examples: [rule.example] } : {}) });

const plain = (max: number, description: string, example?: string): TextRule =>
  ({ max, pattern: PLAIN_TEXT_PATTERN, message: MESSAGES.invalid_text, description, example });
const url = (description: string): TextRule =>
  ({ max: URL_MAX, pattern: URL_PATTERN, message: MESSAGES.invalid_url, description });
const name = (max: number, description: string, example: string): TextRule =>
  ({ max, pattern: NAME_PATTERN, message: MESSAGES.invalid_name, description, example });

export const consentSchema = z.strictObject({
  granted: z.boolean({ error: typeError('true or false') }).meta({ description: 'Whether the visitor ticked the consent box.' }),
  text: optional({ max: CONSENT_TEXT_MAX, multiline: true, description: 'The exact consent text the visitor saw. Required when granted.' }),
  version: optional({ ...plain(CONSENT_VERSION_MAX, 'Version label of that text, e.g. v3.'), example: 'v1' }),
  language: z.preprocess((v) => (v === null ? undefined : v), z.enum(LANGUAGES, { error: MESSAGES.invalid_language }).nullable().optional())
    .meta({ description: 'The language of that text (en or es), as widget-config gave it; stored with the consent record.' }),
}, { error: typeError('an object') }).meta({ description: 'Consent to be contacted (TCPA). Missing or not granted: the lead is kept, marked as not consented to calls.' });

export const FORM_STARTED_AT_DESCRIPTION = 'When the visitor started the form (ISO 8601 or milliseconds since 1970). A submit less than 2 seconds later is treated as a bot.';

export const leadSubmissionSchema = z.strictObject({
  first_name: required(name(LEAD_LIMITS.first_name, 'Given name.', 'Maria')),
  last_name: required(name(LEAD_LIMITS.last_name, 'Family name.', 'Garcia')),
  email: required({ max: LEAD_LIMITS.email, pattern: EMAIL_PATTERN, message: MESSAGES.invalid_email, description: 'Stored lower-case.', example: 'maria@example.com' }),
  phone: optional({ max: LEAD_LIMITS.phone, pattern: PHONE_PATTERN, message: MESSAGES.invalid_phone, description: 'Any common format; stored as E.164 (+15551234567). Numbers without a country code are read in the lead\'s country.', example: '(415) 555-0132' }),
  date_of_birth: optional({ max: 10, pattern: DATE_PATTERN, message: MESSAGES.invalid_date, description: `YYYY-MM-DD; age ${AGE_MIN}-${AGE_MAX}.`, example: '1985-04-12' }),
  address: optional(plain(LEAD_LIMITS.address, 'Street address.')),
  city: optional(plain(LEAD_LIMITS.city, 'City.')),
  state: optional(plain(LEAD_LIMITS.state, 'A 2-letter state code when the country is USA (stored upper-case).', 'CA')),
  zip_code: optional(plain(LEAD_LIMITS.zip_code, '5 or 9 digits (12345 or 12345-6789) when the country is USA.', '94107')),
  country: optional(plain(LEAD_LIMITS.country, 'Defaults to USA.', 'USA')),
  notes: optional({ max: LEAD_LIMITS.notes, multiline: true, description: 'Anything else the visitor wrote.' }),
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
  website: z.preprocess((v) => (v === null ? undefined : v), z.string({ error: typeError('text') }).max(SHORT_TEXT_MAX, { error: MESSAGES.too_long(SHORT_TEXT_MAX) }).nullable().optional())
    .meta({ description: 'Honeypot: hidden from people, so it must stay empty. A filled one is answered as usual and stored as a bot submission without a lead.' }),
  form_started_at: z.preprocess((v) => (v === null ? undefined : v), z.union([
    z.iso.datetime({ offset: true }),
    z.number().int().nonnegative(),
  ], { error: MESSAGES.invalid_timestamp }).nullable().optional()).meta({ description: FORM_STARTED_AT_DESCRIPTION }),
}, { error: typeError('a JSON object') });

export type LeadSubmissionInput = z.input<typeof leadSubmissionSchema>;
export type LeadSubmissionBody = z.output<typeof leadSubmissionSchema>;
export const LEAD_SUBMISSION_FIELDS = Object.keys(leadSubmissionSchema.shape) as (keyof LeadSubmissionBody)[];

export const IDEMPOTENCY_KEY_MAX = 255;
