import { Campaign, Lead, Organization, User } from '../../models/index.js';
import { THROTTLED_MESSAGES } from '../../server/admin/sessions/sign-in.js';
import { EMAIL_LIMIT } from '../../server/admin/sessions/sign-in-throttle.js';
import { adminApi as api, createAdminFixture, type AdminFixture } from '../support/admin-fixture.js';

let fixture: AdminFixture;
let ids: AdminFixture['ids'];
beforeAll(async () => {
  fixture = await createAdminFixture('admin');
  ids = fixture.ids;
});
afterAll(async () => { await fixture?.close(); });

const login = (email: string, password?: string) => fixture.login(email, password);
const leadB = () => Lead.findByPk(ids.leadB).then((l) => l?.get({ plain: true }));

describe('admin login', () => {
  it('signs a staff member in and opens the admin API', async () => {
    const { agent, res } = await login('STAFF-A@test.co');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/admin');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/leadharbor_admin=.*HttpOnly.*SameSite=Lax/i);
    expect((await agent.get(api('leads', 'actions/list'))).status).toBe(200);
  });

  it('refuses a wrong password and an inactive user with the same answer', async () => {
    const wrong = await login('staff-a@test.co', 'not-the-password');
    const inactive = await login('inactive@test.co');
    for (const { agent, res } of [wrong, inactive]) {
      expect(res.status).toBe(401);
      expect(res.text).toContain('invalidCredentials');
      expect((await agent.get(api('leads', 'actions/list'))).status).toBe(302); // back to the login page
    }
  });

  it(`locks an email after ${EMAIL_LIMIT} failures, even with the right password`, async () => {
    for (let i = 0; i < EMAIL_LIMIT; i += 1) expect((await login('throttled@test.co', 'wrong-password')).res.status).toBe(401);
    const { agent, res } = await login('throttled@test.co');
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.text).toContain(THROTTLED_MESSAGES.email);
    expect((await agent.get(api('leads', 'actions/list'))).status).toBe(302);
  });
});

describe('hashed_password never leaves the server', () => {
  it('is absent from every users response a superuser can request', async () => {
    const { agent } = await login('super@test.co');
    const responses = await Promise.all([
      agent.get(api('users', 'actions/list')),
      agent.get(api('users', `records/${ids.staffA}/show`)),
      agent.get(api('users', `records/${ids.staffA}/edit`)),
      agent.get(api('users', 'actions/search/staff')),
      agent.get(api('leads', `records/${ids.leadA}/show`)),
    ]);
    for (const res of responses) {
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('hashed_password');
      expect(res.text).not.toMatch(/\$2[aby]\$12\$/);
    }
  });

  it('a new user gets a bcrypt hash from the write-only password field', async () => {
    const { agent } = await login('super@test.co');
    const res = await agent.post(api('users', 'actions/new')).field('email', 'new@test.co').field('first_name', 'New')
      .field('last_name', 'User').field('password', 'a-long-enough-password').field('organization_id', String(ids.orgA));
    expect(res.body.notice?.type).toBe('success');
    expect(res.text).not.toContain('hashed_password');
    const created = await User.scope('withPassword').findOne({ where: { email: 'new@test.co' } });
    expect(created!.hashed_password).toMatch(/^\$2[aby]\$12\$/);
  });
});

describe('staff of organization A cannot reach organization B', () => {
  let agent: Awaited<ReturnType<AdminFixture['login']>>['agent'];
  beforeAll(async () => { agent = (await login('staff-a@test.co')).agent; });

  it('lists and searches only their own records, whatever filter they send', async () => {
    const list = await agent.get(api('leads', 'actions/list'));
    expect(list.body.records.map((r: { id: string }) => Number(r.id))).toEqual([ids.leadA]);
    expect(list.body.meta.total).toBe(1);
    // The leads list offers no organization filter: asking for B's is refused outright.
    const askingForB = await agent.get(api('leads', `actions/list?filters.organization_id=${ids.orgB}`));
    expect(askingForB.status).toBe(422);
    expect(askingForB.text).not.toContain('bob@beta.co');
    // Where the list does offer one (campaigns), naming B's organization finds nothing.
    const campaignsOfB = await agent.get(api('campaigns', `actions/list?filters.organization_id=${ids.orgB}`));
    expect(campaignsOfB.body.records).toEqual([]);
    expect(campaignsOfB.body.meta.total).toBe(0);
    const search = await agent.get(api('leads', 'actions/search/Beta'));
    expect(search.body.records).toEqual([]);
    const picker = await agent.get(api('campaigns', 'actions/search/'));
    expect(picker.body.records).toEqual([]);
    const orgs = await agent.get(api('organizations', 'actions/list'));
    expect(orgs.body.records.map((r: { id: string }) => Number(r.id))).toEqual([ids.orgA]);
  });

  it.each(['show', 'edit'])('GET %s of a B lead is refused with a readable notice', async (action) => {
    const res = await agent.get(api('leads', `records/${ids.leadB}/${action}`));
    expect(res.text).not.toContain('bob@beta.co');
    expect(res.body.notice?.type ?? 'error').toBe('error');
  });

  it('editing, deleting and bulk-deleting a B lead change nothing', async () => {
    const before = await leadB();
    const edit = await agent.post(api('leads', `records/${ids.leadB}/edit`)).field('first_name', 'Hacked');
    const del = await agent.post(api('leads', `records/${ids.leadB}/delete`));
    const bulk = await agent.post(api('leads', `bulk/bulkDelete?recordIds=${ids.leadA},${ids.leadB}`));
    for (const res of [edit, del, bulk]) {
      expect(res.text).not.toContain('bob@beta.co');
      expect(res.status).toBeLessThan(500);
      // Refused inside an action: an error notice; refused while loading the records: a 403/404 problem.
      const message = res.body.notice?.message ?? res.body.detail;
      expect(res.body.notice?.type ?? 'error').toBe('error');
      expect(message).toMatch(/^[A-Z][^{}]+$/); // words, no raw {{placeholders}}
    }
    expect(await leadB()).toEqual(before);
    expect(await Lead.findByPk(ids.leadA)).not.toBeNull(); // the bulk delete was refused as a whole
  });

  it.each([
    ['leads', () => ids.leadB, Lead],
    ['campaigns', () => ids.campaignB, Campaign],
    ['users', () => ids.staffB, User],
    ['organizations', () => ids.orgB, Organization],
  ] as const)('%s: show, edit, delete and bulk delete of B\'s record are refused and change nothing', async (resource, id, model) => {
    const before = await (model as typeof Lead).findByPk(id()).then((r) => r?.get({ plain: true }));
    expect(before).toBeTruthy();
    const responses = [
      await agent.get(api(resource, `records/${id()}/show`)),
      await agent.post(api(resource, `records/${id()}/edit`)).field('name', 'Hacked').field('first_name', 'Hacked'),
      await agent.post(api(resource, `records/${id()}/delete`)),
      await agent.post(api(resource, `bulk/bulkDelete?recordIds=${id()}`)),
    ];
    for (const res of responses) {
      expect(res.status).toBeLessThan(500);
      expect(res.body.notice?.type ?? 'error').toBe('error');
      expect(res.body.record?.params ?? {}).toEqual({});
    }
    expect(await (model as typeof Lead).findByPk(id()).then((r) => r?.get({ plain: true }))).toEqual(before);
  });

  it('cannot make themselves a superuser or move a record to another organization', async () => {
    await agent.post(api('users', `records/${ids.staffA}/edit`)).field('is_superuser', 'true').field('organization_id', String(ids.orgB));
    expect(await User.findByPk(ids.staffA)).toMatchObject({ is_superuser: false, organization_id: ids.orgA });
    await agent.post(api('leads', `records/${ids.leadA}/edit`)).field('organization_id', String(ids.orgB));
    expect((await Lead.findByPk(ids.leadA))!.organization_id).toBe(ids.orgA);
    const created = await agent.post(api('leads', 'actions/new')).field('first_name', 'Cy').field('last_name', 'New')
      .field('email', 'cy@new.co').field('organization_id', String(ids.orgB));
    expect(created.body.notice?.type).toBe('success');
    expect((await Lead.findOne({ where: { email: 'cy@new.co' } }))!.organization_id).toBe(ids.orgA);
    await agent.post(api('users', 'actions/new')).field('email', 'sneaky@test.co').field('first_name', 'S').field('last_name', 'U')
      .field('password', 'a-long-enough-password').field('is_superuser', 'true');
    expect(await User.findOne({ where: { email: 'sneaky@test.co' } })).toMatchObject({ is_superuser: false, organization_id: ids.orgA });
  });

  it('sees the catalogue but cannot change it, with a notice free of placeholders', async () => {
    expect((await agent.get(api('insurance_products', 'actions/list'))).status).toBe(200);
    const res = await agent.post(api('insurance_products', 'actions/new')).field('name', 'Nope').field('product_type', 'auto');
    expect(res.body.notice).toMatchObject({ type: 'error' });
    expect(res.body.notice.message).not.toMatch(/\{\{/);
  });
});

describe('lead search', () => {
  it('matches names, email and phone in one box, case-insensitively, within the organization', async () => {
    await Lead.create({ first_name: 'Zora', last_name: 'Quill', email: 'zq@alpha.co', phone: '+12065550142', organization_id: ids.orgA } as never);
    await Lead.create({ first_name: 'Zora', last_name: 'Quill', email: 'zq@beta.co', phone: '+12065550142', organization_id: ids.orgB } as never);
    const { agent } = await login('staff-a@test.co');
    const emails = async (q: string) => (await agent.get(api('leads', `actions/list?filters.search=${encodeURIComponent(q)}`)))
      .body.records.map((r: { params: { email: string } }) => r.params.email);
    expect(await emails('zora quill')).toEqual(['zq@alpha.co']);
    expect(await emails('ZQ@ALPHA')).toEqual(['zq@alpha.co']);
    expect(await emails('(206) 555-0142')).toEqual(['zq@alpha.co']);
    expect(await emails('nobody-like-this')).toEqual([]);
    expect(await emails('100%_')).toEqual([]); // LIKE wildcards are literal
  });

  it.each([
    'filters.lead_source_id=1x', 'filters.score~~from=abc', 'filters.created_at~~from=garbage', 'filters.status=%27%3B%20drop',
  ])('answers a malformed filter (%s) without a server error', async (query) => {
    const { agent } = await login('staff-a@test.co');
    const res = await agent.get(api('leads', `actions/list?${query}`));
    expect(res.status).toBeLessThan(500);
  });

  it('filters by a score range', async () => {
    await Lead.update({ score: 90 }, { where: { email: 'zq@alpha.co' } });
    const { agent } = await login('staff-a@test.co');
    const res = await agent.get(api('leads', 'actions/list?filters.score~~from=85&filters.score~~to=95'));
    expect(res.body.records.map((r: { params: { email: string } }) => r.params.email)).toEqual(['zq@alpha.co']);
  });

  it('answers a filter on a column the list does not offer with a 422 naming it, never a 500', async () => {
    const { agent } = await login('staff-a@test.co');
    const res = await agent.get(api('leads', 'actions/list?filters.no_such_column=1'));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'unknown_filter', errors: [{ field: 'filters.no_such_column', code: 'unknown_filter' }] });
    expect((await agent.get(api('leads', 'actions/list?filters.status=new'))).status).toBe(200);
  });
});

describe('field errors instead of failures', () => {
  it('an unknown resource in an admin URL is a 404 problem, not a 500', async () => {
    const { agent } = await login('super@test.co');
    const res = await agent.get(api('no_such_table', 'actions/list'));
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'not_found', detail: 'There is no admin resource "no_such_table".' });
  });

  it('a malformed email and a score of 150 come back as errors on those fields', async () => {
    const { agent } = await login('super@test.co');
    const res = await agent.post(api('leads', 'actions/new')).field('first_name', 'X').field('last_name', 'Y')
      .field('email', 'not-an-email').field('score', '150');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.record.errors).sort()).toEqual(['email', 'score']);
    expect(res.body.record.errors.email.message).toBe('Enter a valid email address, like name@example.com.');
    expect(res.body.record.errors.score.message).toBe('Enter a number from 0 to 100.');
  });

  it('a duplicate slug is an error on the slug field; a blank slug is made from the name', async () => {
    const { agent } = await login('super@test.co');
    const dup = await agent.post(api('organizations', 'actions/new')).field('name', 'Alpha Again').field('slug', 'alpha');
    expect(Object.keys(dup.body.record.errors)).toEqual(['slug']);
    expect(dup.body.record.errors.slug.message).toBe('This slug is already used. Choose another.');
    const made = await agent.post(api('organizations', 'actions/new')).field('name', 'Gamma Group & Co');
    expect(made.body.notice?.type).toBe('success');
    expect(await Organization.findOne({ where: { slug: 'gamma-group-co' } })).not.toBeNull();
  });
});
