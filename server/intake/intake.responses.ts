import { z } from 'zod';
import { LANGUAGES } from '../../models/lead-rules.js';
import { PRODUCT_TYPES } from '../../models/value-sets.js';
import { FIELD_ERROR_CODES, PROBLEM_CODES, PROBLEM_CODE_NAMES } from './problem-codes.js';

/**
 * What the intake API answers, as zod schemas: the OpenAPI document's
 * response schemas are generated from these (docs/openapi.ts), and the handlers
 * can type their bodies with the inferred types below, so the document and
 * the code describe one shape. Objects are strict: a publishable key's
 * receipt must never gain `lead_id` or `duplicate` unnoticed, and the tests
 * validate real responses against these schemas.
 */

/** `LH-` and 10 Crockford base32 characters (newReference() in intake.service.ts). */
export const REFERENCE_PATTERN = /^LH-[0-9A-HJKMNP-TV-Z]{10}$/;

const reference = z.string().regex(REFERENCE_PATTERN).meta({
  description: 'The submission\'s reference. Show it to the visitor or quote it to support; a secret key can look it up.',
  examples: ['LH-7K2M9Q4X1B'],
});

const receiptSchema = z.strictObject({
  reference,
  status: z.literal('received').meta({ description: 'Always `received`: the submission is stored.' }),
}).meta({ description: 'The answer to a publishable key. It never says whether the person was already known, so a page cannot probe for leads.' });

const secretReceiptSchema = receiptSchema.extend({
  lead_id: z.number().int().positive().nullable().meta({
    description: 'The lead in LeadHarbor: the new one, or the recent lead it matched. Null when the submission was caught as a bot and made no lead.',
    examples: [1042],
  }),
  duplicate: z.boolean().meta({
    description: 'True when a lead of the organization with the same email or phone was created recently (30 days by default): no second lead was made, and `lead_id` is that lead.',
  }),
}).meta({ description: 'The answer to a secret key: the receipt plus what became of the submission.' });

const submissionStatusSchema = secretReceiptSchema.extend({
  received_at: z.iso.datetime().meta({ description: 'When LeadHarbor stored the submission (UTC).', examples: ['2026-12-01T14:03:27.512Z'] }),
}).meta({ description: 'A stored submission, as `GET /api/v1/leads/{reference}` reports it.' });

const colour = z.string().meta({ description: 'A CSS colour, #rgb or #rrggbb.', examples: ['#0b5cad'] });

const widgetThemeSchema = z.strictObject({
  primary_color: colour.optional(),
  text_color: colour.optional(),
  background_color: colour.optional(),
  radius: z.string().meta({ description: 'Corner radius as a CSS length.', examples: ['8px'] }).optional(),
  font_family: z.string().meta({ description: 'A CSS font stack.', examples: ['Inter, sans-serif'] }).optional(),
}).meta({ description: 'Colours and shapes for the form, as set on the site key in LeadHarbor. Unset keys are absent.' });

export const widgetConfigSchema = z.strictObject({
  organization: z.strictObject({ name: z.string().meta({ examples: ['Example Agency'] }) }).meta({ description: 'The agency the leads go to.' }),
  products: z.array(z.strictObject({
    value: z.enum(PRODUCT_TYPES).meta({ description: 'Send it as the lead\'s `product`.' }),
    label: z.string().meta({ examples: ['Auto'] }),
  })).meta({ description: 'The product types this site offers, in display order.' }),
  consent: z.strictObject({
    text: z.string().meta({ description: 'The consent text to show beside the checkbox, and to send back as `consent.text`: the site key\'s text in the language asked for, else its English text.' }),
    version: z.string().nullable().meta({ description: 'Its version label, to send back as `consent.version`.' }),
    language: z.enum(LANGUAGES).meta({ description: 'The language the text is in, to send back as `consent.language`.' }),
  }),
  theme: widgetThemeSchema,
}).meta({ description: 'What a form needs to draw itself for one site key.' });

export const fieldErrorSchema = z.strictObject({
  field: z.string().meta({
    description: 'The field, as a dotted path (`consent.text`); a header name (`Idempotency-Key`); or `body` for the body as a whole.',
    examples: ['email'],
  }),
  code: z.string().meta({ description: 'A stable code to translate or branch on; `x-codes` lists them all.', 'x-codes': FIELD_ERROR_CODES }),
  message: z.string().meta({ description: 'A sentence for the visitor, in English.', examples: ['Enter a valid email address, like name@example.com.'] }),
}).meta({ description: 'One problem with one field.' });

const problemSchema = z.strictObject({
  type: z.url().meta({ description: 'A URI naming the problem type; ends with `code`.', examples: ['https://leadharbor.dev/problems/validation_failed'] }),
  title: z.string().meta({ description: 'The HTTP status in words.', examples: ['Unprocessable Content'] }),
  status: z.number().int().min(400).max(599).meta({ description: 'The HTTP status code, repeated.' }),
  code: z.enum(PROBLEM_CODE_NAMES).meta({ description: 'A stable code to branch on; `x-codes` says what each one means.', 'x-codes': PROBLEM_CODES }),
  detail: z.string().meta({ description: 'What happened and what to do, in English.' }),
  errors: z.array(fieldErrorSchema).meta({ description: 'Present when specific fields are at fault (422, some 409s): every failing field, once each.' }).optional(),
}).meta({ description: 'Every error, as `application/problem+json` (RFC 9457).' });

/** The response schemas by their name under `components.schemas`. */
export const RESPONSE_SCHEMAS = {
  Receipt: receiptSchema,
  SecretReceipt: secretReceiptSchema,
  SubmissionStatus: submissionStatusSchema,
  WidgetConfig: widgetConfigSchema,
  Problem: problemSchema,
  FieldError: fieldErrorSchema,
} as const;

export type ReceiptResponse = z.infer<typeof receiptSchema>;
export type SecretReceiptResponse = z.infer<typeof secretReceiptSchema>;
export type SubmissionStatusResponse = z.infer<typeof submissionStatusSchema>;
export type WidgetConfigResponse = z.infer<typeof widgetConfigSchema>;
export type ProblemResponse = z.infer<typeof problemSchema>;
export type FieldErrorResponse = z.infer<typeof fieldErrorSchema>;
