import request from 'supertest';
import { ApiKey } from '../../models/index.js';
import type { LeadIntakeSummary } from '../../server/admin/resources/lead-intake-summary.js';
import { newSecretKey } from '../../server/auth/keys.js';
import { adminApi as api, createAdminFixture, type AdminFixture } from '../support/admin-fixture.js';
import { CONSENT_TEXT } from '../support/intake-fixture.js';

/**
 * A repeat inquiry for another product adds no lead, but the lead's page in
 * the admin shows it: each submission with its reference, time, outcome, the
 * product it asked for, and its source and campaign, within the organization.
 */
type Agent = Awaited<ReturnType<AdminFixture['login']>>['agent'];

let fixture: AdminFixture;
let staffA: Agent;
let staffB: Agent;
const keys = { a: '', b: '' };
const catalog = { auto: 0, home: 0, campaignA: 0 };

const one = async <T>(sql: string, bind: unknown[] = []) =>
  ((await fixture.sequelize.query(sql, { bind }))[0] as T[])[0]!;

beforeAll(async () => {
  fixture = await createAdminFixture('lead_submissions');
  const { ids } = fixture;
  catalog.auto = (await one<{ id: number }>(`INSERT INTO insurance_products (name, slug, product_type) VALUES ('Auto Insurance', 'auto-insurance', 'auto') RETURNING id`)).id;
  catalog.home = (await one<{ id: number }>(`INSERT INTO insurance_products (name, slug, product_type) VALUES ('Home Insurance', 'home-insurance', 'home') RETURNING id`)).id;
  await fixture.sequelize.query(`INSERT INTO lead_sources (name, slug, source_type) VALUES ('Web', 'web', 'web'), ('Google Ads', 'ppc', 'ppc')`);
  catalog.campaignA = (await one<{ id: number }>(
    `INSERT INTO campaigns (name, slug, campaign_type, organization_id) VALUES ('Spring promo', 'spring-promo', 'seasonal', $1) RETURNING id`, [ids.orgA])).id;
  for (const [org, name] of [[ids.orgA, 'a'], [ids.orgB, 'b']] as const) {
    const secret = newSecretKey();
    await ApiKey.create({ name: 'Server', key_hash: secret.hash, prefix: secret.prefix, organization_id: org });
    keys[name] = secret.secret;
  }
  staffA = (await fixture.login('staff-a@test.co')).agent;
  staffB = (await fixture.login('staff-b@test.co')).agent;
});
afterAll(async () => { await fixture?.close(); });

let serial = 0;
/** A submission from a partner's server; each gets a phone of its own, so only its email can match. */
const submit = (key: string, body: Record<string, unknown>) => request(fixture.app).post('/api/v1/leads')
  .set({ 'Content-Type': 'application/json', Authorization: `Bearer ${key}` })
  .send(JSON.stringify({
    first_name: 'Rosa', last_name: 'Diaz', phone: `(206) 555-${String(100 + (serial += 1)).padStart(4, '0')}`, zip_code: '98101', state: 'WA',
    consent: { granted: true, text: CONSENT_TEXT, version: 'v1' }, ...body,
  }));

const summaryOf = async (agent: Agent, leadId: number) => {
  const res = await agent.get(api('leads', `records/${leadId}/show`));
  return { res, summary: res.body.record?.params?.intake ? JSON.parse(res.body.record.params.intake) as LeadIntakeSummary : null };
};

describe("a lead's submissions in the admin", () => {
  it('lists a repeat inquiry for another product on the lead, with the product, source and campaign of each submission', async () => {
    const first = await submit(keys.a, { email: 'rosa@example.com', product: 'auto', utm_source: 'google', utm_medium: 'cpc' });
    expect(first.status).toBe(201);
    const repeat = await submit(keys.a, { email: 'ROSA@example.com', product: 'home-insurance', utm_campaign: 'spring-promo' });
    expect(repeat.body).toMatchObject({ duplicate: true, lead_id: first.body.lead_id });

    // The database records what each submission asked for and came through.
    const rows = (await fixture.sequelize.query(
      'SELECT reference, outcome, insurance_product_id, lead_source_id IS NOT NULL AS has_source, campaign_id FROM lead_submissions WHERE lead_id = $1 ORDER BY id',
      { bind: [first.body.lead_id] }))[0];
    expect(rows).toEqual([
      { reference: first.body.reference, outcome: 'created', insurance_product_id: catalog.auto, has_source: true, campaign_id: null },
      { reference: repeat.body.reference, outcome: 'duplicate', insurance_product_id: catalog.home, has_source: true, campaign_id: catalog.campaignA },
    ]);

    const { res, summary } = await summaryOf(staffA, first.body.lead_id);
    expect(res.status).toBe(200);
    expect(summary!.submissionCount).toBe(2);
    expect(summary!.submissions).toEqual([
      {
        id: expect.any(String), reference: repeat.body.reference, outcome: 'duplicate', createdAt: expect.any(String),
        product: 'Home Insurance (Home)', otherProduct: true, source: 'Web', campaign: 'Spring promo',
      },
      {
        id: expect.any(String), reference: first.body.reference, outcome: 'created', createdAt: expect.any(String),
        product: 'Auto Insurance (Auto)', otherProduct: false, source: 'Google Ads', campaign: null,
      },
    ]);
  });

  it("shows another organization's staff nothing of it, and the same person's inquiry there stays there", async () => {
    const lead = await submit(keys.a, { email: 'kai@example.com', product: 'auto' });
    const elsewhere = await submit(keys.b, { email: 'kai@example.com', product: 'home' });
    expect(elsewhere.body).toMatchObject({ duplicate: false });
    expect(elsewhere.body.lead_id).not.toBe(lead.body.lead_id);

    const { summary } = await summaryOf(staffA, lead.body.lead_id);
    expect(summary!.submissions.map((s) => s.reference)).toEqual([lead.body.reference]);
    const asB = await summaryOf(staffB, lead.body.lead_id);
    expect(asB.summary).toBeNull();
    expect(JSON.stringify(asB.res.body)).not.toContain(lead.body.reference);
    const list = await staffB.get(api('lead_submissions', `actions/list?filters.lead_id=${lead.body.lead_id}`));
    expect(list.body.records).toEqual([]);
  });

  it("never names another organization's campaign, even on a submission row that points at one", async () => {
    const lead = await submit(keys.a, { email: 'forged@example.com', product: 'auto' });
    await fixture.sequelize.query('UPDATE lead_submissions SET campaign_id = $1 WHERE reference = $2', { bind: [fixture.ids.campaignB, lead.body.reference] });
    const { summary, res } = await summaryOf(staffA, lead.body.lead_id);
    expect(summary!.submissions[0]).toMatchObject({ reference: lead.body.reference, campaign: null });
    expect(JSON.stringify(res.body)).not.toContain('Beta Spring');
  });

  it('names the product of a submission recorded before the product column existed from its payload', async () => {
    const lead = await submit(keys.a, { email: 'older@example.com', product: 'auto' });
    await fixture.sequelize.query(`UPDATE lead_submissions SET insurance_product_id = NULL, lead_source_id = NULL, payload = payload || '{"product":"pet"}' WHERE reference = $1`,
      { bind: [lead.body.reference] });
    const { summary } = await summaryOf(staffA, lead.body.lead_id);
    expect(summary!.submissions[0]).toMatchObject({ product: 'Pet', otherProduct: false, source: null });
  });

  it('lists and filters submissions by the product they asked for, within the organization', async () => {
    const refs = async (agent: Agent) => (await agent.get(api('lead_submissions', `actions/list?filters.insurance_product_id=${catalog.home}`)))
      .body.records.map((r: { params: { reference: string; insurance_product_id: number } }) => [r.params.reference, r.params.insurance_product_id]);
    const homeA = await refs(staffA);
    expect(homeA.length).toBeGreaterThan(0);
    expect(homeA.every(([, product]: [string, number]) => product === catalog.home)).toBe(true);
    const homeB = await refs(staffB);
    expect(homeB.length).toBe(1);
    expect(homeA.map(([ref]: [string]) => ref)).not.toContain(homeB[0][0]);
  });
});
