import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Lead, Organization, User } from '../../models/index.js';
import { RECORD_NOT_ACCESSIBLE } from '../../server/admin/admin-locale.js';
import { hashPassword } from '../../server/auth/password.js';
import { SLOW, browserSuite, signIn } from '../support/browser.js';

const PASSWORD = 'correct-horse-battery';
const SUPERUSER = 'super@e2e.test';
const STAFF_A = 'staff-a@e2e.test';
const LEAD_B_EMAIL = 'bob@beta.e2e.test';
const ARTIFACTS = path.resolve('test/artifacts');

const ids = { orgA: 0, orgB: 0, leadB: 0 };

const suite = browserSuite('e2e_admin', async () => {
  const hash = await hashPassword(PASSWORD);
  const [a, b] = await Organization.bulkCreate([{ name: 'Alpha Agency', slug: 'alpha' }, { name: 'Beta Brokers', slug: 'beta' }] as never[]);
  ids.orgA = a!.id; ids.orgB = b!.id;
  const user = (email: string, extra: Partial<User>) => ({ email, hashed_password: hash, first_name: 'Eve', last_name: 'Tester', ...extra });
  await User.bulkCreate([user(SUPERUSER, { is_superuser: true }), user(STAFF_A, { organization_id: ids.orgA })] as never[]);
  await Lead.create({ first_name: 'Ann', last_name: 'Alpha', email: 'ann@alpha.e2e.test', organization_id: ids.orgA } as never);
  ids.leadB = (await Lead.create({ first_name: 'Bob', last_name: 'Beta', email: LEAD_B_EMAIL, organization_id: ids.orgB } as never)).id;
});

/** Signs in through the login form, as staff do. */
async function logInThroughForm(email: string): Promise<void> {
  await suite.page.goto('/admin/login');
  await suite.page.locator('input[name=email]').fill(email);
  await suite.page.locator('input[name=password]').fill(PASSWORD);
  await suite.page.getByRole('button', { name: 'Sign in' }).click();
  await suite.page.waitForURL((url) => url.pathname === '/admin');
}

const logIn = (email: string) => signIn(suite.isolated.context, suite.app.baseURL, email, PASSWORD);

/** The form group AdminJS renders around one property of an edit form. */
const field = (name: string) => suite.page.getByTestId(`property-edit-${name}`);

/**
 * Clicks Save. The browser refuses to submit while a `required` input is
 * empty, silently but for a tooltip: name such inputs instead of timing out.
 */
async function save(): Promise<void> {
  await suite.page.getByTestId('button-save').click();
  const blocking = await suite.page.locator('form :invalid').evaluateAll((els) => els.map((el) => el.getAttribute('name') ?? el.id));
  expect({ fieldsTheBrowserRefusesToSubmit: blocking }).toEqual({ fieldsTheBrowserRefusesToSubmit: [] });
}

/** Waits for AdminJS's toast after a save and returns its text. */
async function notice(): Promise<string> {
  const toast = suite.page.getByTestId('notice-wrapper');
  await toast.first().waitFor();
  return toast.first().innerText();
}

describe('admin back office in a real browser', () => {
  it('a superuser logs in and lands on the admin home, with the Leads navigation', async () => {
    await logInThroughForm(SUPERUSER);
    await suite.page.locator('[data-css=sidebar-resources]').getByText('Leads', { exact: true }).first().waitFor();
    await suite.page.getByText(SUPERUSER).waitFor(); // the signed-in user in the top bar
    expect(new URL(suite.page.url()).pathname).toBe('/admin');
  }, SLOW);

  it('a wrong password, and then a locked email, are explained on the login page; the form still signs in afterwards', async () => {
    const submit = async (email: string, password: string) => {
      await suite.page.locator('input[name=email]').fill(email);
      await suite.page.locator('input[name=password]').fill(password);
      const answer = suite.page.waitForResponse((res) => res.url().endsWith('/admin/login') && res.request().method() === 'POST');
      await suite.page.getByRole('button', { name: 'Sign in' }).click();
      return (await answer).status();
    };
    await suite.page.goto('/admin/login');
    expect(await submit('locked@e2e.test', 'not-the-password')).toBe(401);
    await suite.page.getByText('Wrong email or password.').waitFor();
    for (let i = 0; i < 4; i += 1) expect(await submit('locked@e2e.test', 'not-the-password')).toBe(401);
    expect(await submit('locked@e2e.test', 'not-the-password')).toBe(429);
    await suite.page.getByText(/Too many failed sign-ins for this email\. Try again in 15 minutes\./).waitFor();
    await submit(STAFF_A, PASSWORD);
    await suite.page.waitForURL((url) => url.pathname === '/admin');
  }, SLOW);

  it('creates an organization from its name alone and lists it, with a slug made from the name', async () => {
    await logIn(SUPERUSER);
    await suite.page.goto('/admin/resources/organizations/actions/new');
    await field('name').locator('input').fill('Gamma Group & Co');
    await save();
    expect(await notice()).toBe('Organization added.');
    await suite.page.waitForURL((url) => url.pathname === '/admin/resources/organizations'); // AdminJS goes on to the list
    const row = suite.page.locator('tr', { hasText: 'Gamma Group & Co' });
    expect(await row.innerText()).toContain('gamma-group-co');
    expect(await Organization.findOne({ where: { slug: 'gamma-group-co' }, raw: true })).toMatchObject({ name: 'Gamma Group & Co', is_active: true });
  }, SLOW);

  it('creates a lead with a status picked from the dropdown, then finds it in the leads list', async () => {
    await logIn(SUPERUSER);
    await suite.page.goto('/admin/resources/leads/actions/new');
    await field('first_name').locator('input').fill('Cora');
    await field('last_name').locator('input').fill('Created');
    await field('email').locator('input').fill('cora@created.e2e.test');
    await field('status').locator('input[id^=react-select]').click();
    await suite.page.getByRole('option', { name: 'Qualified', exact: true }).click();
    await save();
    expect(await notice()).toBe('Lead added.');
    await suite.page.waitForURL((url) => url.pathname === '/admin/resources/leads'); // AdminJS goes on to the list
    const row = suite.page.locator('tr', { hasText: 'cora@created.e2e.test' });
    expect(await row.innerText()).toMatch(/Cora\s+Created[\s\S]*Qualified/);
    expect(await Lead.findOne({ where: { email: 'cora@created.e2e.test' }, raw: true }))
      .toMatchObject({ first_name: 'Cora', last_name: 'Created', status: 'qualified' });
  }, SLOW);

  it('shows errors on the email and score fields for a malformed email and a score of 150, and creates nothing', async () => {
    await logIn(SUPERUSER);
    const before = await Lead.count();
    await suite.page.goto('/admin/resources/leads/actions/new');
    await field('first_name').locator('input').fill('Ivy');
    await field('last_name').locator('input').fill('Invalid');
    await field('email').locator('input').fill('not-an-email');
    await field('score').locator('input').fill('150');
    await save();
    expect(await notice()).toMatch(/fields need attention/i);
    /** The group's text is its label, then the error message, if any. */
    const messageUnder = async (name: string) => (await field(name).innerText()).split('\n').slice(1).join(' ').trim();
    expect(await messageUnder('email')).toMatch(/email/i);
    expect(await messageUnder('score')).toMatch(/score|100/i);
    expect(await messageUnder('first_name')).toBe('');
    expect(await messageUnder('last_name')).toBe('');
    expect(new URL(suite.page.url()).pathname).toBe('/admin/resources/leads/actions/new');
    expect(await Lead.count()).toBe(before);
    expect(await Lead.findOne({ where: { email: 'not-an-email' } })).toBeNull();
  }, SLOW);

  it("refuses staff of organization A the URL of organization B's lead, and shows none of its data", async () => {
    await logIn(STAFF_A);
    await suite.page.goto(`/admin/resources/leads/records/${ids.leadB}/show`);
    const refusal = suite.page.getByText(RECORD_NOT_ACCESSIBLE);
    await refusal.first().waitFor();
    const text = await suite.page.locator('body').innerText();
    expect(text).not.toContain(LEAD_B_EMAIL);
    expect(text).not.toMatch(/\bBob\b/);
  }, SLOW);

  it('saves a screenshot of the leads list', async () => {
    await logIn(SUPERUSER);
    await suite.page.goto('/admin/resources/leads');
    await suite.page.locator('tr', { hasText: LEAD_B_EMAIL }).waitFor();
    await mkdir(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, 'admin-leads.png');
    await suite.page.screenshot({ path: file, fullPage: true });
    expect((await stat(file)).size).toBeGreaterThan(10_000);
  }, SLOW);
});
