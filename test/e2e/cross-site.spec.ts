import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Lead, Organization, User, UserRole } from '../../models/index.js';
import { hashPassword } from '../../server/auth/password.js';
import { SESSION_COOKIE, SLOW, browserSuite, signIn } from '../support/browser.js';

/**
 * Class 4 of issue 9 with the attacker's real tool: a page on another site
 * (localhost is another site than 127.0.0.1) opened in the browser of a
 * signed-in staff member. The session cookie is SameSite=Lax, so the browser
 * does attach it to a top-level navigation: only the cross-site guard stands
 * between that link and the lead.
 */
const PASSWORD = 'correct-horse-battery';
const STAFF = 'staff@cross-site.e2e.test';
const INTRUDER = 'intruder@cross-site.e2e.test';
let leadId = 0;

const suite = browserSuite('e2e_cross_site', async () => {
  const org = await Organization.create({ name: 'Harbor Mutual', slug: 'harbor-mutual' } as never);
  const hash = await hashPassword(PASSWORD);
  const staff = await User.create({ email: STAFF, hashed_password: hash, first_name: 'Sam', last_name: 'Staff', organization_id: org.id } as never);
  await User.create({ email: INTRUDER, hashed_password: hash, first_name: 'Ivy', last_name: 'Intruder', organization_id: org.id } as never);
  await UserRole.create({ user_id: staff.id, role: 'manager' });
  leadId = (await Lead.create({ first_name: 'Nora', last_name: 'Lead', email: 'nora@cross-site.e2e.test', organization_id: org.id } as never)).id;
});

/** A page of another site whose body is `html` (the admin's address substituted for ADMIN). */
let attacker: Server;
let attackerPage = '';
beforeAll(async () => {
  attacker = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(attackerPage));
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));
const attackerURL = () => `http://localhost:${(attacker.address() as AddressInfo).port}/`;
const serve = (html: string) => { attackerPage = html.replaceAll('ADMIN', suite.app.baseURL); };

describe('a page on another site, opened by signed-in staff', () => {
  beforeEach(() => signIn(suite.isolated.context, suite.app.baseURL, STAFF, PASSWORD));

  it('cannot run a pipeline step by sending the browser to it, nor by an image tag', async () => {
    serve(`<img src="ADMIN/admin/api/resources/leads/records/${leadId}/markLost">
      <script>setTimeout(() => { location.href = 'ADMIN/admin/api/resources/leads/records/${leadId}/convert'; }, 300);</script>`);
    await suite.page.goto(attackerURL());
    await suite.page.waitForURL(/\/convert$/);
    await suite.page.getByText('did not come from the LeadHarbor admin').waitFor();
    expect((await Lead.findByPk(leadId))!.status).toBe('new');
  }, SLOW);

  it('cannot sign the staff member out with a link', async () => {
    serve('<a id="go" href="ADMIN/admin/logout">Win a prize</a>');
    await suite.page.goto(attackerURL());
    await suite.page.click('#go');
    await suite.page.getByText('did not come from the LeadHarbor admin').waitFor();
    const list = await suite.page.request.get(`${suite.app.baseURL}/admin/api/resources/leads/actions/list`, { headers: { 'Sec-Fetch-Site': 'same-origin' }, maxRedirects: 0 });
    expect(list.status()).toBe(200); // still signed in
  }, SLOW);
});

describe('a page on another site, opened by anyone', () => {
  it('cannot sign the browser in to an account of its choosing (login CSRF)', async () => {
    serve(`<form id="f" method="post" action="ADMIN/admin/login">
      <input name="email" value="${INTRUDER}"><input name="password" value="${PASSWORD}"></form>
      <script>document.getElementById('f').submit()</script>`);
    await suite.page.goto(attackerURL());
    await suite.page.getByText('did not come from the LeadHarbor admin').waitFor();
    const cookies = await suite.isolated.context.cookies(suite.app.baseURL);
    expect(cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
  }, SLOW);

  it('while the admin\'s own login form signs in', async () => {
    await suite.page.goto('/admin/login');
    await suite.page.fill('input[name="email"]', STAFF);
    await suite.page.fill('input[name="password"]', PASSWORD);
    await suite.page.getByRole('button', { name: 'Sign in' }).click();
    await suite.page.waitForURL((url) => url.pathname === '/admin');
    const cookies = await suite.isolated.context.cookies(suite.app.baseURL);
    expect(cookies.find((c) => c.name === SESSION_COOKIE)).toBeDefined();
  }, SLOW);
});
