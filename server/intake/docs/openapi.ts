import { z } from 'zod';
import { LANGUAGES } from '../../../models/lead-rules.js';
import { PREFLIGHT_MAX_AGE_SECONDS } from '../cors.js';
import { RESPONSE_SCHEMAS, REFERENCE_PATTERN } from '../intake.responses.js';
import { IDEMPOTENCY_KEY_MAX, IDEMPOTENCY_WINDOW_HOURS } from '../idempotency.js';
import { TEXT_FIELD_RULES, consentSchema, leadSubmissionSchema } from '../intake.schema.js';
import { textFieldSchema } from './openapi-text.js';
import { openApiPaths } from './openapi.paths.js';
import type { Header, JsonSchema, OpenApiDocument, Parameter } from './openapi.types.js';
import { MAX_BODY_BYTES } from '../request-body.js';

/**
 * The intake API's OpenAPI 3.1 document, generated from the zod schemas the
 * server validates with (intake.schema.ts) and answers with
 * (intake.responses.ts), so the contract partners read cannot drift from
 * the code. Served at /api/v1/openapi.json and rendered at /api/docs.
 */

/**
 * zod drops `examples` from a preprocessed field in input mode (they
 * describe the output of a transform), but ours are already tidy input:
 * put them back so partners see an example for every field that has one.
 */
type OverrideContext = { zodSchema: z.core.$ZodType; jsonSchema: z.core.JSONSchema.BaseSchema };

function keepExamples(ctx: OverrideContext): void {
  const examples = z.globalRegistry.get(ctx.zodSchema)?.examples;
  if (Array.isArray(examples) && ctx.jsonSchema.examples === undefined) ctx.jsonSchema.examples = examples;
}

/** A blank string, which an optional field treats as absent. */
const BLANK: JsonSchema = { type: 'string', pattern: '^\\s*$' };

/**
 * Requests are described as a client may send them, before tidying: zod
 * would state each text rule for the tidied value (no surrounding spaces, no
 * blank optional field), so a validator would refuse requests the server takes.
 */
function describeInput(ctx: OverrideContext): void {
  keepExamples(ctx);
  const rule = TEXT_FIELD_RULES.get(ctx.zodSchema);
  const schema = ctx.jsonSchema as JsonSchema;
  if (rule) {
    const { description, examples } = schema;
    for (const key of Object.keys(schema)) delete schema[key];
    Object.assign(schema, { description, ...textFieldSchema(rule), ...(examples ? { examples } : {}) });
  } else if (ctx.zodSchema === leadSubmissionSchema.shape.form_started_at) {
    (schema.anyOf as JsonSchema[]).push(BLANK);
  }
}

function componentSchemas(): Record<string, JsonSchema> {
  const uri = (id: string) => `#/components/schemas/${id}`;
  const requests = z.registry<{ id: string }>();
  requests.add(leadSubmissionSchema, { id: 'LeadSubmission' }).add(consentSchema, { id: 'Consent' });
  const responses = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(RESPONSE_SCHEMAS)) responses.add(schema, { id });
  // Requests as a client may send them (before tidying); responses as the server writes them.
  const all = {
    ...z.toJSONSchema(requests, { io: 'input', uri, override: describeInput }).schemas,
    ...z.toJSONSchema(responses, { io: 'output', uri, override: keepExamples }).schemas,
  };
  // A component is not a schema document: its own $schema and fragment-only $id are noise (and invalid as an $id).
  const components = Object.fromEntries(Object.entries(all).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema as JsonSchema]));
  components.LeadSubmission!.description = 'A quote request. Only first_name, last_name and email are required. '
    + 'Text is trimmed and runs of spaces (and, in single-line fields, line breaks) collapsed before it is checked, so the patterns here allow surrounding spaces and the length limits count the tidied text; '
    + 'a blank or null optional field counts as absent; an unknown field is refused by name. '
    + 'A name must be letters of any script, spaces, apostrophes, hyphens and periods, starting with a letter: `x-pattern` holds that rule as a Unicode regular expression (`\\p{L}` letters, `\\p{M}` marks), which validators without Unicode mode cannot run.';
  return components;
}

const PARAMETERS: Record<string, Parameter> = {
  IdempotencyKey: {
    name: 'Idempotency-Key', in: 'header', required: false,
    description: `A new random value (a UUID) per submission, sent again unchanged on every retry of it. A retry within ${IDEMPOTENCY_WINDOW_HOURS} hours gets the first answer again, with \`Idempotent-Replayed: true\`, and creates nothing; the same key with a different body is a 409.`,
    schema: { type: 'string', minLength: 1, maxLength: IDEMPOTENCY_KEY_MAX, pattern: '^[\\x21-\\x7E]+$' },
    example: '3f2b8c1e-7d4a-4e3b-9a51-0c6d2f8e4b17',
  },
  Origin: {
    name: 'Origin', in: 'header', required: false,
    description: 'Sent by the browser, never set by hand. With a publishable key it must be one of the site key\'s allowed origins.',
    schema: { type: 'string' }, example: 'https://www.partner.example',
  },
  Lang: {
    name: 'lang', in: 'query', required: false,
    description: "The visitor's language (en or es): the consent text comes in it when the site key has one in it, else in English.",
    schema: { type: 'string', enum: [...LANGUAGES], default: 'en' },
  },
  IfNoneMatch: {
    name: 'If-None-Match', in: 'header', required: false,
    description: 'The ETag of a copy already held; the answer is then 304 with no body when nothing changed.',
    schema: { type: 'string' },
  },
  Reference: {
    name: 'reference', in: 'path', required: true,
    description: 'The reference from the submission\'s receipt.',
    schema: { type: 'string', pattern: REFERENCE_PATTERN.source }, example: 'LH-7K2M9Q4X1B',
  },
};

const HEADERS: Record<string, Header> = {
  Location: { description: 'Where the secret key can look the submission up: `/api/v1/leads/{reference}`.', required: true, schema: { type: 'string' } },
  IdempotentReplayed: { description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key; absent otherwise.', required: false, schema: { type: 'string', const: 'true' } },
  RetryAfter: { description: 'Seconds to wait before trying again.', required: true, schema: { type: 'string', pattern: '^[0-9]+$' } },
  ETag: { description: 'The version of this answer; send it back as If-None-Match.', required: true, schema: { type: 'string' } },
  CacheControl: { description: 'How long the answer may be reused.', required: true, schema: { type: 'string' } },
  WWWAuthenticate: {
    description: 'Names the scheme to use: `Bearer realm="leadharbor"` when no key was sent, and `Bearer realm="leadharbor", error="invalid_token"` when the key sent is malformed, unknown, revoked or inactive (RFC 6750).',
    required: true, schema: { type: 'string', pattern: '^Bearer realm="leadharbor"(, error="invalid_token")?$' },
  },
  AccessControlAllowOrigin: { description: 'The page\'s origin, echoed only when it is allowed.', required: true, schema: { type: 'string' } },
  AccessControlAllowMethods: { description: 'The methods the page may use.', required: true, schema: { type: 'string' } },
  AccessControlAllowHeaders: { description: 'The request headers the page may send: Content-Type, X-Lead-Key, Idempotency-Key.', required: true, schema: { type: 'string' } },
  AccessControlMaxAge: { description: `How long the browser may reuse this answer (${PREFLIGHT_MAX_AGE_SECONDS} seconds).`, required: true, schema: { type: 'string' } },
};

const DESCRIPTION = [
  'Partner websites and servers send quote requests to LeadHarbor; each one becomes a lead of the partner\'s agency.',
  'A **publishable key** (`pk_…`, header `X-Lead-Key`) is for web pages: it only works from the origins allowed for it, and its receipts say nothing about existing leads. A **secret key** (`sk_…`, header `Authorization: Bearer`) is for servers only; never put it in a page.',
  `Bodies are JSON (\`application/json\`, or \`text/plain\` holding JSON), at most ${MAX_BODY_BYTES / 1024} kB once decompressed, in UTF-8: bytes that are not UTF-8 are refused with \`invalid_body\`, never repaired. A body may be sent with \`Content-Encoding: gzip\` or \`deflate\`; any other encoding is a 415. Every error is \`application/problem+json\` with a stable \`code\`.`,
].join('\n\n');

let memo: OpenApiDocument | undefined;

/** The document, built once and frozen (it is shared by every request). */
export function openApiDocument(): OpenApiDocument {
  memo ??= deepFreeze<OpenApiDocument>({
    openapi: '3.1.0',
    info: {
      title: 'LeadHarbor intake API', version: '1.0.0', summary: 'Send insurance quote requests to a LeadHarbor agency.',
      description: DESCRIPTION, license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'The LeadHarbor server that serves this document.' }],
    tags: [
      { name: 'Leads', description: 'Submitting quote requests and looking them up.' },
      { name: 'Widget', description: 'What a form on a partner page needs.' },
      { name: 'Documentation', description: 'This document, as JSON and as a page.' },
    ],
    paths: openApiPaths(),
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        publishableKey: { type: 'apiKey', in: 'header', name: 'X-Lead-Key', description: 'A site key (`pk_…`) for web pages. Safe to publish: it only works from its allowed origins, and only to submit.' },
        publishableKeyQuery: { type: 'apiKey', in: 'query', name: 'key', description: 'The same site key as a query parameter, for `GET /api/v1/widget-config` only: it keeps the request free of a CORS preflight.' },
        secretKey: { type: 'http', scheme: 'bearer', bearerFormat: 'sk_…', description: 'A secret API key (`sk_…`) for servers, shown once when created in LeadHarbor. Never send it from a browser.' },
      },
      parameters: PARAMETERS,
      headers: HEADERS,
    },
  });
  return memo;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
