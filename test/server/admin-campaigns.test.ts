import { Campaign, InsuranceProduct, LeadSource, Organization } from '../../models/index.js';
import { MESSAGES } from '../../models/lead-rules.js';
import { CAMPAIGN_ACTIVE_STATUSES, CAMPAIGN_STATUSES, CAMPAIGN_TYPES } from '../../models/value-sets.js';
import { END_AFTER_START } from '../../models/campaign.model.js';
import { campaignsActiveFollowsStatusV1 } from '../../migrations/functions/campaigns-active-follows-status.v1.sql.js';
import { adminApi as api, createAdminFixture, type AdminFixture } from '../support/admin-fixture.js';

type Agent = Awaited<ReturnType<AdminFixture['login']>>['agent'];
type Res = { status: number; body: { notice?: { type?: string }; record?: { params?: Record<string, unknown>; errors?: Record<string, { message: string }> } } };

let fixture: AdminFixture;
let ids: AdminFixture['ids'];
let staffA: Agent;
let superuser: Agent;
let serial = 0;
const unique = (prefix: string) => `${prefix}-${(serial += 1)}`;

beforeAll(async () => {
  fixture = await createAdminFixture('campaigns');
  ids = fixture.ids;
  staffA = (await fixture.login('staff-a@test.co')).agent;
  superuser = (await fixture.login('super@test.co')).agent;
});
afterAll(async () => { await fixture?.close(); });

/** A valid new campaign's form fields; `extra` overrides or adds. */
const form = (extra: Record<string, string> = {}) => ({
  name: unique('Spring promo'), campaign_type: 'seasonal', status: 'active',
  start_date: '2026-03-01T00:00:00.000Z', end_date: '2026-05-31T00:00:00.000Z', ...extra,
});

/** Posts fields as a multipart form, as the admin's own page does. */
function post(agent: Agent, path: string, fields: Record<string, string | undefined | null>) {
  let req = agent.post(path);
  // As the admin's form sends a field without a value (paramsToFormData in AdminJS).
  for (const [key, value] of Object.entries(fields)) req = req.field(key, value ?? '__FORM_VALUE_NULL__');
  return req;
}
const create = (fields: Record<string, string | undefined>, agent = staffA) => post(agent, api('campaigns', 'actions/new'), fields);
const edit = (id: number, fields: Record<string, string | undefined>, agent = staffA) => post(agent, api('campaigns', `records/${id}/edit`), fields);

const saved = (res: Res) => res.status === 200 && res.body.notice?.type === 'success';
const errorsOf = (res: Res) => Object.fromEntries(Object.entries(res.body.record?.errors ?? {}).map(([field, e]) => [field, e.message]));

async function campaignOfA(extra: Partial<Record<keyof Campaign, unknown>> = {}): Promise<Campaign> {
  return Campaign.create({
    name: unique('Camp'), slug: unique('camp'), campaign_type: 'seasonal', status: 'active', organization_id: ids.orgA,
    start_date: new Date('2026-03-01T00:00:00Z'), end_date: new Date('2026-05-31T00:00:00Z'), ...extra,
  } as never);
}

describe('start before end', () => {
  it('saves a campaign whose end is on or after its start, and one with either date open', async () => {
    expect(saved(await create(form()))).toBe(true);
    expect(saved(await create(form({ end_date: '2026-03-01T00:00:00.000Z' })))).toBe(true);
    expect(saved(await create(form({ end_date: '' })))).toBe(true);
    expect(saved(await create(form({ start_date: '' })))).toBe(true);
  });

  it('refuses a new campaign that ends before it starts, on the end date field, and writes nothing', async () => {
    const before = await Campaign.count();
    const res = await create(form({ end_date: '2026-02-01T00:00:00.000Z' }));
    expect(res.status).toBe(200);
    expect(res.body.notice?.type).toBe('error');
    expect(errorsOf(res)).toEqual({ end_date: END_AFTER_START.message });
    expect(await Campaign.count()).toBe(before);
  });

  it('refuses an edit of the end date alone that puts it before the saved start, and keeps the saved dates', async () => {
    const campaign = await campaignOfA();
    const res = await edit(campaign.id, { end_date: '2026-02-01T00:00:00.000Z' });
    expect(errorsOf(res)).toEqual({ end_date: END_AFTER_START.message });
    await campaign.reload();
    expect(campaign.end_date?.toISOString()).toBe('2026-05-31T00:00:00.000Z');
    // The legitimate edit of the end date alone.
    expect(saved(await edit(campaign.id, { end_date: '2026-06-30T00:00:00.000Z' }))).toBe(true);
    await campaign.reload();
    expect(campaign.end_date?.toISOString()).toBe('2026-06-30T00:00:00.000Z');
  });

  it('refuses an edit of the start date alone that moves it after the saved end, with the error on the end date', async () => {
    const campaign = await campaignOfA();
    const res = await edit(campaign.id, { start_date: '2026-07-01T00:00:00.000Z' });
    expect(errorsOf(res)).toEqual({ end_date: END_AFTER_START.message });
    await campaign.reload();
    expect(campaign.start_date?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(saved(await edit(campaign.id, { start_date: '2026-04-01T00:00:00.000Z' }))).toBe(true);
  });

  it('refuses a flattened end_date.0 (a list where one date belongs) and never writes it', async () => {
    const campaign = await campaignOfA();
    for (const key of ['end_date.0', 'end_date.x']) {
      const res = await edit(campaign.id, { [key]: '2026-02-01T00:00:00.000Z' });
      expect(res.body.notice?.type).toBe('error');
      expect(Object.keys(errorsOf(res))).toEqual(['end_date']);
      await campaign.reload();
      expect(campaign.end_date?.toISOString()).toBe('2026-05-31T00:00:00.000Z');
    }
    // Beside a plain end_date, the flattened one never gets written.
    const made = await create(form({ end_date: '', 'end_date.0': '2026-02-01T00:00:00.000Z' }));
    if (saved(made)) expect((await Campaign.findByPk(Number(made.body.record!.params!.id)))!.end_date).toBeNull();
    else expect(Object.keys(errorsOf(made))).toEqual(['end_date']);
    expect(saved(await edit(campaign.id, { end_date: '2026-06-01T00:00:00.000Z' }))).toBe(true);
  });

  it('answers the same through a JSON call of the API route as through the form, and the page route takes no writes', async () => {
    const campaign = await campaignOfA();
    const json = await staffA.post(api('campaigns', `records/${campaign.id}/edit`)).send({ end_date: '2026-02-01T00:00:00.000Z' });
    expect(errorsOf(json)).toEqual({ end_date: END_AFTER_START.message });
    const page = await staffA.post(`/admin/resources/campaigns/records/${campaign.id}/edit`).type('form').send({ end_date: '2026-02-01T00:00:00.000Z' });
    expect(page.status).toBeGreaterThanOrEqual(400);
    expect(page.status).toBeLessThan(500);
    await campaign.reload();
    expect(campaign.end_date?.toISOString()).toBe('2026-05-31T00:00:00.000Z');
    expect(saved(await staffA.post(api('campaigns', `records/${campaign.id}/edit`)).send({ end_date: '2026-06-02T00:00:00.000Z' }))).toBe(true);
  });

  it("cannot touch another organization's campaign, with good dates or bad", async () => {
    const before = (await Campaign.findByPk(ids.campaignB))!.toJSON();
    for (const fields of [{ end_date: '2026-02-01T00:00:00.000Z' }, { description: 'taken over' }]) {
      const res = await edit(ids.campaignB, fields);
      expect(res.status).toBeLessThan(500);
      expect(res.body.notice?.type).toBe('error');
    }
    expect((await Campaign.findByPk(ids.campaignB))!.toJSON()).toEqual(before);
    // B's own admin edits it.
    const staffB = (await fixture.login('staff-b@test.co')).agent;
    expect(saved(await edit(ids.campaignB, { description: 'Spring in Beta' }, staffB))).toBe(true);
  });

  it('Model.update of many rows and raw SQL are held too: by the per-row hook and by the CHECK', async () => {
    const one = await campaignOfA();
    const two = await campaignOfA({ start_date: new Date('2026-04-01T00:00:00Z') });
    await expect(Campaign.update({ end_date: new Date('2026-03-15T00:00:00Z') }, { where: { id: [one.id, two.id] } }))
      .rejects.toMatchObject({ name: 'SequelizeValidationError', errors: [expect.objectContaining({ path: 'end_date' })] });
    await expect(fixture.sequelize.query(`UPDATE campaigns SET end_date = start_date - interval '1 day' WHERE id = ${one.id}`))
      .rejects.toMatchObject({ original: expect.objectContaining({ code: '23514', constraint: 'ck_campaigns_end_after_start' }) });
  });

  it('an old row that already breaks the rule (possible while the CHECK is NOT VALID) gets the field error, not a 500', async () => {
    const campaign = await campaignOfA();
    // Stand-in for a row saved before the constraint: drop it, break the row, put it back NOT VALID.
    await fixture.sequelize.query('ALTER TABLE campaigns DROP CONSTRAINT ck_campaigns_end_after_start');
    await fixture.sequelize.query(`UPDATE campaigns SET end_date = start_date - interval '1 day' WHERE id = ${campaign.id}`);
    await fixture.sequelize.query(`ALTER TABLE campaigns ADD CONSTRAINT ck_campaigns_end_after_start
      CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date) NOT VALID`);
    try {
      const res = await edit(campaign.id, { description: 'Only the words change' });
      expect(res.status).toBe(200);
      expect(errorsOf(res)).toEqual({ end_date: END_AFTER_START.message });
      // A database-only refusal (the validator cannot see it: a raw UPDATE racing the form) also maps to the field.
      expect(saved(await edit(campaign.id, { end_date: '2026-06-01T00:00:00.000Z' }))).toBe(true);
    } finally {
      await fixture.sequelize.query(`UPDATE campaigns SET end_date = NULL WHERE end_date < start_date`);
      await fixture.sequelize.query('ALTER TABLE campaigns VALIDATE CONSTRAINT ck_campaigns_end_after_start');
    }
  });
});

describe('one status: is_active follows it', () => {
  it.each(CAMPAIGN_STATUSES.map((status) => [status, (CAMPAIGN_ACTIVE_STATUSES as readonly string[]).includes(status)] as const))(
    'a campaign saved as %s takes new leads: %s', async (status, active) => {
      const res = await create(form({ status }));
      expect(saved(res)).toBe(true);
      const row = await Campaign.findByPk(Number(res.body.record!.params!.id));
      expect(row!.is_active).toBe(active);
    });

  it('changing the status alone moves is_active, and a sent is_active is ignored (form, JSON, flattened)', async () => {
    const campaign = await campaignOfA();
    expect(saved(await edit(campaign.id, { status: 'cancelled' }))).toBe(true);
    await campaign.reload();
    expect(campaign.is_active).toBe(false);
    for (const fields of [{ is_active: 'true' }, { 'is_active.0': 'true' }, { status: 'cancelled', is_active: 'true' }]) {
      await edit(campaign.id, fields);
      await campaign.reload();
      expect(campaign.is_active).toBe(false);
    }
    await staffA.post(api('campaigns', `records/${campaign.id}/edit`)).send({ is_active: true });
    await campaign.reload();
    expect(campaign.is_active).toBe(false);
    expect(saved(await edit(campaign.id, { status: 'paused' }))).toBe(true);
    await campaign.reload();
    expect(campaign.is_active).toBe(true);
  });

  it('holds for code that writes the model directly, one row or many', async () => {
    const campaign = await campaignOfA({ status: 'completed', is_active: true });
    expect(campaign.is_active).toBe(false);
    await Campaign.update({ is_active: true }, { where: { id: campaign.id } });
    await campaign.reload();
    expect(campaign.is_active).toBe(false);
    const other = await campaignOfA();
    await Campaign.update({ status: 'cancelled' }, { where: { id: [campaign.id, other.id] } });
    await other.reload();
    expect(other.is_active).toBe(false);
    await Campaign.update({ is_active: true }, { where: { id: [campaign.id, other.id] } });
    expect((await Campaign.findAll({ where: { id: [campaign.id, other.id] } })).map((c) => c.is_active)).toEqual([false, false]);
  });

  it('raw SQL is held too, by the trigger: an insert or update that names is_active gets the status\'s', async () => {
    const [[row]] = await fixture.sequelize.query(`INSERT INTO campaigns (name, slug, campaign_type, status, is_active, organization_id)
      VALUES ('Raw', '${unique('raw')}', 'seasonal', 'cancelled', true, ${ids.orgA}) RETURNING id, is_active`) as [{ id: number; is_active: boolean }[], unknown];
    expect(row!.is_active).toBe(false);
    await fixture.sequelize.query(`UPDATE campaigns SET is_active = true WHERE id = ${row!.id}`);
    expect((await Campaign.findByPk(row!.id))!.is_active).toBe(false);
    await fixture.sequelize.query(`UPDATE campaigns SET status = 'scheduled' WHERE id = ${row!.id}`);
    expect((await Campaign.findByPk(row!.id))!.is_active).toBe(true);
  });

  it('the trigger and the model agree on which statuses take leads', () => {
    const inSql = /IN \(([^)]*)\)/.exec(campaignsActiveFollowsStatusV1.body)![1]!.split(',').map((v) => v.trim().replace(/'/g, ''));
    expect(inSql).toEqual([...CAMPAIGN_ACTIVE_STATUSES]);
  });

  it('the form, the list and the filters offer no Active box', async () => {
    const res = await staffA.get(api('campaigns', 'actions/list'));
    const resource = fixture.admin.admin.findResource('campaigns').decorate();
    expect(resource.getProperties({ where: 'edit' }).map((p) => p.propertyPath)).not.toContain('is_active');
    expect(resource.getProperties({ where: 'filter' }).map((p) => p.propertyPath)).not.toContain('is_active');
    expect(resource.getProperties({ where: 'list' }).map((p) => p.propertyPath)).not.toContain('is_active');
    expect(resource.getProperties({ where: 'edit' }).map((p) => p.propertyPath)).toContain('status');
    expect(res.body.notice?.type).not.toBe('error');
    const filtered = await staffA.get(api('campaigns', 'actions/list?filters.is_active=true'));
    expect(filtered.status).toBe(422);
  });
});

describe('campaign type from a value set', () => {
  it('the form offers exactly CAMPAIGN_TYPES', () => {
    const property = fixture.admin.admin.findResource('campaigns').decorate().getPropertyByKey('campaign_type')!;
    expect(property.availableValues()?.map((v) => v.value)).toEqual([...CAMPAIGN_TYPES]);
  });

  it('refuses a type outside the list on create and on change; accepts every listed one', async () => {
    const res = await create(form({ campaign_type: 'billboard' }));
    expect(errorsOf(res)).toEqual({ campaign_type: expect.stringMatching(/^Choose one of: seasonal/) });
    const campaign = await campaignOfA();
    expect(errorsOf(await edit(campaign.id, { campaign_type: 'billboard' }))).toEqual({ campaign_type: expect.any(String) });
    expect(errorsOf(await edit(campaign.id, { 'campaign_type.0': 'billboard' }))).toEqual({ campaign_type: expect.any(String) });
    await campaign.reload();
    expect(campaign.campaign_type).toBe('seasonal');
    for (const type of CAMPAIGN_TYPES) expect(saved(await edit(campaign.id, { campaign_type: type }))).toBe(true);
  });

  it('a campaign holding an older free-text type still shows, and its other fields can be edited', async () => {
    const campaign = await campaignOfA();
    await fixture.sequelize.query(`UPDATE campaigns SET campaign_type = 'Webinar series' WHERE id = ${campaign.id}`);
    const show = await staffA.get(api('campaigns', `records/${campaign.id}/show`));
    expect(show.body.record.params.campaign_type).toBe('Webinar series');
    // The form sends every field back, the old type among them.
    const res = await edit(campaign.id, { ...show.body.record.params, description: 'Now with a description' } as Record<string, string>);
    expect(errorsOf(res)).toEqual({});
    expect(saved(res)).toBe(true);
    await campaign.reload();
    expect(campaign).toMatchObject({ campaign_type: 'Webinar series', description: 'Now with a description' });
    // Changing the old type still has to pick one of the list.
    expect(errorsOf(await edit(campaign.id, { campaign_type: 'Webinar' }))).toEqual({ campaign_type: expect.any(String) });
    expect(saved(await edit(campaign.id, { campaign_type: 'other' }))).toBe(true);
  });
});

describe('slugs are lower-case on every slugged table', () => {
  it.each(['Spring-Promo', 'spring promo', 'spring--promo', 'promo!'])('refuses the typed campaign slug %p with the slug message', async (slug) => {
    const res = await create(form({ slug }));
    expect(errorsOf(res)).toEqual({ slug: MESSAGES.invalid_slug });
  });

  it('makes a blank slug from the name, accepts a well-formed one, and trims surrounding spaces', async () => {
    const made = await create(form({ name: 'Éte Spring Promo 2026', slug: '' }));
    expect(made.body.record!.params!.slug).toBe('ete-spring-promo-2026');
    expect((await create(form({ slug: 'my_promo-2' }))).body.record!.params!.slug).toBe('my_promo-2');
    expect((await create(form({ slug: '  trimmed-promo ' }))).body.record!.params!.slug).toBe('trimmed-promo');
    const campaign = await campaignOfA();
    expect(errorsOf(await edit(campaign.id, { slug: 'Capital' }))).toEqual({ slug: MESSAGES.invalid_slug });
    expect(saved(await edit(campaign.id, { slug: '' , name: 'Renamed Camp' }))).toBe(true);
    await campaign.reload();
    expect(campaign.slug).toBe('renamed-camp');
  });

  it('lead sources, products and organizations keep the same rule (superuser forms)', async () => {
    const cases: [string, Record<string, string>][] = [
      ['lead_sources', { name: unique('Src'), source_type: 'event' }],
      ['insurance_products', { name: unique('Prod'), product_type: 'pet' }],
      ['organizations', { name: unique('Org') }],
    ];
    for (const [resource, fields] of cases) {
      const bad = await post(superuser, api(resource, 'actions/new'), { ...fields, slug: 'Has Capitals' });
      expect(errorsOf(bad)).toEqual({ slug: MESSAGES.invalid_slug });
      const good = await post(superuser, api(resource, 'actions/new'), { ...fields, slug: '' });
      expect(saved(good)).toBe(true);
      expect(good.body.record!.params!.slug).toMatch(/^[a-z]+-\d+$/);
    }
  });

  it('an old slug in capitals does not block editing the other fields', async () => {
    const org = await Organization.create({ name: 'Legacy', slug: 'legacy-org' } as never);
    const source = await LeadSource.create({ name: 'Legacy source', slug: 'legacy-src', source_type: 'web' } as never);
    const product = await InsuranceProduct.create({ name: 'Legacy product', slug: 'legacy-prod', product_type: 'auto' } as never);
    for (const [table, id] of [['organizations', org.id], ['lead_sources', source.id], ['insurance_products', product.id]] as const) {
      await fixture.sequelize.query(`UPDATE ${table} SET slug = upper(slug) WHERE id = ${id}`);
      const show = await superuser.get(api(table, `records/${id}/show`));
      const res = await post(superuser, api(table, `records/${id}/edit`), { ...show.body.record.params, description: 'Edited' });
      expect(errorsOf(res)).toEqual({});
      expect(saved(res)).toBe(true);
    }
  });
});

describe('every error at once, on its field', () => {
  it('a form with three wrong fields shows all three, never a 500 or "cannot be null"', async () => {
    const res = await create({ name: '', campaign_type: 'billboard', status: 'draft', slug: 'Bad Slug',
      start_date: '2026-05-01T00:00:00.000Z', end_date: '2026-04-01T00:00:00.000Z', budget: 'lots' });
    expect(res.status).toBe(200);
    const errors = errorsOf(res);
    expect(Object.keys(errors).sort()).toEqual(['budget', 'campaign_type', 'end_date', 'name', 'slug']);
    expect(errors.end_date).toBe(END_AFTER_START.message);
    expect(errors.slug).toBe(MESSAGES.invalid_slug);
    expect(JSON.stringify(errors)).not.toMatch(/cannot be null|Campaign\./);
  });

  it('an edit with three wrong fields, one of them a date alone, shows all three', async () => {
    const campaign = await campaignOfA();
    const res = await edit(campaign.id, { campaign_type: 'billboard', slug: 'NO', end_date: '2026-01-01T00:00:00.000Z' });
    expect(Object.keys(errorsOf(res)).sort()).toEqual(['campaign_type', 'end_date', 'slug']);
  });

  it('missing required fields and nulls read as a person would, not as Sequelize', async () => {
    const res = await staffA.post(api('campaigns', 'actions/new')).send({ name: null, campaign_type: null, status: null, end_date: 'not a date' });
    expect(res.status).toBe(200);
    const errors = errorsOf(res);
    expect(Object.keys(errors)).toEqual(expect.arrayContaining(['name', 'campaign_type', 'end_date']));
    expect(JSON.stringify(errors)).not.toMatch(/cannot be null|Campaign\./);
  });
});
