import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ApiKey, Organization, SiteKey, User, UserRole } from '../../models/index.js';
import { hashPassword } from '../../server/auth/password.js';
import { SLOW, browserSuite, signIn } from '../support/browser.js';

const PASSWORD = 'correct-horse-battery';
const STAFF = 'staff@integrations.e2e.test';
const ARTIFACTS = path.resolve('test/artifacts');

const suite = browserSuite('e2e_integrations', async () => {
  const org = await Organization.create({ name: 'Keyed Agency', slug: 'keyed' } as never);
  const staff = await User.create({ email: STAFF, hashed_password: await hashPassword(PASSWORD), first_name: 'Kay', last_name: 'Staff', organization_id: org.id } as never);
  await UserRole.create({ user_id: staff.id, role: 'admin' }); // the keys need an org admin
});

// Registered after the suite's own hooks, so the context exists: every test here works as signed-in staff.
beforeEach(() => signIn(suite.isolated.context, suite.app.baseURL, STAFF, PASSWORD));

const field = (name: string) => suite.page.getByTestId(`property-edit-${name}`);

describe('integrations in a real browser', () => {
  it('creates a site key and shows the exact embed snippet with its key', async () => {
    const { page } = suite;
    await page.goto('/admin/resources/site_keys/actions/new');
    await field('name').locator('input').fill('Partner site');
    await field('allowed_origins').getByRole('button', { name: /add new item/i }).click();
    await field('allowed_origins').locator('input').first().fill('https://www.partner.example');
    await page.getByTestId('button-save').click();
    await page.waitForURL((url) => url.pathname === '/admin/resources/site_keys');
    const key = (await SiteKey.findOne({ where: { name: 'Partner site' } }))!;
    expect(key.key).toMatch(/^pk_[A-Za-z0-9]{32}$/);

    await page.goto(`/admin/resources/site_keys/records/${key.id}/show`);
    const code = page.getByTestId('embed-snippet-code');
    await code.waitFor();
    expect(await code.inputValue()).toBe(`<script async src="${suite.app.baseURL}/widget.js" data-key="${key.key}"></script>`);
    expect(await page.getByTestId('embed-snippet-origins').innerText()).toBe('Works on: https://www.partner.example.');
    await page.getByTestId('embed-snippet').getByRole('button', { name: 'Copy' }).click();
    await page.getByTestId('embed-snippet').getByRole('status').waitFor();
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-site-key.png'), fullPage: true });
  }, SLOW);

  it('creates an API key and shows its secret once, never again', async () => {
    const { page } = suite;
    await page.goto('/admin/resources/api_keys/actions/new');
    await field('name').locator('input').fill('CRM sync');
    await page.getByTestId('button-save').click();
    const secretBox = page.getByTestId('api-key-secret');
    await secretBox.waitFor();
    const secret = await secretBox.inputValue();
    expect(secret).toMatch(/^sk_[A-Za-z0-9]{40}$/);
    expect(await page.getByTestId('api-key-secret-panel').innerText()).toContain('it will not be shown again');
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-api-key-secret.png') });
    const saved = (await ApiKey.findOne({ where: { name: 'CRM sync' } }))!;
    expect(saved.key_hash).toBe(createHash('sha256').update(secret).digest('hex'));

    await page.getByTestId('api-key-done').click();
    await page.waitForURL((url) => url.pathname === '/admin/resources/api_keys');
    await page.locator('tr', { hasText: 'CRM sync' }).waitFor();
    expect(await page.content()).not.toContain(secret);
    await page.goto(`/admin/resources/api_keys/records/${saved.id}/show`);
    await page.getByText(saved.prefix).first().waitFor();
    expect(await page.content()).not.toContain(secret);
    expect(await page.content()).not.toContain(saved.key_hash);
  }, SLOW);
});
