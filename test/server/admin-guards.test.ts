import request from 'supertest';
import { Campaign, Lead, PasswordReset, SiteKey, User } from '../../models/index.js';
import { Document } from '../../models/index.js';
import { newStorageKey } from '../../server/documents/document-store.js';
import { verifyPassword } from '../../server/auth/password.js';
import { newPublishableKey } from '../../server/auth/keys.js';
import { PASSWORD, adminAgent, adminApi as api, createAdminFixture, type AdminFixture } from '../support/admin-fixture.js';

type Agent = Awaited<ReturnType<AdminFixture['login']>>['agent'];
let fixture: AdminFixture;
let ids: AdminFixture['ids'];
let admin: Agent;
let superuser: Agent;
let campaignA = 0;

beforeAll(async () => {
  fixture = await createAdminFixture('guards');
  ids = fixture.ids;
  campaignA = (await Campaign.create({ name: 'Alpha Fall', slug: 'alpha-fall', campaign_type: 'seasonal', organization_id: ids.orgA } as never)).id;
  admin = (await fixture.login('staff-a@test.co')).agent;
  superuser = (await fixture.login('super@test.co')).agent;
});
afterAll(async () => { await fixture?.close(); });

describe('cross-tenant references', () => {
  it.each(['campaign_id', 'campaign_id.0', 'campaign_id.x'])('a lead of A cannot be filed under B\'s campaign (%s); A\'s own campaign is fine', async (field) => {
    const refused = await admin.post(api('leads', `records/${ids.leadA}/edit`)).field(field, String(ids.campaignB));
    expect(refused.status).toBe(200);
    expect((await Lead.findByPk(ids.leadA))!.campaign_id).toBeNull();
    if (field === 'campaign_id') expect(refused.body.record.errors.campaign_id.message).toMatch(/same organization/);
    const ok = await admin.post(api('leads', `records/${ids.leadA}/edit`)).field('campaign_id', String(campaignA));
    expect(ok.body.notice.type).toBe('success');
    expect((await Lead.findByPk(ids.leadA))!.campaign_id).toBe(campaignA);
    await Lead.update({ campaign_id: null }, { where: { id: ids.leadA } });
  });

  it('a new lead, and a site key\'s default campaign, are refused the same way', async () => {
    const before = await Lead.count();
    const res = await admin.post(api('leads', 'actions/new')).field('first_name', 'X').field('last_name', 'Y').field('campaign_id', String(ids.campaignB));
    expect(res.body.record.errors.campaign_id).toBeDefined();
    expect(await Lead.count()).toBe(before);
    const key = await admin.post(api('site_keys', 'actions/new')).field('name', 'Alpha site').field('allowed_origins.0', 'https://a.example')
      .field('consent_text', 'I agree to be called.').field('default_campaign_id', String(ids.campaignB));
    expect(key.body.record.errors.default_campaign_id.message).toMatch(/default campaign of the same organization/);
    expect(await SiteKey.count({ where: { name: 'Alpha site' } })).toBe(0);
  });

  it('a superuser sees every organization, yet cannot file A\'s lead under B\'s campaign either', async () => {
    const res = await superuser.post(api('leads', `records/${ids.leadA}/edit`)).field('campaign_id', String(ids.campaignB));
    expect(res.body.record.errors.campaign_id).toBeDefined();
    expect((await Lead.findByPk(ids.leadA))!.campaign_id).toBeNull();
    const moved = await superuser.post(api('leads', 'actions/new')).field('first_name', 'B').field('last_name', 'Lead')
      .field('email', 'b.lead@beta.co').field('organization_id', String(ids.orgB)).field('campaign_id', String(ids.campaignB));
    expect(moved.body.record.errors).toEqual({});
    expect(moved.body.notice.type).toBe('success');
  });

  it('a lead that already points at another organization\'s campaign (old data) shows that name in no list, dashboard or export of A', async () => {
    await Lead.update({ campaign_id: ids.campaignB }, { where: { id: ids.leadA } }); // as raw SQL or an old version could have
    try {
      const dashboard = await admin.get('/admin/api/dashboard');
      expect(JSON.stringify(dashboard.body.byCampaign)).not.toContain('Beta Spring');
      const csv = await admin.get('/admin/export/leads.csv');
      expect(csv.status).toBe(200);
      expect(csv.text).not.toContain('Beta Spring');
      const list = await admin.get(api('leads', 'actions/list'));
      expect(JSON.stringify(list.body)).not.toContain('Beta Spring');
      const show = await admin.get(api('leads', `records/${ids.leadA}/show`));
      expect(JSON.stringify(show.body)).not.toContain('Beta Spring');
    } finally {
      await Lead.update({ campaign_id: null }, { where: { id: ids.leadA } });
    }
  });
});

describe('hidden columns are no oracle, and list parameters are checked', () => {
  it.each([
    'filters.hashed_password=$2', 'filters.hashed_password.0=$2', 'filters[hashed_password]=$2', 'filters.hashed_password~~from=$2',
    'filters.HASHED_PASSWORD=$2', 'filters.hashed_password%00=$2',
  ])('users list ?%s is a 422 naming the filter, for staff and superusers alike', async (query) => {
    for (const agent of [admin, superuser]) {
      const res = await agent.get(`${api('users', 'actions/list')}?${query}`);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('unknown_filter');
      expect(res.text).not.toMatch(/\$2[aby]\$/);
    }
  });

  it.each(['hashed_password', 'HASHED_PASSWORD', 'hashed_password.0', 'no_such_column'])('sortBy=%s is a 422 on the list and on the search', async (sortBy) => {
    for (const path of [api('users', 'actions/list'), api('users', 'actions/search/a')]) {
      const res = await superuser.get(`${path}?sortBy=${encodeURIComponent(sortBy)}`);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'invalid_sort', errors: [{ field: 'sortBy' }] });
    }
    expect((await superuser.get(`${api('users', 'actions/list')}?sortBy=email&direction=desc`)).status).toBe(200);
  });

  it('the pickers\' searchProperty cannot name a hidden column', async () => {
    const res = await superuser.get(`${api('users', 'actions/search/$2b')}?searchProperty=hashed_password`);
    expect(res.status).toBe(422);
    expect((await superuser.get(`${api('users', 'actions/search/super')}?searchProperty=email`)).body.records.length).toBe(1);
  });

  it.each([
    ['page=-1', 'page'], ['page=1e300', 'page'], ['page=99999999999', 'page'], ['perPage=-5', 'perPage'], ['perPage=1.5', 'perPage'],
  ])('?%s is a 422 naming %s', async (query, field) => {
    const res = await admin.get(`${api('leads', 'actions/list')}?${query}`);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'invalid_page', errors: [{ field }] });
  });

  it('a huge perPage on the search is a 422; the list caps it at 500 as AdminJS does; sane pages work', async () => {
    expect((await admin.get(`${api('leads', 'actions/search/a')}?perPage=100000`)).status).toBe(422);
    const capped = await admin.get(`${api('leads', 'actions/list')}?perPage=100000`);
    expect(capped.status).toBe(200);
    expect(capped.body.meta.perPage).toBe(500);
    expect((await admin.get(`${api('leads', 'actions/list')}?page=2&perPage=20`)).status).toBe(200);
  });

  it.each(['actions/nope', 'actions/__proto__', 'actions/constructor'])('an unknown resource action (%s) is a 404 naming it', async (path) => {
    const res = await admin.get(api('leads', path));
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });

  it('an unknown record or bulk action is a 404 too, and a real one answers', async () => {
    expect((await admin.get(api('leads', `records/${ids.leadA}/nope`))).status).toBe(404);
    expect((await admin.get(`${api('leads', 'bulk/nope')}?recordIds=${ids.leadA}`)).status).toBe(404);
    expect((await admin.get(api('leads', `records/${ids.leadA}/show`))).status).toBe(200);
  });
});

describe('password reset links', () => {
  async function resetLinkFor(email: string): Promise<string> {
    const user = (await User.findOne({ where: { email } }))!;
    const res = await admin.post(api('users', `records/${user.id}/resetPassword`)).send({ confirm: 'yes' });
    expect(res.body.notice.type).toBe('success');
    return res.body.resetUrl as string;
  }

  it('a GET of the action describes it and changes nothing', async () => {
    const agent = (await fixture.login('agent-a@test.co')).agent;
    const user = (await User.findOne({ where: { email: 'agent-a@test.co' } }))!;
    const res = await admin.get(api('users', `records/${user.id}/resetPassword`));
    expect(res.body.resetUrl).toBeUndefined();
    expect(await PasswordReset.count({ where: { user_id: user.id } })).toBe(0);
    expect((await agent.get(api('leads', 'actions/list'))).status).toBe(200);
  });

  it('forcing a reset ends the user\'s sessions at once, and the link sets a password once', async () => {
    const victim = (await fixture.login('agent-a@test.co')).agent;
    expect((await victim.get(api('leads', 'actions/list'))).status).toBe(200);
    const link = await resetLinkFor('agent-a@test.co');
    expect(link).toMatch(/^\/admin\/password-reset\/[A-Za-z0-9_-]{43}$/);
    expect((await victim.get(api('leads', 'actions/list'))).status).toBe(302); // signed out
    const anonymous = adminAgent(fixture.app);
    const page = await anonymous.get(link);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const mismatch = await anonymous.post(link).type('form').send({ password: 'a-brand-new-password', confirmation: 'something else' });
    expect(mismatch.status).toBe(422);
    expect(mismatch.text).toContain('The two passwords do not match.');
    const short = await anonymous.post(link).type('form').send({ password: 'short', confirmation: 'short' });
    expect(short.status).toBe(422);
    const saved = await anonymous.post(link).type('form').send({ password: 'a-brand-new-password', confirmation: 'a-brand-new-password' });
    expect(saved.status).toBe(200);
    expect((await fixture.login('agent-a@test.co', 'a-brand-new-password')).res.headers.location).toBe('/admin');
    const again = await anonymous.post(link).type('form').send({ password: 'yet-another-password', confirmation: 'yet-another-password' });
    expect(again.status).toBe(410);
    const user = await User.scope('withPassword').findOne({ where: { email: 'agent-a@test.co' } });
    expect(await verifyPassword('a-brand-new-password', user!.hashed_password)).toBe(true);
  });

  it('two parallel uses of one link set one password', async () => {
    const link = await resetLinkFor('manager-a@test.co');
    const [one, two] = await Promise.all(['first-parallel-password', 'second-parallel-password'].map((p) => request(fixture.app).post(link).set('Sec-Fetch-Site', 'same-origin').type('form').send({ password: p, confirmation: p })));
    expect([one!.status, two!.status].sort()).toEqual([200, 410]);
  });

  it('an expired link, a replaced link and a made-up one all say the link no longer works', async () => {
    const first = await resetLinkFor('throttled@test.co');
    const second = await resetLinkFor('throttled@test.co');
    expect((await request(fixture.app).get(first)).status).toBe(410); // replaced by the newer one
    await PasswordReset.update({ expires_at: new Date(Date.now() - 1000) }, { where: { used_at: null } });
    expect((await request(fixture.app).get(second)).status).toBe(410);
    for (const path of ['/admin/password-reset/nope', '/admin/password-reset/' + 'A'.repeat(43), "/admin/password-reset/'%20OR%201=1--"]) {
      const res = await request(fixture.app).post(path).set('Sec-Fetch-Site', 'same-origin').type('form').send({ password: 'whatever-long-pass', confirmation: 'whatever-long-pass' });
      expect(res.status).toBe(410);
    }
  });
});

describe('My account', () => {
  it('changes one\'s own password only with the current one, then signs out', async () => {
    const { agent } = await fixture.login('staff-b@test.co');
    const wrong = await agent.post('/admin/api/pages/account').send({ intent: 'password', current: 'not-it', password: 'the-next-password', confirmation: 'the-next-password' });
    expect(wrong.body.errors.current).toBe('This is not your current password.');
    const ok = await agent.post('/admin/api/pages/account').send({ intent: 'password', current: PASSWORD, password: 'the-next-password', confirmation: 'the-next-password' });
    expect(ok.body.notice.type).toBe('success');
    expect((await agent.get(api('leads', 'actions/list'))).status).toBe(302);
    expect((await fixture.login('staff-b@test.co', 'the-next-password')).res.headers.location).toBe('/admin');
  });

  it('edits one\'s own name, never anyone else\'s, whatever id the request carries', async () => {
    const res = await admin.post('/admin/api/pages/account').send({ intent: 'profile', id: String(ids.staffB), first_name: 'Stella', last_name: 'Admin', is_superuser: true });
    expect(res.body.notice.type).toBe('success');
    expect(await User.findByPk(ids.staffA)).toMatchObject({ first_name: 'Stella', is_superuser: false });
    expect((await User.findByPk(ids.staffB))!.first_name).not.toBe('Stella');
    const blank = await admin.post('/admin/api/pages/account').send({ intent: 'profile', first_name: '  ', last_name: 'A' });
    expect(blank.body.errors.first_name).toBe('Enter your first name.');
  });
});

describe('documents: isolation and the hidden storage key', () => {
  let docB = 0;
  beforeAll(async () => {
    docB = (await Document.create({ lead_id: ids.leadB, organization_id: ids.orgB, original_name: 'beta.pdf', content_type: 'application/pdf',
      size_bytes: 10, storage_key: newStorageKey(ids.orgB), sha256: 'b'.repeat(64) })).id;
  });

  it("where a file is stored cannot be filtered, sorted or read, by staff or superusers", async () => {
    for (const agent of [admin, superuser]) {
      expect((await agent.get(`${api('documents', 'actions/list')}?filters.storage_key=${ids.orgB}`)).status).toBe(422);
      expect((await agent.get(`${api('documents', 'actions/list')}?sortBy=storage_key`)).status).toBe(422);
    }
    const show = await superuser.get(api('documents', `records/${docB}/show`));
    expect(show.body.record.params.original_name).toBe('beta.pdf');
    expect(show.body.record.params.storage_key).toBeUndefined();
  });

  it("staff of A naming B's organization or B's lead in the filters still see none of B's documents", async () => {
    for (const query of [`filters.organization_id=${ids.orgB}`, `filters.lead_id=${ids.leadB}`, `filters.original_name=beta`]) {
      const res = await admin.get(`${api('documents', 'actions/list')}?${query}`);
      expect(res.status).toBeLessThan(500);
      expect((res.body.records ?? []).map((r: { id: string }) => r.id)).not.toContain(String(docB));
    }
    expect((await admin.get(`/admin/documents/${docB}/download`)).status).toBe(404);
  });
});
