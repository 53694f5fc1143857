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
    await field('allowed_origins').getByRole('button', { name: 'Add another' }).click();
    await field('allowed_origins').locator('input').first().fill('https://www.partner.example');
    await field('consent_text').locator('textarea').fill('I agree that Keyed Agency may call and text me about insurance.');
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

  it('will not save an active site key without consent text, says so under the field, and keeps both languages\' texts', async () => {
    const { page } = suite;
    const shots = process.env.SHOTS_DIR;
    for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(viewport);
      await page.goto('/admin/resources/site_keys/actions/new');
      await field('name').locator('input').fill(`No consent ${viewport.width}`);
      await page.getByTestId('button-save').click();
      const error = field('consent_text').getByText(/An active site key needs a consent text/);
      await error.waitFor();
      expect(await field('consent_text').innerText()).toContain('such as "I agree that <your agency> may call and text me');
      expect(await field('consent_text_es').innerText()).toContain('Consent text (Spanish)');
      expect(await SiteKey.count({ where: { name: `No consent ${viewport.width}` } })).toBe(0);
      // The whole message stays readable: it pushes the next field down rather than running under it.
      const [message, next] = await Promise.all([error.boundingBox(), field('consent_text_es').boundingBox()]);
      expect(message!.y + message!.height).toBeLessThanOrEqual(next!.y);
      if (shots) {
        await mkdir(shots, { recursive: true });
        await error.scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(shots, `admin-site-key-consent-required-${viewport.width}x${viewport.height}.png`) });
      }
    }
    await field('consent_text').locator('textarea').fill('I agree that Keyed Agency may call and text me.\nConsent is not a condition of purchase.');
    await field('consent_text_es').locator('textarea').fill('Acepto que Keyed Agency me llame y me envíe mensajes de texto.');
    await page.getByTestId('button-save').click();
    await page.waitForURL((url) => url.pathname === '/admin/resources/site_keys');
    expect(await SiteKey.findOne({ where: { name: 'No consent 390' }, raw: true })).toMatchObject({
      is_active: true,
      consent_text: 'I agree that Keyed Agency may call and text me.\nConsent is not a condition of purchase.',
      consent_text_es: 'Acepto que Keyed Agency me llame y me envíe mensajes de texto.',
    });
    await page.setViewportSize({ width: 1280, height: 800 });
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
