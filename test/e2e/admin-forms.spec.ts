import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Lead, Organization, User, UserRole } from '../../models/index.js';
import { MESSAGES } from '../../models/lead-rules.js';
import { hashPassword } from '../../server/auth/password.js';
import { SLOW, browserSuite, newIsolatedContext, signIn } from '../support/browser.js';
import { SEEN, seenByPerson } from '../support/seen.js';

const PASSWORD = 'correct-horse-battery';
const ADMIN = 'admin@forms.e2e.test';
const SUPERUSER = 'super@forms.e2e.test';
const ARTIFACTS = path.resolve('test/artifacts');
const SIZES = [{ width: 1440, height: 900 }, { width: 390, height: 844 }] as const;
let orgId = 0;

const suite = browserSuite('e2e_admin_forms', async () => {
  const org = await Organization.create({ name: 'Form Lab', slug: 'form-lab' } as never);
  orgId = org.id;
  const hashed = await hashPassword(PASSWORD);
  const admin = await User.create({ email: ADMIN, hashed_password: hashed, first_name: 'Ada', last_name: 'Admin', organization_id: org.id } as never);
  await UserRole.create({ user_id: admin.id, role: 'admin' });
  await User.create({ email: SUPERUSER, hashed_password: hashed, first_name: 'Sam', last_name: 'Super', is_superuser: true } as never);
});

const page = () => suite.page;
const shot = async (name: string) => {
  await mkdir(ARTIFACTS, { recursive: true });
  const { width } = page().viewportSize()!;
  await page().screenshot({ path: path.join(ARTIFACTS, `form-${name}-${width}.png`) });
};
/** The message under a field, as a person reads it: the field's label, its box, then the words. */
const messageOf = (field: string) => page().locator(`[data-testid="property-edit-${field}"]`);

describe.each(SIZES)('forms at $width×$height', (size) => {
  beforeEach(() => page().setViewportSize(size));

  it('a new lead\'s form starts with what saving stores: status New, priority Medium, country USA', async () => {
    await signIn(suite.isolated.context, suite.app.baseURL, ADMIN, PASSWORD);
    await page().goto('/admin/resources/leads/actions/new');
    const status = messageOf('status');
    await status.waitFor();
    expect(await status.innerText()).toContain('New');
    expect(await messageOf('priority').innerText()).toContain('Medium');
    expect(await page().locator('#country').inputValue()).toBe('USA');
    await shot('new-lead');
  }, SLOW);

  it.each([['users'], ['organizations'], ['site_keys'], ['lead_sources'], ['insurance_products']])(
    'a new record of %s starts with Active ticked, where the box is seen',
    async (resource) => {
      await signIn(suite.isolated.context, suite.app.baseURL, SUPERUSER, PASSWORD);
      await page().goto(`/admin/resources/${resource}/actions/new`);
      const box = messageOf('is_active');
      await box.waitFor();
      expect(await box.locator('input[type=checkbox]').isChecked()).toBe(true);
      expect(await seenByPerson(box.locator('.adminjs_Checkbox, label').first())).toEqual(SEEN);
      if (resource === 'users') await shot('new-user');
    }, SLOW,
  );

  it('an edit with a bad phone, state and ZIP is refused with every error on its field; the corrected one is stored normalised', async () => {
    await signIn(suite.isolated.context, suite.app.baseURL, ADMIN, PASSWORD);
    const lead = await Lead.create({ first_name: 'Eve', last_name: `Edit${size.width}`, email: `eve${size.width}@forms.e2e.test`, organization_id: orgId } as never);
    await page().goto(`/admin/resources/leads/records/${lead.id}/edit`);
    await page().locator('#phone').fill('555');
    await page().locator('#state').fill('Oregon');
    await page().locator('#zip_code').fill('abc');
    await page().getByRole('button', { name: 'Save' }).click();
    for (const [field, message] of [['phone', MESSAGES.invalid_phone], ['state', MESSAGES.invalid_state], ['zip_code', MESSAGES.invalid_zip]] as const) {
      const words = messageOf(field).getByText(message);
      await words.waitFor();
      expect(await seenByPerson(words)).toEqual(SEEN);
    }
    await shot('lead-refused');
    await lead.reload();
    expect([lead.phone, lead.state, lead.zip_code]).toEqual([null, null, null]);

    await page().locator('#phone').fill('(312) 555-0119');
    await page().locator('#state').fill('il');
    await page().locator('#zip_code').fill('606011234');
    await page().getByRole('button', { name: 'Save' }).click();
    await page().waitForURL(/\/show$|\/leads(\?|$)/);
    await lead.reload();
    expect([lead.phone, lead.state, lead.zip_code]).toEqual(['+13125550119', 'IL', '60601-1234']);
  }, SLOW);

  it.each(['America/Los_Angeles', 'Europe/Berlin', 'Asia/Tokyo'])('a date of birth typed into the date field in %s is stored as that calendar date', async (timezoneId) => {
    const isolated = await newIsolatedContext(suite.browser, suite.app.baseURL, { timezoneId, viewport: size });
    try {
      await signIn(isolated.context, suite.app.baseURL, ADMIN, PASSWORD);
      const lead = await Lead.create({ first_name: 'Dot', last_name: 'Date', email: `dot${size.width}${timezoneId.length}@forms.e2e.test`, organization_id: orgId } as never);
      const tab = await isolated.context.newPage();
      await tab.goto(`/admin/resources/leads/records/${lead.id}/edit`);
      const input = tab.locator('[data-testid="property-edit-date_of_birth"] input').first();
      await input.fill('1985-04-12');
      await input.press('Escape');
      await tab.getByRole('button', { name: 'Save' }).click();
      await tab.waitForURL(/\/show$|\/leads(\?|$)/);
      expect((await lead.reload()).date_of_birth).toBe('1985-04-12');
      // Saved again with only the city changed, the date shown is the date kept.
      await tab.goto(`/admin/resources/leads/records/${lead.id}/edit`);
      await tab.locator('#city').fill('Springfield');
      if (timezoneId === 'America/Los_Angeles') await tab.screenshot({ path: path.join(ARTIFACTS, `form-date-of-birth-${size.width}.png`) });
      await tab.getByRole('button', { name: 'Save' }).click();
      await tab.waitForURL(/\/show$|\/leads(\?|$)/);
      expect(await lead.reload()).toMatchObject({ city: 'Springfield', date_of_birth: '1985-04-12' });
      expect(isolated.pageErrors).toEqual([]);
    } finally {
      await isolated.context.close();
    }
  }, SLOW);

  it('a follow-up time is picked on the organization\'s clock, whatever the browser\'s, and the field says which', async () => {
    const isolated = await newIsolatedContext(suite.browser, suite.app.baseURL, { timezoneId: 'Europe/Berlin', viewport: size });
    try {
      await signIn(isolated.context, suite.app.baseURL, ADMIN, PASSWORD);
      const lead = await Lead.create({ first_name: 'Fran', last_name: 'Follow', email: `fran${size.width}@forms.e2e.test`, organization_id: orgId } as never);
      const tab = await isolated.context.newPage();
      await tab.goto(`/admin/resources/leads/records/${lead.id}/edit`);
      const field = tab.locator('[data-testid="property-edit-next_follow_up_date"]');
      const hint = field.getByTestId('zone-of-next_follow_up_date');
      await hint.waitFor();
      expect(await hint.innerText()).toBe('In Eastern time (New York)');
      await field.locator('input').first().fill('2026/12/10 09:00');
      await field.locator('input').first().press('Escape');
      await tab.getByRole('button', { name: 'Save' }).click();
      await tab.waitForURL(/\/show$|\/leads(\?|$)/);
      // 09:00 in New York, not 09:00 in Berlin (08:00 UTC).
      expect((await lead.reload()).next_follow_up_date?.toISOString()).toBe('2026-12-10T14:00:00.000Z');
      await tab.goto(`/admin/resources/leads/records/${lead.id}/edit`);
      await hint.waitFor();
      expect(await field.locator('input').first().inputValue()).toBe('2026/12/10 09:00');
      await field.scrollIntoViewIfNeeded();
      await tab.screenshot({ path: path.join(ARTIFACTS, `form-follow-up-${size.width}.png`) });
    } finally {
      await isolated.context.close();
    }
  }, SLOW);

  it('a date range filter means the organization\'s midnight, not the browser\'s', async () => {
    const isolated = await newIsolatedContext(suite.browser, suite.app.baseURL, { timezoneId: 'Asia/Tokyo', viewport: size });
    try {
      await signIn(isolated.context, suite.app.baseURL, ADMIN, PASSWORD);
      const tab = await isolated.context.newPage();
      await tab.goto('/admin/resources/leads');
      await tab.getByText('Filter', { exact: true }).click();
      const apply = tab.getByRole('button', { name: 'Apply filters' });
      await apply.waitFor();
      const from = tab.locator('[data-testid="property-filter-created_at"] input').first();
      await from.fill('2026/12/04 00:00');
      await from.press('Escape');
      await apply.click();
      // Midnight in New York is 05:00 UTC (Tokyo's midnight would be 15:00 UTC the day before).
      await tab.waitForURL((url) => url.searchParams.get('filters.created_at~~from') === '2026-12-04T05:00:00.000Z');
      expect(isolated.pageErrors).toEqual([]);
    } finally {
      await isolated.context.close();
    }
  }, SLOW);
});
