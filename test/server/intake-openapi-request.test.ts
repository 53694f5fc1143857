import { Ajv2020 } from 'ajv/dist/2020.js';
import request from 'supertest';
import { MESSAGES } from '../../models/lead-rules.js';
import type { FieldError } from '../../server/errors.js';
import { validateSubmission } from '../../server/intake/intake.validate.js';
import { openApiDocument } from '../../server/intake/docs/openapi.js';
import type { JsonSchema } from '../../server/intake/docs/openapi.types.js';
import { PROBLEM_CODES } from '../../server/intake/problem-codes.js';
import { CONSENT_TEXT, createIntakeFixture, validLead, type IntakeFixture } from '../support/intake-fixture.js';
import { addFormats, component, expectDocumented, expectRequestDocumented, expectValid, validator } from '../support/openapi-contract.js';

/** The OpenAPI request schema against the server: what one accepts, the other must (the rest of the document: intake-openapi.test.ts). */
const doc = openApiDocument();
const LEADS = '/api/v1/leads';

let fx: IntakeFixture;

beforeAll(async () => {
  fx = await createIntakeFixture('intake_openapi_request');
});
afterAll(async () => {
  await fx?.close();
});

describe('the request schema describes what the server accepts', () => {
  // A validator without Unicode mode (many generators and gateways) must be able to run every pattern the document has.
  const plainAjv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(plainAjv);
  plainAjv.addSchema(structuredClone(doc) as object, 'doc-without-unicode-mode');
  const plainLead = plainAjv.compile({ $ref: 'doc-without-unicode-mode#/components/schemas/LeadSubmission' });
  const lead = component('LeadSubmission');
  const properties = (name: string) => doc.components.schemas[name]!.properties as Record<string, JsonSchema>;

  const ACCEPTED: [string, Record<string, unknown>][] = [
    ['a name with surrounding spaces', { first_name: '  Maria  ', last_name: ' Garcia ' }],
    ['names with accents, apostrophes, inner runs of spaces and tabs', { first_name: 'José  María', last_name: "O'Brien-Smith\tJr." }],
    ['an email with surrounding spaces', { email: '  maria.blank@example.com ' }],
    ['an empty phone', { phone: '' }],
    ['a blank phone', { phone: '   ' }],
    ['a null phone', { phone: null }],
    ['a phone, date, ZIP and state with surrounding spaces', { phone: ' (415) 555-0132 ', date_of_birth: ' 1985-04-12 ', zip_code: ' 94107 ', state: ' CA ' }],
    ['every optional text field blank', {
      date_of_birth: '', address: ' ', city: '', country: '  ', notes: '\n', product: '', campaign: ' ', utm_source: '', utm_medium: ' ', utm_campaign: '',
      utm_term: '', utm_content: ' ', page_url: '', referrer: '  ', trustedform_cert_url: '', leadid_token: ' ', website: '', form_started_at: '',
    }],
    ['a blank consent version', { consent: { granted: true, text: CONSENT_TEXT, version: '  ' } }],
    ['an upper-case URL scheme', { page_url: 'HTTPS://www.partner.example/quote', referrer: 'Http://search.example/' }],
    ['line breaks from any platform', { notes: 'a\r\nb\rc', address: '500 Howard St\r\nSuite 3', city: 'San\r\nFrancisco' }],
  ];
  const REFUSED: [string, Record<string, unknown>][] = [
    ['a blank required name', { first_name: '   ' }],
    ['an empty required email', { email: '' }],
    ['a malformed email, even trimmed', { email: ' maria@ ' }],
    ['a phone of letters', { phone: ' call me ' }],
    ['a date in another format', { date_of_birth: ' 12/04/1985 ' }],
    ['another URL scheme', { page_url: ' ftp://x.example/ ' }],
    ['markup in a city', { city: '<b>SF</b>' }],
    ['a control character', { notes: 'a\u0000b' }],
    ['an over-long name', { first_name: 'M'.repeat(101) }],
    ['text as form_started_at', { form_started_at: 'yesterday' }],
    ['an unknown field', { frist_name: 'Maria' }],
  ];

  it.each(ACCEPTED)('%s: valid for the server, for the document, and for a validator without Unicode mode', (_label, extra) => {
    const body = validLead(extra);
    expect(validateSubmission(body)).toMatchObject({ ok: true });
    expectValid(lead, body, 'The body');
    expectValid(plainLead, body, 'The body (no Unicode mode)');
  });

  it.each(REFUSED)('%s: refused by the server and by the document', (_label, extra) => {
    const body = validLead(extra);
    expect(validateSubmission(body)).toMatchObject({ ok: false });
    expect(lead(body)).toBe(false);
    expect(plainLead(body)).toBe(false);
  });

  it('stores a whitespace-padded, blank-field lead the document validates, as JSON and as text/plain', async () => {
    const body = validLead({ first_name: '  Maria  ', phone: '', city: '   ', notes: '', consent: { granted: true, text: ` ${CONSENT_TEXT}\r\n`, version: '' } });
    expectRequestDocumented(body, LEADS, 'post');
    const res = await fx.postAsServer(body);
    expectDocumented(res, LEADS, 'post');
    expect(res.status).toBe(201);

    const text = `  ${JSON.stringify(validLead({ last_name: ' Garcia ', utm_source: '' }), null, 2)}\n`;
    expectRequestDocumented(text, LEADS, 'post', 'text/plain');
    const plain = await fx.postAsServer(text, { 'Content-Type': 'text/plain' });
    expectDocumented(plain, LEADS, 'post');
    expect(plain.status).toBe(201);
  });

  it('has no pattern that needs Unicode mode; the name rule is described and carried in x-pattern', () => {
    const patterns = JSON.stringify(doc).match(/"pattern":"(?:[^"\\]|\\.)*"/g)!.map((m) => JSON.parse(`{${m}}`).pattern as string);
    expect(patterns.length).toBeGreaterThan(10);
    for (const pattern of patterns) {
      expect(pattern).not.toMatch(/\\[pP]\{/);
      expect(() => new RegExp(pattern)).not.toThrow();
    }
    const firstName = properties('LeadSubmission').first_name!;
    expect(firstName.pattern).toBeUndefined();
    const unicode = new RegExp(firstName['x-pattern'] as string, 'u');
    for (const name of ['Maria', '  José  ', 'Zoë\tÅsa', "D'Angelo", '李', 'Ελένη']) expect(unicode.test(name)).toBe(true);
    for (const name of ['1234', '   ', '-Maria', '<b>']) expect(unicode.test(name)).toBe(false);
    expect(doc.components.schemas.LeadSubmission!.description).toMatch(/x-pattern/);
  });

  it('documents text/plain as a string holding the lead as JSON', () => {
    expect(doc.paths[LEADS]!.post!.requestBody!.content['text/plain']!.schema).toEqual({
      type: 'string', contentMediaType: 'application/json', contentSchema: { $ref: '#/components/schemas/LeadSubmission' },
    });
    const asText = validator('paths', LEADS, 'post', 'requestBody', 'content', 'text/plain', 'schema');
    expect(asText(JSON.stringify(validLead()))).toBe(true);
    expect(asText(validLead())).toBe(false);
  });

  it('lists the field error codes for broken text and wrong types, with their shared messages', () => {
    const codes = properties('FieldError').code!['x-codes'] as { code: string; message: string }[];
    expect(codes).toEqual(expect.arrayContaining([
      { code: 'invalid_characters', message: MESSAGES.invalid_characters },
      { code: 'invalid_type', message: MESSAGES.invalid_type('<the expected type>') },
      { code: 'invalid_timestamp', message: MESSAGES.invalid_timestamp },
    ]));
  });

  it('lists exactly the documented problem codes as the enum of Problem.code, and refuses any other', () => {
    expect(properties('Problem').code!.enum).toEqual(PROBLEM_CODES.map((p) => p.code));
    const problem = { type: 'https://leadharbor.dev/problems/x', title: 'Bad Request', status: 400, detail: 'x' };
    expectValid(component('Problem'), { ...problem, code: 'unsupported_content_encoding' }, 'A documented code');
    expect(component('Problem')({ ...problem, code: 'entity_parse_failed' })).toBe(false);
  });
});
