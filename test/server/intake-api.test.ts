import request from 'supertest';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { connect, quietLogger } from '../support/test-database.js';
import {
  CONSENT_TEXT, PARTNER_ORIGIN, TEST_ENV, createIntakeFixture, validLead, type IntakeFixture,
} from '../support/intake-fixture.js';

let f: IntakeFixture;
beforeAll(async () => { f = await createIntakeFixture('intake_api'); });
afterAll(async () => { await f?.close(); });

const lead = async (id: number) => (await f.client.query('SELECT * FROM leads WHERE id = $1', [id])).rows[0];
const submission = async (reference: string) =>
  (await f.client.query('SELECT * FROM lead_submissions WHERE reference = $1', [reference])).rows[0];
const rowCounts = async () => Object.fromEntries(await Promise.all(
  ['leads', 'lead_submissions', 'consents', 'idempotency_keys'].map(async (t) => [t, await f.count(t)] as const)));

function expectProblem(res: request.Response, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code });
  expect(typeof res.body.detail).toBe('string');
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.(ts|js):\d+|SELECT|INSERT|intake_submit/);
}

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

  it('accepts text/plain holding JSON, as a page can send without a preflight', async () => {
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

describe('deduplication within an organization', () => {
  it('links a second submission with the same email to the first lead, and a page cannot tell', async () => {
    const body = validLead({ email: 'twin@example.com', phone: '4155550150' });
    const first = await f.postAsPage(body);
    const before = await rowCounts();
    const second = await f.postAsPage({ ...body, first_name: 'Other', email: 'TWIN@example.com', phone: '4155550151' });
    expect(second.status).toBe(first.status);
    expect(Object.keys(second.body)).toEqual(Object.keys(first.body));
    const after = await rowCounts();
    expect(after.leads).toBe(before.leads);
    expect(after.lead_submissions).toBe(before.lead_submissions + 1);
    const [a, b] = [await submission(first.body.reference), await submission(second.body.reference)];
    expect(b).toMatchObject({ outcome: 'duplicate', lead_id: a.lead_id });
  });

  it('matches by E.164 phone whatever its format, and tells a server it was a duplicate', async () => {
    const first = await f.postAsServer(validLead({ phone: '(415) 555-0160' }));
    const second = await f.postAsServer(validLead({ phone: '+1 415 555 0160' }));
    expect(second.body).toMatchObject({ duplicate: true, lead_id: first.body.lead_id });
  });

  it('creates a new lead when the match is older than the window, or in another organization', async () => {
    const first = await f.postAsServer(validLead({ email: 'old@example.com', phone: null }));
    await f.client.query(`UPDATE leads SET created_at = created_at - interval '31 days' WHERE id = $1`, [first.body.lead_id]);
    const again = await f.postAsServer(validLead({ email: 'old@example.com', phone: null }));
    expect(again.body.duplicate).toBe(false);
    const other = await request(f.app).post('/api/v1/leads').set({ Authorization: `Bearer ${f.keys.skB}`, 'Content-Type': 'application/json' })
      .send(validLead({ email: 'old@example.com', phone: null, product: 'pet' }));
    expect(other.body).toMatchObject({ duplicate: false });
    expect((await lead(other.body.lead_id)).organization_id).toBe(f.ids.orgB);
  });

  it('lets only one of several simultaneous twins create a lead', async () => {
    const body = validLead({ email: 'race@example.com', phone: '4155550170' });
    const responses = await Promise.all(Array.from({ length: 6 }, () => f.postAsServer(body)));
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(responses.filter((r) => !r.body.duplicate)).toHaveLength(1);
    expect(new Set(responses.map((r) => r.body.lead_id)).size).toBe(1);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and body, writing nothing new', async () => {
    const body = validLead();
    const first = await f.postAsPage(body, { 'Idempotency-Key': 'idem-1' });
    const before = await rowCounts();
    const replay = await f.postAsPage(body, { 'Idempotency-Key': 'idem-1' });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers.location).toBe(first.headers.location);
    expect(await rowCounts()).toEqual(before);
  });

  it('answers 409 for the same key with a different body', async () => {
    await f.postAsPage(validLead(), { 'Idempotency-Key': 'idem-2' });
    const before = await rowCounts();
    const res = await f.postAsPage(validLead(), { 'Idempotency-Key': 'idem-2' });
    expectProblem(res, 409, 'idempotency_conflict');
    expect(await rowCounts()).toEqual(before);
  });

  it('keeps a key for 24 hours only', async () => {
    const body = validLead();
    const first = await f.postAsServer(body, { 'Idempotency-Key': 'idem-3' });
    await f.client.query(`UPDATE idempotency_keys SET created_at = created_at - interval '25 hours' WHERE key = 'idem-3'`);
    const later = await f.postAsServer(body, { 'Idempotency-Key': 'idem-3' });
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(later.body.reference).not.toBe(first.body.reference);
    expect(later.body.duplicate).toBe(true);
  });

  it('gives simultaneous retries of one request one reference and one lead', async () => {
    const body = validLead();
    const responses = await Promise.all(Array.from({ length: 5 }, () => f.postAsServer(body, { 'Idempotency-Key': 'idem-race' })));
    expect(new Set(responses.map((r) => r.body.reference)).size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
    expect(await f.count(`lead_submissions WHERE reference = '${responses[0]!.body.reference}'`)).toBe(1);
  });

  it.each([['', 'empty'], ['x'.repeat(256), 'too long'], ['has space', 'a space']])('refuses a key that is %s (%s)', async (key) => {
    const res = await f.postAsServer(validLead(), { 'Idempotency-Key': key });
    expectProblem(res, 422, 'validation_failed');
    expect(res.body.errors[0]).toMatchObject({ field: 'Idempotency-Key', code: 'invalid_idempotency_key' });
  });
});

describe('attribution', () => {
  const sourceOf = async (body: Record<string, unknown>, post = f.postAsServer) => {
    const res = await post(validLead(body));
    const row = (await f.client.query(
      `SELECT s.source_type, c.slug AS campaign FROM leads l LEFT JOIN lead_sources s ON s.id = l.lead_source_id
         LEFT JOIN campaigns c ON c.id = l.campaign_id WHERE l.id = $1`, [res.body.lead_id])).rows[0];
    return row;
  };

  it.each([
    [{ utm_source: 'google', utm_medium: 'cpc' }, 'ppc'],
    [{ utm_source: 'facebook', utm_medium: 'paid' }, 'ppc'],
    [{ utm_source: 'facebook' }, 'social_media'],
    [{ utm_source: 'Instagram', utm_medium: 'social' }, 'social_media'],
    [{ utm_source: 'linkedin' }, 'social_media'],
    [{ utm_source: 'newsletter' }, 'email'],
    [{ utm_medium: 'email' }, 'email'],
    [{ utm_medium: 'referral' }, 'referral'],
    [{ utm_medium: 'affiliate' }, 'partner'],
    [{ utm_source: 'google', utm_medium: 'organic' }, 'organic'],
    [{}, 'web'],
    [{ utm_source: 'something-unheard-of' }, 'web'],
  ])('%j → %s', async (utm, type) => {
    expect((await sourceOf(utm)).source_type).toBe(type);
  });

  it("falls back to the site key's default source when the tags say nothing", async () => {
    await f.client.query(`UPDATE site_keys SET default_lead_source_id = (SELECT id FROM lead_sources WHERE source_type = 'partner') WHERE id = $1`, [f.ids.siteKeyA]);
    try {
      const res = await f.postAsPage(validLead());
      const row = await submission(res.body.reference);
      expect((await f.client.query(`SELECT source_type FROM lead_sources s JOIN leads l ON l.lead_source_id = s.id WHERE l.id = $1`, [row.lead_id])).rows[0].source_type).toBe('partner');
    } finally {
      await f.client.query(`UPDATE site_keys SET default_lead_source_id = NULL WHERE id = $1`, [f.ids.siteKeyA]);
    }
  });

  it('maps utm_campaign to a campaign slug and keeps the raw tags', async () => {
    expect((await sourceOf({ utm_campaign: 'Spring-Promo' })).campaign).toBe('spring-promo');
    expect((await sourceOf({ utm_campaign: 'no-such-campaign' })).campaign).toBeNull();
    expect((await sourceOf({ campaign: 'spring-promo' })).campaign).toBe('spring-promo');
  });
});

describe('consent records', () => {
  it('stores the exact text, version, its SHA-256 and the evidence', async () => {
    const res = await f.postAsPage(validLead({
      page_url: 'https://www.partner.example/quote?utm_source=x', trustedform_cert_url: 'https://cert.trustedform.com/abc123',
      leadid_token: 'A1B2C3D4-E5F6',
    }), { 'User-Agent': 'ConsentBrowser/2' });
    const { rows: [consent] } = await f.client.query(
      `SELECT c.* FROM consents c JOIN lead_submissions s ON s.id = c.submission_id WHERE s.reference = $1`, [res.body.reference]);
    expect(consent).toMatchObject({
      granted: true, consent_text: CONSENT_TEXT, consent_version: 'v1', user_agent: 'ConsentBrowser/2',
      page_url: 'https://www.partner.example/quote?utm_source=x', trustedform_cert_url: 'https://cert.trustedform.com/abc123',
      leadid_token: 'A1B2C3D4-E5F6', organization_id: f.ids.orgA,
    });
    const { createHash } = await import('node:crypto');
    expect(consent.text_sha256).toBe(createHash('sha256').update(CONSENT_TEXT).digest('hex'));
  });

  it('is refused any change by the database', async () => {
    const { rows: [{ id }] } = await f.client.query('SELECT id FROM consents LIMIT 1');
    await expect(f.client.query(`UPDATE consents SET granted = NOT granted WHERE id = $1`, [id])).rejects.toThrow(/consent records cannot be changed/);
    await expect(f.client.query(`UPDATE consents SET consent_text = 'edited', text_sha256 = encode(sha256('edited'), 'hex') WHERE id = $1`, [id]))
      .rejects.toThrow(/cannot be changed/);
  });

  it('outlives its lead: deleting the lead keeps the consent', async () => {
    const res = await f.postAsServer(validLead());
    await f.client.query('DELETE FROM leads WHERE id = $1', [res.body.lead_id]);
    const { rows } = await f.client.query(
      `SELECT c.lead_id, c.granted FROM consents c JOIN lead_submissions s ON s.id = c.submission_id WHERE s.reference = $1`, [res.body.reference]);
    expect(rows).toEqual([{ lead_id: null, granted: true }]);
  });

  it('still creates the lead without consent, recorded as not granted', async () => {
    for (const consent of [undefined, { granted: false }]) {
      const res = await f.postAsServer(validLead({ consent }));
      expect(res.status).toBe(201);
      const { rows } = await f.client.query('SELECT granted, consent_text FROM consents WHERE lead_id = $1', [res.body.lead_id]);
      expect(rows).toEqual([{ granted: false, consent_text: null }]);
    }
  });
});

describe('bots', () => {
  it.each([
    ['a filled honeypot', () => ({ website: 'http://spam.example' })],
    ['a submit 1 second after the form appeared', () => ({ form_started_at: Date.now() - 1000 })],
  ])('%s gets the usual answer, is stored as spam, and adds no lead', async (_label, extra) => {
    const before = await f.count('leads');
    const res = await f.postAsPage(validLead(extra()));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ reference: expect.any(String), status: 'received' });
    expect(await f.count('leads')).toBe(before);
    expect(await submission(res.body.reference)).toMatchObject({ outcome: 'spam', lead_id: null });
  });

  it.each([
    ['10 seconds', () => Date.now() - 10_000],
    ['an ISO time 30 seconds ago', () => new Date(Date.now() - 30_000).toISOString()],
    ['a visitor clock running fast', () => Date.now() + 60_000],
  ])('a person taking %s is not a bot', async (_label, started) => {
    const res = await f.postAsServer(validLead({ form_started_at: started() }));
    expect(res.body.lead_id).toEqual(expect.any(Number));
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
