import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { Lead, Organization, User, UserRole } from '../../models/index.js';
import { forcePasswordReset } from '../../server/admin/accounts/password-reset.js';
import { createAdmin } from '../../server/admin/build-admin.js';
import { secureAdminHtml } from '../../server/admin/safe-html.js';
import { hashPassword } from '../../server/auth/password.js';
import { SLOW, browserSuite, signIn } from '../support/browser.js';

const PASSWORD = 'correct-horse-battery';
const STAFF = 'xss-staff@e2e.test';
const ARTIFACTS = path.resolve('test/artifacts');
const VIEWPORTS = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;

/** Each tries a different way out of where AdminJS puts strings: a script block, an attribute, a JS string literal. */
const SCRIPT_BREAK = '</script><script>window.__xss=1</script>';
const ATTRIBUTE_BREAK = '"><img src=x onerror="window.__xss=1">';
const QUOTE_BREAK = `O'Brien');window.__xss=1;//`;
const COMMENT_BREAK = '<!--<script>window.__xss=1//';
const ORG_NAME = `Acme ${SCRIPT_BREAK} ${ATTRIBUTE_BREAK}`;
const FIRST_NAME = `${SCRIPT_BREAK}${QUOTE_BREAK}`;
const LAST_NAME = `${ATTRIBUTE_BREAK}${COMMENT_BREAK}`;

const ids = { org: 0, lead: 0, staff: 0 };

const suite = browserSuite('e2e_admin_xss', async () => {
  const hashed_password = await hashPassword(PASSWORD);
  const org = await Organization.create({ name: ORG_NAME, slug: 'acme-xss' } as never);
  const staff = await User.create({ email: STAFF, hashed_password, first_name: FIRST_NAME, last_name: LAST_NAME, organization_id: org.id } as never);
  await UserRole.create({ user_id: staff.id, role: 'admin' });
  const lead = await Lead.create({ first_name: SCRIPT_BREAK, last_name: ATTRIBUTE_BREAK, email: 'xss@lead.e2e.test', notes: `${QUOTE_BREAK} ${COMMENT_BREAK}`, organization_id: org.id } as never);
  Object.assign(ids, { org: org.id, lead: lead.id, staff: staff.id });
});

interface Watch { violations: string[]; dialogs: string[] }

/** Records CSP violations (the event and the console message) and dialogs on `page`. */
async function watch(page: Page): Promise<Watch> {
  const seen: Watch = { violations: [], dialogs: [] };
  await page.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = list;
    document.addEventListener('securitypolicyviolation', (e) => list.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
  });
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) seen.violations.push(m.text()); });
  page.on('dialog', (d) => { seen.dialogs.push(d.message()); void d.dismiss(); });
  return seen;
}

/** The page ran none of the payloads and broke no rule of the CSP. */
async function expectInert(page: Page, seen: Watch): Promise<void> {
  const state = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
    injectedImages: document.querySelectorAll('img[src=x], img[onerror]').length,
    violations: (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? ['init script missing'],
  }));
  expect({ ...state, console: seen.violations, dialogs: seen.dialogs }).toEqual({ xss: null, injectedImages: 0, violations: [], console: [], dialogs: [] });
}

async function shoot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(ARTIFACTS, `csp-${name}-${size}.png`) });
  }
  await page.setViewportSize(VIEWPORTS.desktop);
}

const signInStaff = () => signIn(suite.isolated.context, suite.app.baseURL, STAFF, PASSWORD);

describe('admin under its CSP, with script-breaking payloads in every field that reaches the layout', () => {
  it('the dashboard renders, shows the hostile name as text, and runs none of it', async () => {
    const { page } = suite;
    const seen = await watch(page);
    await signInStaff();
    await page.goto('/admin');
    await page.locator('[data-css=sidebar-resources]').getByText('Leads', { exact: true }).first().waitFor();
    await page.getByText(FIRST_NAME, { exact: false }).first().waitFor(); // the top bar shows the name, literally
    await expectInert(page, seen);
    await shoot(page, 'dashboard');
  }, SLOW);

  it('a list, a record page and an edit that ends in a notice stay inert', async () => {
    const { page } = suite;
    const seen = await watch(page);
    await signInStaff();
    await page.goto('/admin/resources/leads');
    await page.getByText('xss@lead.e2e.test').first().waitFor();
    await expectInert(page, seen);
    await page.goto(`/admin/resources/leads/records/${ids.lead}/show`);
    await page.getByText(ATTRIBUTE_BREAK).first().waitFor();
    await expectInert(page, seen);
    await page.goto(`/admin/resources/organizations/records/${ids.org}/show`);
    await page.getByText(ORG_NAME).first().waitFor();
    await expectInert(page, seen);
    await page.goto(`/admin/resources/leads/records/${ids.lead}/edit`);
    // A city is single-line plain text, as the intake says: markup there is refused on the field, and the page stays inert.
    const city = page.getByTestId('property-edit-city');
    await city.locator('input').fill(`${SCRIPT_BREAK}${ATTRIBUTE_BREAK}`);
    await page.getByTestId('button-save').click();
    await page.getByTestId('notice-wrapper').first().waitFor();
    await city.getByText('Remove the < and > characters.').waitFor();
    await expectInert(page, seen);
    expect((await Lead.findByPk(ids.lead))!.city).toBeNull();
    // Notes are free text: the same payload is stored, and shown back inert after the success notice.
    await city.locator('input').fill('');
    await page.getByTestId('property-edit-notes').locator('textarea').fill(`${SCRIPT_BREAK}${ATTRIBUTE_BREAK}`);
    await page.getByTestId('button-save').click();
    await page.waitForURL(/\/show$|\/leads(\?|$)/);
    await page.getByTestId('notice-wrapper').first().waitFor();
    await expectInert(page, seen);
    expect((await Lead.findByPk(ids.lead))!.notes).toBe(`${SCRIPT_BREAK}${ATTRIBUTE_BREAK}`);
  }, SLOW);

  it('the login page, with and without an error, works under the CSP and signs in', async () => {
    const { page } = suite;
    const seen = await watch(page);
    await page.goto('/admin/login');
    await page.locator('input[name=email]').fill(STAFF);
    await page.locator('input[name=password]').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('input[name=email]').waitFor();
    await page.getByText(/wrong|invalid|incorrect/i).first().waitFor();
    await expectInert(page, seen);
    await shoot(page, 'login-error');
    await page.locator('input[name=email]').fill(STAFF);
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/admin');
    await page.locator('[data-css=sidebar-resources]').first().waitFor();
    await expectInert(page, seen);
  }, SLOW);

  it('a login error made of payloads (quotes end AdminJS\'s JSON.parse(\'…\') literal) is shown as text and never runs', async () => {
    const { page } = suite;
    const seen = await watch(page);
    const hostile = `${QUOTE_BREAK}${SCRIPT_BREAK}${ATTRIBUTE_BREAK}`;
    const admin = createAdmin();
    // The real response (headers, CSP and its nonce) with AdminJS's page for a hostile error message in place of the body.
    await page.route('**/admin/login', async (route) => {
      const real = await route.fetch();
      const nonce = /'nonce-([^']+)'/.exec(real.headers()['content-security-policy'] ?? '')![1]!;
      const body = secureAdminHtml(await admin.renderLogin({ action: '/admin/login', errorMessage: hostile }), nonce, 'LeadHarbor')
        .replace('https://fonts.googleapis.com/css?family=Roboto:300,400,500,700', '/admin-fonts/roboto/400.css');
      await route.fulfill({ response: real, body });
    });
    await page.goto('/admin/login');
    await page.getByText(hostile).first().waitFor();
    await expectInert(page, seen);
  }, SLOW);

  it('the same payload on AdminJS\'s unescaped page runs without a CSP and is blocked by the CSP alone (the test can fail)', async () => {
    const { page } = suite;
    const admin = createAdmin();
    const raw = (await admin.renderLogin({ action: '/admin/login', errorMessage: `x${SCRIPT_BREAK}` }))
      .replace('https://fonts.googleapis.com/css?family=Roboto:300,400,500,700', '/admin-fonts/roboto/400.css');
    let withCsp = false;
    await page.route('**/admin/login', async (route) => {
      const real = await route.fetch();
      const headers = { ...real.headers() };
      if (!withCsp) delete headers['content-security-policy'];
      await route.fulfill({ status: 200, headers, body: raw });
    });
    await page.goto('/admin/login');
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBe(1);
    withCsp = true;
    await watch(page);
    await page.goto('/admin/login');
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss ?? null)).toBeNull();
    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations.length)).toBeGreaterThan(0);
    suite.isolated.pageErrors.length = 0; // the broken page throws; that is the point here
  }, SLOW);

  it('the password-reset page renders, its inline stylesheet applied, with no script and no violation', async () => {
    const { page } = suite;
    const seen = await watch(page);
    const link = await forcePasswordReset(suite.app.sequelize, ids.staff, null);
    await page.goto(link);
    await page.getByRole('button', { name: 'Save password' }).waitFor();
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(246, 247, 251)'); // its inline stylesheet applied
    await expectInert(page, seen);
  }, SLOW);

  it('the admin refuses to be framed, and /api/docs renders under its own CSP', async () => {
    const { page } = suite;
    const seen = await watch(page);
    await page.goto('/api/docs');
    await page.locator('h1').first().waitFor();
    await expectInert(page, seen);
    const framed = await suite.isolated.context.newPage();
    await framed.setContent(`<iframe src="${suite.app.baseURL}/admin/login"></iframe>`);
    await framed.waitForTimeout(1000);
    const inner = framed.frames().find((f) => f !== framed.mainFrame());
    const loaded = inner ? await inner.evaluate(() => document.querySelector('input[name=email]') !== null).catch(() => false) : false;
    expect(loaded).toBe(false);
    await framed.close();
  }, SLOW);
});
