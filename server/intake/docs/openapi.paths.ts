import { MESSAGES } from '../../../models/lead-rules.js';
import { TITLES } from '../../errors.js';
import { IDEMPOTENCY_CONFLICT } from '../idempotency.js';
import { API_PREFIX, DOCS_PATH, OPENAPI_PATH } from '../intake-paths.js';
import type { Example, JsonSchema, Operation, Parameter, PathItem, ResponseObject } from './openapi.types.js';
import { PROBLEM_CODES, type ProblemCodeName } from '../problem-codes.js';

/** The documentation's own addresses (docs.router.ts serves them). */

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const header = (name: string) => ({ $ref: `#/components/headers/${name}` });
const parameter = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const json = (schema: JsonSchema, examples?: Record<string, Example>) =>
  ({ 'application/json': { schema, ...(examples ? { examples } : {}) } });

/** Every operation that touches the database can meet these. */
const SERVER_SIDE: ProblemCodeName[] = ['internal_error', 'database_unavailable'];

const meaning = (code: ProblemCodeName) => PROBLEM_CODES.find((p) => p.code === code)!;

/** A problem as the error middleware (server/errors.ts) writes it. */
function problemExample(code: ProblemCodeName): JsonSchema {
  const { status, meaning: detail } = meaning(code);
  const errors = code === 'validation_failed'
    ? [{ field: 'email', code: 'invalid_email', message: MESSAGES.invalid_email }, { field: 'consent.text', code: 'consent_text_required', message: MESSAGES.consent_text_required }]
    : code === 'idempotency_conflict'
      ? [IDEMPOTENCY_CONFLICT]
      : undefined;
  return { type: `https://leadharbor.dev/problems/${code}`, title: TITLES[status], status, code, detail, ...(errors ? { errors } : {}) };
}

const HEADERS_OF_STATUS: Record<number, Record<string, { $ref: string }>> = {
  401: { 'WWW-Authenticate': header('WWWAuthenticate') },
  429: { 'Retry-After': header('RetryAfter') },
  503: { 'Retry-After': header('RetryAfter') },
};

/**
 * An operation's error responses, one per status, listing the codes it can
 * carry as examples named by code: a client sees which codes to expect, and
 * the tests check real answers against exactly these.
 */
export function problems(...codes: ProblemCodeName[]): Record<string, ResponseObject> {
  const byStatus = new Map<number, ProblemCodeName[]>();
  for (const code of codes) byStatus.set(meaning(code).status, [...(byStatus.get(meaning(code).status) ?? []), code]);
  return Object.fromEntries([...byStatus].sort(([a], [b]) => a - b).map(([status, list]) => [String(status), {
    description: list.map((code) => `\`${code}\`: ${meaning(code).meaning}`).join('\n\n'),
    ...(HEADERS_OF_STATUS[status] ? { headers: HEADERS_OF_STATUS[status] } : {}),
    content: {
      'application/problem+json': {
        schema: ref('Problem'),
        examples: Object.fromEntries(list.map((code) => [code, { summary: meaning(code).meaning, value: problemExample(code) }])),
      },
    },
  }]));
}

const MINIMAL_LEAD = { first_name: 'Maria', last_name: 'Garcia', email: 'maria@example.com' };
const FULL_LEAD = {
  first_name: 'Maria', last_name: 'Garcia', email: 'maria@example.com', phone: '(415) 555-0132', date_of_birth: '1985-04-12',
  address: '500 Howard St', city: 'San Francisco', state: 'CA', zip_code: '94107', country: 'USA',
  product: 'auto', notes: 'Two cars, one teenage driver.', utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'spring-promo',
  page_url: 'https://www.partner.example/quote',
  consent: {
    granted: true, version: 'v1', language: 'en',
    text: 'I agree that Example Agency may call and text me about insurance, including by autodialer. Consent is not a condition of purchase.',
  },
};

const RECEIPT = { reference: 'LH-7K2M9Q4X1B', status: 'received' };

const submitLead: Operation = {
  operationId: 'submitLead', tags: ['Leads'], summary: 'Submit a quote request',
  description: [
    'Stores the request and makes it a lead of the key\'s agency, scored and attributed (UTM fields, page, campaign).',
    'A request matching a recent lead (same email or phone) is recorded against that lead instead of creating a second one. A request that looks automated (the `website` honeypot filled, a submit under 2 seconds after `form_started_at`, or a `form_started_at` more than a day in the future) is answered the same way but makes no lead.',
    'Retry a network failure, 429 or 503 with the same `Idempotency-Key`: it is never stored twice.',
  ].join('\n\n'),
  security: [{ publishableKey: [] }, { secretKey: [] }],
  parameters: [parameter('IdempotencyKey'), parameter('Origin')],
  requestBody: {
    required: true,
    description: 'The lead, as JSON. `text/plain` holding the same JSON is accepted too.',
    content: {
      'application/json': {
        schema: ref('LeadSubmission'),
        examples: { full: { summary: 'Every common field', value: FULL_LEAD }, minimal: { summary: 'Only the required fields', value: MINIMAL_LEAD } },
      },
      // The body is text whose content is the lead as JSON (OpenAPI 3.1 / JSON Schema 2020-12 content keywords).
      'text/plain': {
        schema: { type: 'string', contentMediaType: 'application/json', contentSchema: ref('LeadSubmission') },
        examples: { minimal: { summary: 'The same JSON, as sent by a beacon or form tool', value: JSON.stringify(MINIMAL_LEAD) } },
      },
    },
  },
  responses: {
    201: {
      description: 'Stored (or, with `Idempotent-Replayed: true`, stored earlier). A publishable key gets a `Receipt`; a secret key gets a `SecretReceipt`.',
      headers: { Location: header('Location'), 'Idempotent-Replayed': header('IdempotentReplayed') },
      content: json({ oneOf: [ref('Receipt'), ref('SecretReceipt')] }, {
        publishable: { summary: 'With a publishable key', value: RECEIPT },
        secret: { summary: 'With a secret key', value: { ...RECEIPT, lead_id: 1042, duplicate: false } },
      }),
    },
    ...problems('invalid_json', 'invalid_body', 'missing_key', 'invalid_key', 'origin_required', 'origin_not_allowed', 'idempotency_conflict',
      'payload_too_large', 'unsupported_media_type', 'unsupported_content_encoding', 'validation_failed', 'rate_limited', ...SERVER_SIDE),
  },
};

const getSubmission: Operation = {
  operationId: 'getSubmission', tags: ['Leads'], summary: 'Look up a submission',
  description: [
    'What became of a submission of the key\'s agency: its lead, and whether it matched an existing one. For servers only.',
    'No `Authorization` header, or a secret key that is malformed, unknown or revoked, is a 401 with `WWW-Authenticate` (`error="invalid_token"` for a key that was sent). A publishable key is a 403. A reference of another agency is a 404, exactly like one that does not exist.',
  ].join('\n\n'),
  security: [{ secretKey: [] }],
  parameters: [parameter('Reference')],
  responses: {
    200: {
      description: 'The submission.',
      content: json(ref('SubmissionStatus'), { found: { value: { ...RECEIPT, lead_id: 1042, duplicate: false, received_at: '2026-12-01T14:03:27.512Z' } } }),
    },
    ...problems('missing_key', 'invalid_key', 'secret_key_required', 'not_found', ...SERVER_SIDE),
  },
};

const getWidgetConfig: Operation = {
  operationId: 'getWidgetConfig', tags: ['Widget'], summary: 'Get a site\'s form settings',
  description: 'The agency name, the products offered, the consent text and the theme of a site key. Pass the key as `?key=` to keep the request free of a preflight. Checked against the page\'s origin when the browser sends one.',
  security: [{ publishableKey: [] }, { publishableKeyQuery: [] }],
  parameters: [parameter('Lang'), parameter('Origin'), parameter('IfNoneMatch')],
  responses: {
    200: {
      description: 'The settings; browsers may reuse them for a minute.',
      headers: { ETag: header('ETag'), 'Cache-Control': header('CacheControl') },
      content: json(ref('WidgetConfig'), {
        site: {
          value: {
            organization: { name: 'Example Agency' },
            products: [{ value: 'auto', label: 'Auto' }, { value: 'home', label: 'Home' }],
            consent: { text: FULL_LEAD.consent.text, version: 'v1', language: 'en' },
            theme: { primary_color: '#0b5cad' },
          },
        },
      }),
    },
    304: { description: 'Not modified since the If-None-Match ETag; no body.', headers: { ETag: header('ETag') } },
    ...problems('missing_key', 'invalid_key', 'origin_not_allowed', ...SERVER_SIDE),
  },
};

const preflightHeaders: Parameter[] = [
  { name: 'Origin', in: 'header', required: true, description: 'The page\'s origin, sent by the browser.', schema: { type: 'string' } },
  { name: 'Access-Control-Request-Method', in: 'header', required: false, description: 'The method the page is about to use.', schema: { type: 'string' } },
  { name: 'Access-Control-Request-Headers', in: 'header', required: false, description: 'The headers the page is about to send.', schema: { type: 'string' } },
];

const preflight = (operationId: string, tag: string): Operation => ({
  operationId, tags: [tag], summary: 'CORS preflight',
  description: 'Sent by browsers, not by your code: answered 204 when an active site key allows the origin.',
  security: [],
  parameters: preflightHeaders,
  responses: {
    204: {
      description: 'The page may send the request.',
      headers: {
        'Access-Control-Allow-Origin': header('AccessControlAllowOrigin'), 'Access-Control-Allow-Methods': header('AccessControlAllowMethods'),
        'Access-Control-Allow-Headers': header('AccessControlAllowHeaders'), 'Access-Control-Max-Age': header('AccessControlMaxAge'),
      },
    },
    ...problems('origin_required', 'origin_not_allowed', ...SERVER_SIDE),
  },
});

const documentation = (operationId: string, summary: string, mediaType: string, description: string): Operation => ({
  operationId, tags: ['Documentation'], summary, description, security: [],
  parameters: [parameter('IfNoneMatch')],
  responses: {
    200: {
      description: 'The documentation.',
      headers: { ETag: header('ETag'), 'Cache-Control': header('CacheControl') },
      content: { [mediaType]: { schema: { type: mediaType === 'application/json' ? 'object' : 'string' } } },
    },
    304: { description: 'Not modified since the If-None-Match ETag; no body.', headers: { ETag: header('ETag') } },
  },
});

/** Every route of the public API, by path. */
export function openApiPaths(): Record<string, PathItem> {
  return {
    [`${API_PREFIX}/leads`]: { post: submitLead, options: preflight('preflightLeads', 'Leads') },
    [`${API_PREFIX}/leads/{reference}`]: { get: getSubmission },
    [`${API_PREFIX}/widget-config`]: { get: getWidgetConfig, options: preflight('preflightWidgetConfig', 'Widget') },
    [OPENAPI_PATH]: { get: documentation('getOpenApiDocument', 'This document', 'application/json', 'The OpenAPI 3.1 description of this API, for code generators and API tools.') },
    [DOCS_PATH]: { get: documentation('getDocsPage', 'This documentation as a page', 'text/html', 'A readable page rendered from the OpenAPI document.') },
  };
}
