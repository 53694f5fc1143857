import request from 'supertest';
import { Lead, PasswordReset, User } from '../../models/index.js';
import { forcePasswordReset } from '../../server/admin/accounts/password-reset.js';
import { PASSWORD, adminApi as api, createAdminFixture, type AdminFixture } from '../support/admin-fixture.js';

/**
 * Class 4 of issue 9: a page on another site must not be able to make a
 * signed-in browser change anything in the admin. Each attack is made with a
 * valid session cookie (a browser would attach it) and checked to change
 * nothing; beside it, the same request with the proof a browser gives the
 * admin's own pages succeeds.
 */
let fixture: AdminFixture;
let cookie: string;
/** The host the admin is reached at in these requests (sent as Host), and so its own origin. */
const HOST = 'admin.agency.example';
const origin = `http://${HOST}`;

beforeAll(async () => {
  fixture = await createAdminFixture('cross_site');
  const { res } = await fixture.login('staff-a@test.co');
  cookie = res.headers['set-cookie']![0]!.split(';')[0]!;
});
afterAll(() => fixture.close());

const leadName = async () => (await Lead.findByPk(fixture.ids.leadA))!.first_name;
const leadStatus = async () => (await Lead.findByPk(fixture.ids.leadA))!.status;

/** A request carrying the staff member's session cookie and exactly the headers given. */
function withCookie(method: 'get' | 'post' | 'head', path: string, headers: Record<string, string>) {
  const req = request(fixture.app)[method](path).set('Host', HOST).set('Cookie', cookie);
  for (const [name, value] of Object.entries(headers)) req.set(name, value);
  return req;
}

describe('what proves a request came from the admin\'s own pages', () => {
  const edit = (headers: Record<string, string>, name: string) =>
    withCookie('post', api('leads', `records/${fixture.ids.leadA}/edit`), headers).type('form').send({ first_name: name });

  it.each<[string, Record<string, string>]>([
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'Sec-Fetch-Site': 'same-site' }],
    ['Sec-Fetch-Site: none', { 'Sec-Fetch-Site': 'none' }],
    ['Sec-Fetch-Site: cross-site with a same-origin Origin beside it', { 'Sec-Fetch-Site': 'cross-site', Origin: 'ORIGIN' }],
    ['no header at all', {}],
    ['Origin of another site', { Origin: 'https://evil.example' }],
    ['Origin: null (a sandboxed frame or a data: URL)', { Origin: 'null' }],
    ['Origin of this host on another port', { Origin: 'ORIGIN:8443' }],
    ['Origin that only starts like this host', { Origin: 'ORIGIN.evil.example' }],
    ['Referer of another site', { Referer: 'https://evil.example/admin' }],
    ['Referer that carries this host in its path', { Referer: 'https://evil.example/ORIGIN/admin' }],
    ['a Referer that is not a URL', { Referer: 'admin' }],
    ['Origin of another site, with this site as Referer', { Origin: 'https://evil.example', Referer: 'ORIGIN/admin' }],
  ])('refuses an edit with %s, changing nothing', async (_label, headers) => {
    const resolved = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace('ORIGIN', origin)]));
    const before = await leadName();
    const res = await edit(resolved, 'Mallory');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'cross_site_request', detail: expect.stringContaining('did not come from the LeadHarbor admin') });
    expect(await leadName()).toBe(before);
  });

  it.each<[string, Record<string, string>]>([
    ['Sec-Fetch-Site: same-origin', { 'Sec-Fetch-Site': 'same-origin' }],
    ['an Origin of this very host (older browsers)', { Origin: 'ORIGIN' }],
    ['a Referer of this very host when there is no Origin', { Referer: 'ORIGIN/admin/resources/leads' }],
  ])('carries out the same edit with %s', async (_label, headers) => {
    const resolved = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace('ORIGIN', origin)]));
    const name = `Ann ${Object.keys(headers)[0]!.replace(/[^A-Za-z]/g, '')}`;
    const res = await edit(resolved, name);
    expect(res.status).toBe(200);
    expect(res.body.notice.type).toBe('success');
    expect(await leadName()).toBe(name);
  });
});

describe('every path spelling that reaches the admin is guarded', () => {
  const id = () => fixture.ids.leadA;
  it.each([
    ['upper case', () => `/ADMIN/API/resources/leads/records/${id()}/edit`],
    ['mixed case', () => `/Admin/Api/resources/leads/records/${id()}/edit`],
    ['a trailing slash', () => `/admin/api/resources/leads/records/${id()}/edit/`],
    ['a query string', () => `/admin/api/resources/leads/records/${id()}/edit?x=1`],
    ['a double slash inside', () => `/admin//api/resources/leads/records/${id()}/edit`],
    ['a double slash in front', () => `//admin/api/resources/leads/records/${id()}/edit`],
    ['an encoded letter', () => `/admin/%61pi/resources/leads/records/${id()}/edit`],
    ['an encoded action name', () => `/admin/api/resources/leads/records/${id()}/%65dit`],
    ['a trailing dot', () => `/admin/api/resources/leads/records/${id()}/edit.`],
    ['a dot segment', () => `/admin/./api/resources/leads/records/${id()}/edit`],
    ['a dot-dot segment', () => `/admin/x/../api/resources/leads/records/${id()}/edit`],
  ])('a cross-site edit spelled with %s changes nothing', async (_label, path) => {
    const before = await leadName();
    const res = await withCookie('post', path(), { 'Sec-Fetch-Site': 'cross-site' }).type('form').send({ first_name: 'Mallory' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await leadName()).toBe(before);
  });

  it('the spellings Express routes to the admin are refused by the guard itself, and work from the admin', async () => {
    for (const path of [`/ADMIN/API/resources/leads/records/${id()}/edit`, `/admin/api/resources/leads/records/${id()}/edit/`, `/admin/api/resources/leads/records/${id()}/%65dit`]) {
      const refused = await withCookie('post', path, { 'Sec-Fetch-Site': 'cross-site' }).type('form').send({ first_name: 'Mallory' });
      expect(refused.body.code).toBe('cross_site_request');
      const done = await withCookie('post', path, { 'Sec-Fetch-Site': 'same-origin' }).type('form').send({ first_name: 'Annie' });
      expect(done.body.notice.type).toBe('success');
    }
    expect(await leadName()).toBe('Annie');
  });
});

describe('nothing that changes data runs on a GET another site can trigger', () => {
  const convert = (method: 'get' | 'head', headers: Record<string, string>) =>
    withCookie(method, api('leads', `records/${fixture.ids.leadA}/convert`), headers);

  it.each<[string, 'get' | 'head', Record<string, string>]>([
    ['an image tag on another site', 'get', { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'image' }],
    ['a link followed from another site', 'get', { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' }],
    ['an old browser following a link from another site', 'get', { Referer: 'https://evil.example/' }],
    ['an old browser with the Referer stripped', 'get', {}],
    ['a HEAD request (Express runs the GET handler for it)', 'head', { 'Sec-Fetch-Site': 'cross-site' }],
  ])('a pipeline step from %s is refused', async (_label, method, headers) => {
    const res = await convert(method, headers);
    expect(res.status).toBe(403);
    expect(await leadStatus()).toBe('new');
  });

  it('a followed link gets a page a person can read, not JSON', async () => {
    const res = await withCookie('get', '/admin/logout', { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate', Accept: 'text/html' });
    expect(res.status).toBe(403);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('did not come from the LeadHarbor admin');
  });

  it('the same step from the admin\'s own button is carried out', async () => {
    const res = await convert('get', { 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'cors' });
    expect(res.status).toBe(200);
    expect(await leadStatus()).toBe('converted');
  });

  it('a bulk delete by GET or POST from another site deletes nothing', async () => {
    const extra = await Lead.create({ first_name: 'Del', last_name: 'Me', email: 'del@alpha.co', organization_id: fixture.ids.orgA } as never);
    for (const method of ['get', 'post'] as const) {
      const res = await withCookie(method, api('leads', `bulk/bulkDelete?recordIds=${extra.id}`), { 'Sec-Fetch-Site': 'cross-site' });
      expect(res.status).toBe(403);
    }
    expect(await Lead.findByPk(extra.id)).not.toBeNull();
    const done = await withCookie('post', api('leads', `bulk/bulkDelete?recordIds=${extra.id}`), { 'Sec-Fetch-Site': 'same-origin' });
    expect(done.body.notice.type).toBe('success');
    expect(await Lead.findByPk(extra.id)).toBeNull();
  });

  it('pages, the dashboard and reference pickers answer only the admin itself', async () => {
    for (const path of ['/admin/api/dashboard', '/admin/api/pages/board', '/admin/api/pages/account', api('campaigns', 'search/')]) {
      expect((await withCookie('get', path, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
      expect((await withCookie('get', path, { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    }
  });

  it('a page view linked from another site still opens (reading is not changing)', async () => {
    const res = await withCookie('get', '/admin/resources/leads', { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' });
    expect(res.status).toBe(200);
  });
});

describe('signing in, signing out and setting a password', () => {
  it('a login form on another site cannot sign the browser in (no login CSRF)', async () => {
    for (const headers of [{ 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'https://evil.example' }, {}]) {
      const req = request(fixture.app).post('/admin/login');
      for (const [name, value] of Object.entries(headers)) req.set(name, value);
      const res = await req.type('form').send({ email: 'staff-b@test.co', password: PASSWORD });
      expect(res.status).toBe(403);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    const ok = await request(fixture.app).post('/admin/login').set('Sec-Fetch-Site', 'same-origin').type('form').send({ email: 'staff-b@test.co', password: PASSWORD });
    expect(ok.status).toBe(302);
    expect(ok.headers.location).toBe('/admin');
  });

  it('a link or image on another site cannot sign the user out (no logout CSRF)', async () => {
    const { agent, res } = await fixture.login('manager-a@test.co');
    const session = res.headers['set-cookie']![0]!.split(';')[0]!;
    for (const method of ['get', 'post'] as const) {
      const out = await request(fixture.app)[method]('/admin/logout').set('Cookie', session).set('Sec-Fetch-Site', 'cross-site');
      expect(out.status).toBe(403);
    }
    expect((await agent.get(api('leads', 'actions/list'))).status).toBe(200); // still signed in
    const out = await agent.get('/admin/logout');
    expect(out.status).toBe(302);
    expect((await agent.get(api('leads', 'actions/list'))).status).toBe(302);
  });

  it('a password-reset form posted from another site sets nothing; from the reset page it does', async () => {
    const user = (await User.findOne({ where: { email: 'throttled@test.co' } }))!;
    const path = await forcePasswordReset(fixture.sequelize, user.id, null);
    const body = { password: 'an-attacker-chosen-pass', confirmation: 'an-attacker-chosen-pass' };
    const refused = await request(fixture.app).post(path).set('Sec-Fetch-Site', 'cross-site').type('form').send(body);
    expect(refused.status).toBe(403);
    expect(await PasswordReset.count({ where: { user_id: user.id, used_at: null } })).toBe(1);
    const done = await request(fixture.app).post(path).set('Sec-Fetch-Site', 'same-origin').type('form')
      .send({ password: 'the-owner-chosen-pass', confirmation: 'the-owner-chosen-pass' });
    expect(done.status).toBe(200);
  });
});
