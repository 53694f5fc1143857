import request from 'supertest';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { connect, quietLogger } from '../support/test-database.js';
import {
  CONSENT_TEXT, PARTNER_ORIGIN, TEST_ENV, createIntakeFixture, expectProblem, rowCounts as countRows, validLead, type IntakeFixture,
} from '../support/intake-fixture.js';

let f: IntakeFixture;
beforeAll(async () => { f = await createIntakeFixture('intake_api'); });
afterAll(async () => { await f?.close(); });

const lead = async (id: number) => (await f.client.query('SELECT * FROM leads WHERE id = $1', [id])).rows[0];
const submission = async (reference: string) =>
  (await f.client.query('SELECT * FROM lead_submissions WHERE reference = $1', [reference])).rows[0];
const rowCounts = () => countRows(f);

describe('POST /api/v1/leads: a stored submission', () => {
  it('answers a page 201 with only a reference and status, a Location, and its origin echoed', async () => {
    const res = await f.postAsPage(validLead());
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ reference: expect.stringMatching(/^LH-[0-9A-Z]{10}$/), status: 'received' });
    expect(res.headers.location).toBe(`/api/v1/leads/${res.body.reference}`);
    expect(res.headers['access-control-allow-origin']).toBe(PARTNER_ORIGIN);
    expect(res.headers.vary).toMatch(/Origin/);
  });

  it('normalises before storing: trimmed and collapsed text, lower-case email, E.164 phone, upper-case state', async () => {
    const res = await f.postAsServer(validLead({
      first_name: '  Mary   Jane ', last_name: "O'Brien", email: ' Mary.OBrien@Example.COM ', phone: '415.555.0199',
      state: 'ca', zip_code: '941071234', city: '  San   Francisco ', country: 'United States',
    }));
    expect(res.status).toBe(201);
    expect(await lead(res.body.lead_id)).toMatchObject({
      first_name: 'Mary Jane', last_name: "O'Brien", email: 'mary.obrien@example.com', phone: '+14155550199',
      state: 'CA', zip_code: '94107-1234', city: 'San Francisco', country: 'USA', organization_id: f.ids.orgA, status: 'new',
    });
  });

  it('answers a server with the lead id and whether it was a duplicate', async () => {
    const res = await f.postAsServer(validLead());
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ reference: expect.any(String), status: 'received', lead_id: expect.any(Number), duplicate: false });
  });

  it('records the submission: normalised payload, key, IP, user agent, outcome and lead', async () => {
    const res = await f.postAsPage(validLead({ email: 'Rec@Example.com', utm_source: 'google', utm_term: 'cheap auto' }), { 'User-Agent': 'TestBrowser/1.0' });
    const row = await submission(res.body.reference);
    expect(row).toMatchObject({
      organization_id: f.ids.orgA, site_key_id: f.ids.siteKeyA, api_key_id: null, outcome: 'created',
      ip_address: expect.stringMatching(/127\.0\.0\.1/), user_agent: 'TestBrowser/1.0',
    });
    expect(row.payload).toMatchObject({ email: 'rec@example.com', phone: expect.stringMatching(/^\+1415555\d{4}$/), product: 'auto' });
    expect(row.attribution).toEqual({ utm_source: 'google', utm_term: 'cheap auto' });
    expect(row.lead_id).toEqual(expect.any(Number));
  });

  it('accepts text/plain holding JSON', async () => {
    const res = await f.postAsPage(validLead(), { 'Content-Type': 'text/plain;charset=UTF-8' });
    expect(res.status).toBe(201);
  });

  it('scores the lead by the documented rules and stores the breakdown', async () => {
    // Complete profile (8+8+4 = 20 of 30), valid phone 15, email 15, consent 15, life 15, web (the default source) 7 = 87.
    const full = await f.postAsServer(validLead({ product: 'life' }));
    expect(await lead(full.body.lead_id)).toMatchObject({ score: 87, priority: 'high' });
    const { score_breakdown: breakdown } = await submission(full.body.reference);
    expect(breakdown.score).toBe(87);
    expect(breakdown.items.map((i: { rule: string; points: number }) => [i.rule, i.points])).toEqual([
      ['completeness', 20], ['phone', 15], ['email', 15], ['consent', 15], ['product', 15], ['source', 7],
    ]);
    // Bare minimum with a disposable address and no consent: 0 + 0 + 0 + 0 + 0 + 7 = 7, low.
    const bare = await f.postAsServer({ first_name: 'Min', last_name: 'Imal', email: 'min@mailinator.com' });
    expect(await lead(bare.body.lead_id)).toMatchObject({ score: 7, priority: 'low' });
    // Medium: role mailbox 7, consent 15, auto 10, ppc 5, phone 15 = 52.
    const medium = await f.postAsServer({ first_name: 'Med', last_name: 'Ium', email: 'info@medium.example', phone: '4155550142',
      product: 'auto', utm_medium: 'cpc', consent: { granted: true, text: CONSENT_TEXT } });
    expect(await lead(medium.body.lead_id)).toMatchObject({ score: 52, priority: 'medium' });
  });
});

describe('errors', () => {
  it('400 for malformed JSON and an empty body', async () => {
    expectProblem(await f.postAsPage('{"first_name": "Ann",'), 400, 'invalid_json');
    expectProblem(await f.postAsPage(''), 400, 'invalid_json');
  });

  it('401 for a missing, malformed, unknown, revoked or inactive key', async () => {
    const post = (headers: Record<string, string>) => request(f.app).post('/api/v1/leads').set({ 'Content-Type': 'application/json', ...headers }).send(validLead());
    expectProblem(await post({}), 401, 'missing_key');
    expectProblem(await post({ 'X-Lead-Key': 'hello' }), 401, 'invalid_key');
    expectProblem(await post({ 'X-Lead-Key': `pk_${'x'.repeat(32)}`, Origin: PARTNER_ORIGIN }), 401, 'invalid_key');
    expectProblem(await post({ Authorization: `Bearer ${f.keys.skRevoked}` }), 401, 'invalid_key');
    expectProblem(await post({ 'X-Lead-Key': f.keys.pkInactive, Origin: PARTNER_ORIGIN }), 401, 'invalid_key');
    expectProblem(await post({ 'X-Lead-Key': f.keys.skA }), 401, 'invalid_key');
    expect((await post({})).headers['www-authenticate']).toMatch(/Bearer/);
  });

  it('403 for a page on an origin its key does not allow, without CORS headers', async () => {
    const before = await rowCounts();
    const res = await f.postAsPage(validLead(), { Origin: 'https://evil.example' });
    expectProblem(res, 403, 'origin_not_allowed');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expectProblem(await f.postAsPage(validLead(), { Origin: 'https://partner.example.evil.example' }), 403, 'origin_not_allowed');
    const invalid = await f.postAsPage({ first_name: 'x' }, { Origin: 'https://evil.example' });
    expect(invalid.status).toBe(422);
    expect(invalid.headers['access-control-allow-origin']).toBeUndefined();
    expect(await rowCounts()).toEqual(before);
  });

  it('403 for a publishable key without an Origin; a subdomain wildcard is allowed', async () => {
    const res = await request(f.app).post('/api/v1/leads').set({ 'Content-Type': 'application/json', 'X-Lead-Key': f.keys.pkA }).send(validLead());
    expectProblem(res, 403, 'origin_required');
    const sub = await f.postAsPage(validLead(), { Origin: 'https://quotes.partner.example' });
    expect(sub.status).toBe(201);
    expect(sub.headers['access-control-allow-origin']).toBe('https://quotes.partner.example');
  });

  it('413 above 16 kB and 415 for another content type', async () => {
    expectProblem(await f.postAsPage(JSON.stringify(validLead({ notes: 'x'.repeat(17_000) }))), 413, 'payload_too_large');
    expectProblem(await f.postAsPage('first_name=Ann', { 'Content-Type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
    expectProblem(await f.postAsPage(JSON.stringify(validLead()), { 'Content-Type': 'application/json; charset=latin1' }), 415, 'unsupported_media_type');
  });

  it('422 naming every failing field at once', async () => {
    const res = await f.postAsPage({ first_name: '', email: 'nope', zip_code: '12', date_of_birth: '2020-01-01', fist_name: 'x' });
    expectProblem(res, 422, 'validation_failed');
    expect(res.headers['access-control-allow-origin']).toBe(PARTNER_ORIGIN);
    expect(Object.fromEntries(res.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]))).toEqual({
      first_name: 'required', last_name: 'required', email: 'invalid_email', zip_code: 'invalid_zip',
      date_of_birth: 'age_out_of_range', fist_name: 'unknown_field',
    });
    expect(res.body.errors.find((e: { field: string }) => e.field === 'fist_name').message).toMatch(/did you mean "first_name"/);
  });

  it('422 for an unknown product, a product the site does not offer, or an unknown campaign; nothing stored', async () => {
    const before = await rowCounts();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ product: 'unicorn' }, 'product', 'unknown_product'],
      [{ product: 'pet' }, 'product', 'product_not_offered'],
      [{ campaign: 'no-such' }, 'campaign', 'unknown_campaign'],
    ];
    for (const [body, field, code] of cases) {
      const res = await f.postAsPage(validLead(body));
      expectProblem(res, 422, 'validation_failed');
      expect(res.body.errors).toEqual([{ field, code, message: expect.any(String) }]);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('503 with Retry-After when the database cannot be reached, never a 500', async () => {
    const unreachable = connect('postgres://postgres@127.0.0.1:1/nowhere');
    try {
      const app = createApp({ sequelize: unreachable, logger: quietLogger, config: loadConfig(TEST_ENV) });
      const res = await request(app).post('/api/v1/leads').set({ Authorization: `Bearer ${f.keys.skA}`, 'Content-Type': 'application/json' }).send(validLead());
      expectProblem(res, 503, 'database_unavailable');
      expect(res.headers['retry-after']).toBe('5');
    } finally {
      await unreachable.close();
    }
  });

  it('404 as a problem for an unknown API path', async () => {
    expectProblem(await request(f.app).get('/api/v1/nothing'), 404, 'not_found');
  });
});

describe('GET /api/v1/leads/:reference', () => {
  it("shows a submission to its organization's server, and to nobody else", async () => {
    const created = await f.postAsServer(validLead());
    const res = await request(f.app).get(created.headers.location).set('Authorization', `Bearer ${f.keys.skA}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ reference: created.body.reference, status: 'received', lead_id: created.body.lead_id, duplicate: false });
    expectProblem(await request(f.app).get(created.headers.location).set('Authorization', `Bearer ${f.keys.skB}`), 404, 'not_found');
    expectProblem(await request(f.app).get(created.headers.location).set('X-Lead-Key', f.keys.pkA), 403, 'secret_key_required');
  });
});
