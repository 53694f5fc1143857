import request from 'supertest';
import {
  CONSENT_TEXT, createIntakeFixture, expectProblem, rowCounts as countRows, validLead, type IntakeFixture,
} from '../support/intake-fixture.js';

let f: IntakeFixture;
beforeAll(async () => { f = await createIntakeFixture('intake_rules'); });
afterAll(async () => { await f?.close(); });

const lead = async (id: number) => (await f.client.query('SELECT * FROM leads WHERE id = $1', [id])).rows[0];
const submission = async (reference: string) =>
  (await f.client.query('SELECT * FROM lead_submissions WHERE reference = $1', [reference])).rows[0];
const rowCounts = () => countRows(f);

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

describe('phone numbers that cannot exist', () => {
  it.each(['(111) 111-1111', '(555) 012-3456', '(555) 123-4567', '+1 211 555 0132'])(
    'refuses %s on the phone field with unassigned_phone, and writes nothing', async (phone) => {
      const before = await rowCounts();
      const res = await f.postAsPage(validLead({ phone }));
      expectProblem(res, 422, 'validation_failed');
      expect(res.body.errors).toEqual([{ field: 'phone', code: 'unassigned_phone', message: 'This phone number cannot exist: check the area code and the number.' }]);
      expect(await rowCounts()).toEqual(before);
    });

  it('stores a real number in E.164 and scores it in full; a lead without a phone scores 0 for it', async () => {
    const withPhone = await f.postAsServer(validLead({ phone: '(415) 555-0132' }));
    expect(withPhone.status).toBe(201);
    expect((await lead(withPhone.body.lead_id)).phone).toBe('+14155550132');
    const phoneItem = async (reference: string) =>
      (await submission(reference)).score_breakdown.items.find((i: { rule: string }) => i.rule === 'phone');
    expect(await phoneItem(withPhone.body.reference)).toMatchObject({ points: 15, max: 15 });
    const without = await f.postAsServer(validLead({ phone: null }));
    expect(await phoneItem(without.body.reference)).toMatchObject({ points: 0, max: 15 });
  });

  it('still refuses a number of the wrong length with invalid_phone', async () => {
    const res = await f.postAsPage(validLead({ phone: '415 555 013' }));
    expect(res.body.errors).toEqual([{ field: 'phone', code: 'invalid_phone', message: 'Enter a valid phone number, like (415) 555-0132.' }]);
  });
});

describe('ZIP code and state', () => {
  it('refuses a US ZIP of another state on zip_code, naming both, and writes nothing', async () => {
    const before = await rowCounts();
    const res = await f.postAsPage(validLead({ zip_code: '10001', state: 'CA' }));
    expectProblem(res, 422, 'validation_failed');
    expect(res.body.errors).toEqual([{ field: 'zip_code', code: 'zip_state_mismatch', message: 'ZIP 10001 is in NY, not CA.' }]);
    expect(await rowCounts()).toEqual(before);
  });

  it.each<[Record<string, unknown>, string]>([
    [{ zip_code: '10001', state: 'ny' }, 'the same state, in any case'],
    [{ zip_code: '10001-1234', state: 'NY' }, 'a ZIP+4'],
    [{ zip_code: '09001', state: 'NY' }, 'a military prefix (unknown: passes)'],
    [{ zip_code: '10001', state: undefined }, 'no state'],
    [{ zip_code: undefined, state: 'CA' }, 'no ZIP'],
    [{ zip_code: '10001', state: 'Ontario', country: 'Canada', phone: '+1 416 555 0132' }, 'another country'],
  ])('accepts %j (%s)', async (fields, _why) => {
    const res = await f.postAsServer(validLead(fields));
    expect([res.status, res.body.errors]).toEqual([201, undefined]);
  });
});
