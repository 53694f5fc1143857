import { createHash } from 'node:crypto';
import { ApiKey, Consent, Lead, LeadSubmission, SiteKey, User } from '../../models/index.js';
import { SHOWN_ONCE } from '../../server/admin/integrations/api-key-actions.js';
import type { LeadIntakeSummary } from '../../server/admin/resources/lead-intake-summary.js';
import { newPublishableKey, newSecretKey } from '../../server/auth/keys.js';
import { adminApi as api, createAdminFixture, type AdminFixture } from '../support/admin-fixture.js';

type Agent = Awaited<ReturnType<AdminFixture['login']>>['agent'];

let fixture: AdminFixture;
let ids: AdminFixture['ids'];
let staffA: Agent;
let superuser: Agent;
/** Org B's keys, made directly, as a partner of B would have them. */
const b = { siteKey: 0, apiKey: 0, apiKeyHash: '' };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

beforeAll(async () => {
  fixture = await createAdminFixture('keys');
  ids = fixture.ids;
  b.siteKey = (await SiteKey.create({ name: 'Beta site', key: newPublishableKey(), organization_id: ids.orgB, allowed_origins: ['https://beta.example'], consent_text: 'I agree that Beta may call me.' })).id;
  const secret = newSecretKey();
  b.apiKeyHash = secret.hash;
  b.apiKey = (await ApiKey.create({ name: 'Beta CRM', key_hash: secret.hash, prefix: secret.prefix, organization_id: ids.orgB, created_by_id: ids.staffB })).id;
  staffA = (await fixture.login('staff-a@test.co')).agent;
  superuser = (await fixture.login('super@test.co')).agent;
});
afterAll(async () => { await fixture?.close(); });

const recordIds = (res: { body: { records: { id: string }[] } }) => res.body.records.map((r) => Number(r.id));

describe('site keys and API keys stay inside their organization', () => {
  it.each([
    ['site_keys', () => b.siteKey, SiteKey],
    ['api_keys', () => b.apiKey, ApiKey],
  ] as const)('%s: staff of A neither list, show, edit nor revoke B\'s key', async (resource, id, model) => {
    const before = await (model as typeof SiteKey).findByPk(id(), { raw: true });
    expect(recordIds(await staffA.get(api(resource, 'actions/list')))).not.toContain(id());
    expect(recordIds(await staffA.get(api(resource, `actions/list?filters.organization_id=${ids.orgB}`)))).toEqual([]);
    const responses = [
      await staffA.get(api(resource, `records/${id()}/show`)),
      await staffA.get(api(resource, `records/${id()}/edit`)),
      await staffA.post(api(resource, `records/${id()}/edit`)).field('name', 'Hacked'),
      await staffA.post(api(resource, `records/${id()}/delete`)),
      ...(resource === 'api_keys' ? [await staffA.get(api(resource, `records/${id()}/revoke`))] : []),
    ];
    for (const res of responses) {
      expect(res.status).toBeLessThan(500);
      expect(res.body.notice?.type ?? 'error').toBe('error');
      expect(res.text).not.toMatch(/Beta (site|CRM)/);
    }
    expect(await (model as typeof SiteKey).findByPk(id(), { raw: true })).toEqual(before);
  });
});

describe('site keys', () => {
  it('creating one makes a pk_ key in the staffer\'s organization, whatever the form sent', async () => {
    const res = await staffA.post(api('site_keys', 'actions/new')).field('name', 'Alpha site')
      .field('key', 'pk_chosenByTheForm0000000000000000').field('organization_id', String(ids.orgB))
      .field('allowed_origins.0', 'HTTPS://www.Alpha.example/').field('product_types.0', 'auto').field('product_types.1', 'home')
      .field('theme.primary_color', '#0a66c2').field('theme.radius', '8px').field('theme.text_color', '')
      .field('consent_text', 'I agree to be called.').field('consent_version', 'v1');
    expect(res.body.notice).toMatchObject({ type: 'success' });
    const saved = (await SiteKey.findOne({ where: { name: 'Alpha site' }, raw: true }))!;
    expect(saved.key).toMatch(/^pk_[A-Za-z0-9]{32}$/);
    expect(saved).toMatchObject({
      organization_id: ids.orgA, allowed_origins: ['https://www.alpha.example'], product_types: ['auto', 'home'],
      theme: { primary_color: '#0a66c2', radius: '8px' }, consent_version: 'v1', is_active: true,
    });
    expect(res.body.record.params.key).toBe(saved.key);
  });

  it('keeps the key when editing, even if the form sends another one', async () => {
    const site = (await SiteKey.findOne({ where: { name: 'Alpha site' } }))!;
    const res = await staffA.post(api('site_keys', `records/${site.id}/edit`)).field('name', 'Alpha main site')
      .field('key', 'pk_replacedByTheForm00000000000000').field('theme.primary_color', '#fff');
    expect(res.body.notice).toMatchObject({ type: 'success' });
    expect(await SiteKey.findByPk(site.id, { raw: true })).toMatchObject({ name: 'Alpha main site', key: site.key, theme: { primary_color: '#fff' } });
  });

  it.each([
    ['allowed_origins.0', 'www.example.com/page', 'allowed_origins', /is not an origin/],
    ['theme.primary_color', 'blue', 'theme.primary_color', /#rgb or #rrggbb/],
    ['theme.background_color', '#12345', 'theme.background_color', /#rgb or #rrggbb/],
    ['theme.font_family', 'x; } body { display: none', 'theme.font_family', /font names/],
    ['product_types.0', 'boat', 'product_types', /Unknown product type/],
    ['default_campaign_id', "another organization's campaign", 'default_campaign_id', /default campaign of the same organization/],
  ] as const)('answers %s = %s with an error on that field, and saves nothing', async (field, value, errorField, message) => {
    const before = await SiteKey.count();
    const res = await staffA.post(api('site_keys', 'actions/new')).field('name', 'Broken site').field('consent_text', 'I agree to be called.')
      .field(field, field === 'default_campaign_id' ? String(ids.campaignB) : value);
    expect(res.status).toBe(200);
    expect(res.body.notice?.type).toBe('error');
    expect(res.body.record.errors[errorField].message).toMatch(message);
    expect(await SiteKey.count()).toBe(before);
  });
});

describe('API keys', () => {
  let created: { id: number; secret: string };

  it('creating one answers with the secret once and stores only its SHA-256 and prefix', async () => {
    const res = await staffA.post(api('api_keys', 'actions/new')).field('name', 'Alpha CRM')
      .field('organization_id', String(ids.orgB)).field('key_hash', '0'.repeat(64)).field('created_by_id', String(ids.staffB));
    expect(res.body.notice).toEqual({ type: 'success', message: `API key "Alpha CRM" created. ${SHOWN_ONCE}` });
    const { secret } = res.body as { secret: string };
    expect(secret).toMatch(/^sk_[A-Za-z0-9]{40}$/);
    const saved = (await ApiKey.findOne({ where: { name: 'Alpha CRM' }, raw: true }))!;
    expect(saved).toMatchObject({ key_hash: sha256(secret), prefix: secret.slice(0, 10), organization_id: ids.orgA, created_by_id: ids.staffA, revoked_at: null });
    expect(res.text).not.toContain(saved.key_hash);
    expect(res.text).not.toContain('key_hash');
    created = { id: saved.id, secret };
  });

  it('never shows the secret or the hash again: list, show, edit form, search, filters, references', async () => {
    const hash = sha256(created.secret);
    await LeadSubmission.create({ reference: 'LS-APIKEY01', organization_id: ids.orgA, api_key_id: created.id, outcome: 'spam', payload: {} });
    const submission = (await LeadSubmission.findOne({ where: { reference: 'LS-APIKEY01' } }))!;
    const responses = [
      await staffA.get(api('api_keys', 'actions/list')),
      await staffA.get(api('api_keys', `records/${created.id}/show`)),
      await staffA.get(api('api_keys', `records/${created.id}/edit`)),
      await staffA.get(api('api_keys', 'actions/search/Alpha')),
      await superuser.get(api('api_keys', 'actions/list')),
      await staffA.get(api('lead_submissions', `records/${submission.id}/show`)), // the key is populated into the submission
    ];
    for (const res of responses) {
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('key_hash');
      expect(res.text).not.toContain(hash);
      expect(res.text).not.toContain(b.apiKeyHash);
      expect(res.text).not.toContain(created.secret);
    }
    expect(responses[0]!.body.records.map((r: { params: { name: string } }) => r.params.name)).toEqual(['Alpha CRM']);
    expect(responses[5]!.body.record.populated.api_key_id.params.name).toBe('Alpha CRM');
    // A filter on the hash cannot be used to probe it: right prefix or wrong, the same refusal (admin-guards.test.ts has every spelling).
    for (const value of [hash.slice(0, 8), 'no-such-prefix']) {
      const probe = await staffA.get(api('api_keys', `actions/list?filters.key_hash=${value}`));
      expect(probe.status).toBe(422);
      expect(probe.body).toMatchObject({ code: 'unknown_filter', errors: [{ field: 'filters.key_hash', code: 'unknown_filter' }] });
    }
  });

  it('an edit renames the key and cannot touch its hash, prefix or organization', async () => {
    const before = (await ApiKey.findByPk(created.id, { raw: true }))!;
    const res = await staffA.post(api('api_keys', `records/${created.id}/edit`)).field('name', 'Alpha CRM sync')
      .field('key_hash', '1'.repeat(64)).field('prefix', 'sk_forged').field('organization_id', String(ids.orgB));
    expect(res.body.notice?.type).toBe('success');
    expect(res.text).not.toContain('key_hash');
    expect(await ApiKey.findByPk(created.id, { raw: true })).toMatchObject({ ...before, name: 'Alpha CRM sync', updated_at: expect.any(Date) });
  });

  it('Revoke sets revoked_at once; a revoked key can be neither revoked again nor edited', async () => {
    const res = await staffA.get(api('api_keys', `records/${created.id}/revoke`));
    expect(res.body.notice).toMatchObject({ type: 'success' });
    const revokedAt = (await ApiKey.findByPk(created.id))!.revoked_at;
    expect(revokedAt).toBeInstanceOf(Date);
    const again = await staffA.get(api('api_keys', `records/${created.id}/revoke`));
    expect(again.body.notice).toMatchObject({ type: 'error' });
    const edit = await staffA.post(api('api_keys', `records/${created.id}/edit`)).field('name', 'Back from the dead');
    expect(edit.body.notice?.type).toBe('error');
    expect(await ApiKey.findByPk(created.id, { raw: true })).toMatchObject({ name: 'Alpha CRM sync', revoked_at: revokedAt });
    const show = await staffA.get(api('api_keys', `records/${created.id}/show`));
    expect(show.body.record.recordActions.map((a: { name: string }) => a.name)).not.toEqual(expect.arrayContaining(['revoke']));
    expect(show.body.record.recordActions.map((a: { name: string }) => a.name)).not.toContain('edit');
  });

  it('nobody deletes a key: it stays on record, revoked', async () => {
    const res = await superuser.post(api('api_keys', `records/${created.id}/delete`));
    expect(res.body.notice?.type).toBe('error');
    expect(await ApiKey.findByPk(created.id)).not.toBeNull();
  });

  it('a superuser must choose the organization; staff still see a key a superuser made for them', async () => {
    const missing = await superuser.post(api('api_keys', 'actions/new')).field('name', 'No org');
    expect(missing.body.record.errors.organization_id.message).toMatch(/organization/);
    const made = await superuser.post(api('api_keys', 'actions/new')).field('name', 'Made by super').field('organization_id', String(ids.orgA));
    expect(made.body.secret).toMatch(/^sk_/);
    const superId = (await User.findOne({ where: { email: 'super@test.co' } }))!.id;
    expect(await ApiKey.findOne({ where: { name: 'Made by super' }, raw: true })).toMatchObject({ organization_id: ids.orgA, created_by_id: superId });
    // The creator (a superuser of no organization) is out of staff's reach: shown as a bare id, not a failed page.
    const list = await staffA.get(api('api_keys', 'actions/list'));
    expect(list.status).toBe(200);
    expect(list.body.records.map((r: { params: { name: string } }) => r.params.name)).toContain('Made by super');
  });
});

describe('submissions and consents are read-only records', () => {
  let submissionId: string;
  let consentId: string;

  beforeAll(async () => {
    const submission = await LeadSubmission.create({
      reference: 'LS-CREATED01', organization_id: ids.orgA, lead_id: ids.leadA, outcome: 'created',
      payload: { first_name: 'Ann', email: 'ann@alpha.co' }, attribution: { utm_source: 'google' },
      score_breakdown: { score: 39, items: [
        { rule: 'completeness', label: 'Completeness', points: 24, max: 30 },
        { rule: 'phone', label: 'Phone', points: 15, max: 15, value: 'mobile' },
      ] },
    });
    submissionId = String(submission.id);
    await LeadSubmission.create({ reference: 'LS-DUP01', organization_id: ids.orgA, lead_id: ids.leadA, outcome: 'duplicate', payload: {} });
    const text = 'I agree to be called about my quote.';
    const consent = await Consent.create({
      organization_id: ids.orgA, lead_id: ids.leadA, submission_id: submission.id, granted: true,
      consent_text: text, consent_version: 'v1', text_sha256: sha256(text), page_url: 'https://www.alpha.example/quote',
    });
    consentId = String(consent.id);
  });

  it.each([
    ['lead_submissions', () => submissionId],
    ['consents', () => consentId],
  ])('%s: no new, edit or delete action for anyone, superusers included', async (resource, id) => {
    const superJson = fixture.admin.admin.findResource(resource).decorate().toJSON({ email: 's', is_superuser: true } as never);
    expect(superJson.resourceActions.map((a) => a.name)).not.toContain('new');
    for (const res of [
      await superuser.post(api(resource, 'actions/new')).field('organization_id', String(ids.orgA)),
      await superuser.post(api(resource, `records/${id()}/edit`)).field('granted', 'false').field('outcome', 'spam'),
      await superuser.post(api(resource, `records/${id()}/delete`)),
      await superuser.post(api(resource, `bulk/bulkDelete?recordIds=${id()}`)),
    ]) {
      expect(res.status).toBeLessThan(500);
      expect(res.body.notice?.type ?? 'error').toBe('error');
    }
    const show = await superuser.get(api(resource, `records/${id()}/show`));
    expect(show.body.record.recordActions.map((a: { name: string }) => a.name)).toEqual(['show']);
    expect((await LeadSubmission.findByPk(submissionId))!.outcome).toBe('created');
    expect((await Consent.findByPk(consentId))!.granted).toBe(true);
  });

  it('filters submissions by outcome and lead, within the organization', async () => {
    const refs = async (query: string) => (await staffA.get(api('lead_submissions', `actions/list?${query}`)))
      .body.records.map((r: { params: { reference: string } }) => r.params.reference).sort();
    expect(await refs(`filters.lead_id=${ids.leadA}`)).toEqual(['LS-CREATED01', 'LS-DUP01']);
    expect(await refs('filters.outcome=duplicate')).toEqual(['LS-DUP01']);
    expect(await refs(`filters.created_at~~from=2000-01-01&filters.outcome=created`)).toEqual(['LS-CREATED01']);
    const staffB = (await fixture.login('staff-b@test.co')).agent;
    expect((await staffB.get(api('lead_submissions', 'actions/list'))).body.records).toEqual([]);
    expect((await staffB.get(api('consents', 'actions/list'))).body.records).toEqual([]);
  });

  it('the lead page carries the score breakdown, the consent and the submissions', async () => {
    const res = await staffA.get(api('leads', `records/${ids.leadA}/show`));
    const summary = JSON.parse(res.body.record.params.intake) as LeadIntakeSummary;
    expect(summary.score).toEqual({ score: 39, items: [
      { rule: 'completeness', label: 'Completeness', points: 24, max: 30 },
      { rule: 'phone', label: 'Phone', points: 15, max: 15, value: 'mobile' },
    ] });
    expect(summary.consent).toMatchObject({ granted: true, version: 'v1', pageUrl: 'https://www.alpha.example/quote' });
    expect(Date.parse(summary.consent!.grantedAt!)).not.toBeNaN();
    expect(summary.submissions.map((s) => s.reference).sort()).toEqual(['LS-CREATED01', 'LS-DUP01']);
    expect(summary.submissionCount).toBe(2);
    const plain = JSON.parse((await staffA.get(api('leads', `records/${(await Lead.create({
      first_name: 'Hand', last_name: 'Typed', email: 'hand@alpha.co', organization_id: ids.orgA,
    } as never)).id}/show`))).body.record.params.intake) as LeadIntakeSummary;
    expect(plain).toEqual({ score: null, consent: null, submissions: [], submissionCount: 0 });
  });
});
