import request from 'supertest';
import { LEAD_SUBMISSION_FIELDS } from '../../server/intake/intake.schema.js';
import { createIntakeFixture, validLead, type IntakeFixture } from '../support/intake-fixture.js';

let f: IntakeFixture;
let tables: string[];
beforeAll(async () => {
  f = await createIntakeFixture('intake_malformed');
  tables = (await f.client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).rows.map((r) => r.tablename);
});
afterAll(async () => { await f?.close(); });

/** Every row of every table: a refused request must leave all of them as they were. */
async function snapshot(): Promise<string> {
  const counts: string[] = [];
  for (const table of tables) counts.push(`${table}=${await f.count(table)}`);
  return counts.join(' ');
}

interface Case { label: string; body: string; contentType?: string; status?: number; field?: string; code?: string }

const json = (label: string, body: unknown, field?: string): Case => ({ label, body: JSON.stringify(body), field });
const withField = (field: string, value: unknown, expectField = field): Case =>
  json(`${field} = ${JSON.stringify(value)?.slice(0, 40)}`, { ...validLead(), [field]: value }, expectField);
const withCode = (code: string) => (c: Case): Case => ({ ...c, code });

const TEXT_FIELDS = LEAD_SUBMISSION_FIELDS.filter((f) => !['consent', 'website', 'form_started_at'].includes(f));
const WRONG_TYPES = [42, -1.5, true, false, [], ['a'], {}, { a: 1 }];
const LONG = 'x'.repeat(10 * 1024);
const CONTROLS = ['a\u0000b', 'a\u001b[31mred', 'a\u0007b', 'a\u007fb', 'a\u0085b'];
// JSON.stringify writes a lone surrogate as its \uXXXX escape, as a broken client sends it.
const LONE_SURROGATES = ['a\ud83d', '\ude00b'];

const cases: Case[] = [
  // Wrong types, long values and control characters in every text field.
  ...TEXT_FIELDS.flatMap((field) => WRONG_TYPES.map((value) => withField(field, value))).map(withCode('invalid_type')),
  ...TEXT_FIELDS.map((field) => withField(field, LONG)),
  ...TEXT_FIELDS.flatMap((field) => CONTROLS.slice(0, field === 'notes' ? CONTROLS.length : 2).map((value) => withField(field, value))).map(withCode('control_characters')),
  ...[...TEXT_FIELDS, 'website'].flatMap((field) => LONE_SURROGATES.map((value) => withField(field, value))).map(withCode('invalid_characters')),
  // Required fields null, blank or missing.
  ...['first_name', 'last_name', 'email'].flatMap((field) => [
    withField(field, null), withField(field, ''), withField(field, '   '),
    json(`${field} missing`, Object.fromEntries(Object.entries(validLead()).filter(([k]) => k !== field)), field),
  ]),
  // SQL and HTML fragments where they cannot belong.
  ...["Robert'); DROP TABLE leads;--", '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', "' OR '1'='1", '1234', '😀😀']
    .flatMap((v) => [withField('first_name', v), withField('last_name', v)]),
  ...["x@y.com'; DROP TABLE leads;--", '<script>@x.com', 'a b@c.com', '@example.com', 'ann@', 'ann@example', 'ann@@example.com', 'ann@exa mple.com', 'ann@example.c', '"ann"@example.com']
    .map((v) => withField('email', v)),
  ...['<b>Main St</b>', 'x<y'].flatMap((v) => [withField('address', v), withField('city', v), withField('country', v)]),
  ...['12', 'abc', '555-CALL-NOW', "+1 (415) 555-0132'; DROP", '1'.repeat(30), '+1 415', '000']
    .map((v) => withField('phone', v)),
  ...['2023-02-30', '1990-13-01', '12/04/1985', '1985-4-12', 'yesterday', '2025-06-01', '1800-01-01', '1985-04-12T00:00:00Z', '0000-00-00']
    .map((v) => withField('date_of_birth', v)),
  ...['California', 'XX', '<b>CA</b>', 'C1', 'ZZ'].map((v) => withField('state', v)),
  ...['1234', 'ABCDE', '123456', '94107-12', '9410 7'].map((v) => withField('zip_code', v)),
  ...['Auto!', 'auto; DROP TABLE x', '../etc/passwd', 'Auto', 'auto insurance'].map((v) => withField('product', v)),
  ...['Spring Promo', 'spring_promo;', 'SPRING'].map((v) => withField('campaign', v)),
  ...['javascript:alert(1)', 'ftp://x.example', 'not a url', 'https://x.example/<script>'].flatMap((v) => [
    withField('page_url', v), withField('referrer', v), withField('trustedform_cert_url', v)]),
  ...['token with spaces', 'tok;en'].map((v) => withField('leadid_token', v)),
  // Consent: wrong shapes and missing pieces.
  ...['yes', true, 1, [], [{ granted: true }]].map((v) => withField('consent', v)),
  ...[{ granted: 'yes' }, { granted: 1 }, { granted: null }, { text: 'I agree' }, { granted: true }, { granted: true, text: 5 },
    { granted: true, text: 'x'.repeat(6000) }, { granted: true, text: 'ok', version: 'v'.repeat(60) }, { granted: false, extra: 1 },
    { granted: true, text: 'a\u0000b' }].map((v) => withField('consent', v)),
  // The bot fields must still be the right type.
  ...[42, {}, [], 'x'.repeat(300)].map((v) => withField('website', v)),
  ...['yesterday', -5, 1.5, {}, '2026-13-01T00:00:00Z', '2026-13-45', true].map((v) => withField('form_started_at', v)).map(withCode('invalid_timestamp')),
  // Fields the contract does not have, including prototype keys.
  ...['__proto__', 'constructor', 'prototype', 'Email', 'first name', 'firstName', 'extra', 'id', 'organization_id', 'score', 'status']
    .map((key) => ({ label: `unknown field ${key}`, body: JSON.stringify(validLead()).replace(/^\{/, `{${JSON.stringify(key)}:{"polluted":true},`), field: key })),
  // Bodies that are not an object, or not JSON at all.
  ...['[]', '"string"', '42', 'null', 'true', '[{"first_name":"Ann"}]', '['.repeat(5000) + ']'.repeat(5000)].map((body) => ({ label: `body ${body.slice(0, 24)}`, body, status: 422, field: 'body' })),
  ...['{', '{"first_name":}', "{'first_name':'Ann'}", '{"a":1,}', 'NaN', '', '   ', '\u0000', '{"a":"\\x41"}']
    .map((body) => ({ label: `not JSON ${body.slice(0, 20)}`, body, status: 400 })),
  { label: 'deeply nested object', body: JSON.stringify({ ...validLead(), notes: JSON.parse('{"a":'.repeat(200) + '1' + '}'.repeat(200)) }), field: 'notes' },
  // Wrong content types and a body over the limit.
  ...['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/html', 'application/json; charset=utf-16']
    .map((contentType) => ({ label: `content type ${contentType}`, body: JSON.stringify(validLead()), contentType, status: 415 })),
  { label: 'a 17 kB body', body: JSON.stringify({ ...validLead(), notes: 'x'.repeat(17 * 1024) }), status: 413 },
];

describe(`${cases.length} malformed bodies`, () => {
  it('are at least 200', () => { expect(cases.length).toBeGreaterThanOrEqual(200); });

  it.each(cases)('$label: a 4xx problem naming the field, and nothing written', async ({ body, contentType, status, field, code }) => {
    const before = await snapshot();
    const res = await request(f.app).post('/api/v1/leads')
      .set({ 'Content-Type': contentType ?? 'application/json', Authorization: `Bearer ${f.keys.skA}` }).send(body);
    expect(res.status).toBe(status ?? 422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(res.status);
    if (res.status === 422) {
      expect(res.body.errors.length).toBeGreaterThan(0);
      for (const e of res.body.errors) expect(e).toEqual({ field: expect.any(String), code: expect.any(String), message: expect.any(String) });
      // The field itself, or a part of it (consent.granted for consent).
      if (field) expect(res.body.errors.some((e: { field: string }) => e.field === field || e.field.startsWith(`${field}.`))).toBe(true);
      if (code) expect(res.body.errors.find((e: { field: string }) => e.field === field)?.code).toBe(code);
    }
    expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.(ts|js):\d+|SELECT |INSERT |syntax error at/);
    expect(await snapshot()).toBe(before);
  });
});
