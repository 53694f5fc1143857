import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { Lead, Organization, User, UserRole } from '../../models/index.js';
import { hashPassword } from '../../server/auth/password.js';
import { SLOW, browserSuite, signIn } from '../support/browser.js';

const PASSWORD = 'correct-horse-battery';
const ADMIN = 'olivia@accounts.e2e.test';
const AGENT = 'ana@accounts.e2e.test';
const ARTIFACTS = path.resolve('test/artifacts');
const VIEWPORTS = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;

const suite = browserSuite('e2e_accounts', async () => {
  const org = await Organization.create({ name: 'Harbor Insurance', slug: 'harbor' } as never);
  const hashed_password = await hashPassword(PASSWORD);
  const admin = await User.create({ email: ADMIN, hashed_password, first_name: 'Olivia', last_name: 'Admin', organization_id: org.id } as never);
  await UserRole.create({ user_id: admin.id, role: 'admin' });
  await User.create({ email: AGENT, hashed_password, first_name: 'Ana', last_name: 'Agent', organization_id: org.id } as never); // no role row: agent
  await Lead.create({ first_name: 'Lena', last_name: 'Lead', email: 'lena@lead.test', organization_id: org.id } as never);
});

/** Screenshots at both sizes for a person to look at (test/artifacts), and the element must be on screen and on top at each. */
async function shoot(page: Page, name: string, selector: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    const target = page.locator(selector).first();
    await target.scrollIntoViewIfNeeded();
    const onTop = await target.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const x = Math.min(box.left + Math.min(box.width, 40) / 2, window.innerWidth - 1);
      const y = Math.min(box.top + Math.min(box.height, 20) / 2, window.innerHeight - 1);
      const hit = document.elementFromPoint(x, y);
      return box.width > 0 && box.right <= window.innerWidth + 1 && hit !== null && (el === hit || el.contains(hit));
    });
    expect({ name, size, onTop }).toEqual({ name, size, onTop: true });
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${size}.png`) });
  }
  await page.setViewportSize(VIEWPORTS.desktop);
}

describe('accounts in a real browser', () => {
  it('an org admin adds a colleague, gets their one-time password link, and the colleague chooses a password with it', async () => {
    const { page } = suite;
    await signIn(suite.isolated.context, suite.app.baseURL, ADMIN, PASSWORD);
    await page.goto('/admin/resources/users/actions/new');
    await page.getByTestId('property-edit-email').locator('input').fill('new.hire@accounts.e2e.test');
    await page.getByTestId('property-edit-first_name').locator('input').fill('Noah');
    await page.getByTestId('property-edit-last_name').locator('input').fill('Hire');
    await page.getByTestId('property-edit-role').locator('input[id^=react-select]').click();
    await page.getByText('Manager', { exact: true }).click();
    await page.getByTestId('button-save').click();

    await page.getByTestId('reset-confirm').waitFor();
    await shoot(page, 'users-reset-confirm', '[data-testid=reset-confirm-button]');
    await page.getByTestId('reset-confirm-button').click();
    const link = await page.getByTestId('reset-link').inputValue();
    expect(link).toMatch(new RegExp(`^${suite.app.baseURL}/admin/password-reset/[A-Za-z0-9_-]{43}$`));
    await shoot(page, 'users-reset-link', '[data-testid=reset-link]');
    const hire = (await User.findOne({ where: { email: 'new.hire@accounts.e2e.test' } }))!;
    expect((await UserRole.findByPk(hire.id))!.role).toBe('manager');

    const other = await suite.browser.newContext({ baseURL: suite.app.baseURL });
    try {
      const visitor = await other.newPage();
      await visitor.goto(link);
      await shoot(visitor, 'password-reset-page', 'button[type=submit]');
      await visitor.getByLabel('New password').fill('short');
      await visitor.getByLabel('Type it again').fill('short');
      await visitor.evaluate(() => document.querySelector('form')!.setAttribute('novalidate', ''));
      await visitor.getByRole('button', { name: 'Save password' }).click();
      await visitor.getByRole('alert').waitFor();
      expect(await visitor.getByRole('alert').innerText()).toBe('Choose a password of at least 12 characters.');
      await visitor.getByLabel('New password').fill('noah-chose-this-one');
      await visitor.getByLabel('Type it again').fill('noah-chose-this-one');
      await visitor.getByRole('button', { name: 'Save password' }).click();
      await visitor.getByText('Your password is saved').waitFor();
    } finally {
      await other.close();
    }
    await signIn(suite.isolated.context, suite.app.baseURL, 'new.hire@accounts.e2e.test', 'noah-chose-this-one');
  }, SLOW);

  it('an agent sees the leads, no Users or keys in the menu, and no Export or Delete', async () => {
    const { page } = suite;
    await signIn(suite.isolated.context, suite.app.baseURL, AGENT, PASSWORD);
    await page.goto('/admin/resources/leads');
    await page.getByText('lena@lead.test').first().waitFor();
    await shoot(page, 'leads-as-agent', 'text=lena@lead.test');
    const menu = await page.locator('nav, [data-css="sidebar"]').first().innerText();
    expect(menu).not.toMatch(/Users|API keys|Site keys/);
    expect(await page.getByText('Export leads to CSV').count()).toBe(0);
  }, SLOW);

  it('My account: anyone changes their own name, and their password only with the current one', async () => {
    const { page } = suite;
    await signIn(suite.isolated.context, suite.app.baseURL, AGENT, PASSWORD);
    await page.goto('/admin/pages/account');
    await page.getByTestId('account').waitFor();
    await shoot(page, 'my-account', '[data-testid=account] h2');
    await page.getByLabel('First name').fill('Anabel');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByText('Your details are saved.').waitFor();
    expect((await User.findOne({ where: { email: AGENT } }))!.first_name).toBe('Anabel');
    await page.getByLabel('Current password').fill('not-my-password');
    await page.getByLabel('New password (at least 12 characters)').fill('a-brand-new-password');
    await page.getByLabel('New password again').fill('a-brand-new-password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('This is not your current password.').waitFor();
    await shoot(page, 'my-account-error', 'text=This is not your current password.');
  }, SLOW);
});
