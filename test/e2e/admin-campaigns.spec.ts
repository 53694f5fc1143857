import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { Campaign, Organization, User, UserRole } from '../../models/index.js';
import { END_AFTER_START } from '../../models/campaign.model.js';
import { CAMPAIGN_TYPE_LABELS } from '../../models/value-sets.js';
import { hashPassword } from '../../server/auth/password.js';
import { SLOW, browserSuite, signIn } from '../support/browser.js';
import { SEEN, seenByPerson, withinViewportWidth } from '../support/seen.js';

/**
 * The new-campaign form as a manager sees it on a desktop and on a phone:
 * one Status and no Active box, the type as a list to choose from, and an
 * end date before the start refused under the end date itself, with nothing
 * saved. Screenshots go to test/artifacts.
 */
const PASSWORD = 'correct-horse-battery';
const STAFF = 'carla@campaigns.e2e.test';
const ARTIFACTS = path.resolve('test/artifacts');
const VIEWPORTS = { '1440x900': { width: 1440, height: 900 }, '390x844': { width: 390, height: 844 } } as const;

let legacyId = 0;

const suite = browserSuite('e2e_admin_campaigns', async (sequelize) => {
  const org = await Organization.create({ name: 'Harbor Mutual', slug: 'harbor-mutual' } as never);
  // A campaign typed before the list existed, and since cancelled.
  legacyId = (await Campaign.create({ name: 'Winter Webinars', slug: 'winter-webinars', campaign_type: 'seasonal', status: 'cancelled', organization_id: org.id } as never)).id;
  await sequelize.query(`UPDATE campaigns SET campaign_type = 'Webinar series' WHERE id = ${legacyId}`);
  const staff = await User.create({ email: STAFF, hashed_password: await hashPassword(PASSWORD), first_name: 'Carla', last_name: 'Staff', organization_id: org.id } as never);
  await UserRole.create({ user_id: staff.id, role: 'manager' } as never);
});

/** Types a date as the date picker's mask takes it (YYYY/MM/DD HH:mm), then closes its calendar. */
async function typeDate(page: Page, field: string, value: string): Promise<void> {
  const input = page.getByTestId(`property-edit-${field}`).locator('input').first();
  await input.click();
  await input.pressSequentially(value);
  await page.keyboard.press('Escape');
  await page.getByTestId(`property-edit-${field}`).locator('label').first().click();
}

async function chooseOption(page: Page, field: string, label: string): Promise<void> {
  await page.getByTestId(`property-edit-${field}`).locator('input[id^=react-select]').click();
  await page.getByText(label, { exact: true }).click();
}

describe('the campaign form in a real browser', () => {
  it.each(Object.entries(VIEWPORTS))('at %s: Status and no Active box, the type is a list, an end before the start is refused on its field', async (size, viewport) => {
    const { page } = suite;
    await mkdir(ARTIFACTS, { recursive: true });
    await page.setViewportSize(viewport);
    await signIn(suite.isolated.context, suite.app.baseURL, STAFF, PASSWORD);
    await page.goto('/admin/resources/campaigns/actions/new');
    const status = page.getByTestId('property-edit-status');
    await status.waitFor();

    expect(await seenByPerson(status.locator('label').first())).toEqual(SEEN);
    expect(await page.getByTestId('property-edit-is_active').count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);
    const type = page.getByTestId('property-edit-campaign_type');
    expect(await type.locator('input[id^=react-select]').count()).toBe(1);
    await type.locator('input[id^=react-select]').click();
    for (const label of Object.values(CAMPAIGN_TYPE_LABELS).slice(0, 3)) expect(await page.getByText(label, { exact: true }).count()).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, `campaigns-new-type-list-${size}.png`) });
    await page.keyboard.press('Escape');

    const before = await Campaign.count();
    await page.getByTestId('property-edit-name').locator('input').fill(`Spring Switch ${size}`);
    await chooseOption(page, 'campaign_type', CAMPAIGN_TYPE_LABELS.seasonal);
    await chooseOption(page, 'status', 'Scheduled');
    await typeDate(page, 'start_date', '2026/05/01 09:00');
    await typeDate(page, 'end_date', '2026/04/01 09:00');
    await page.getByTestId('button-save').click();

    const message = page.getByTestId('property-edit-end_date').getByText(END_AFTER_START.message);
    await message.waitFor();
    // Where a person looks for it: the notice at the top may cover the top of the form for a moment.
    await message.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    expect(await seenByPerson(message)).toEqual(SEEN);
    expect(await withinViewportWidth(page, message)).toBe(true);
    // The other fields keep what was typed, and carry no error of their own.
    expect(await page.getByTestId('property-edit-start_date').getByText(END_AFTER_START.message).count()).toBe(0);
    expect(await page.getByTestId('property-edit-name').locator('input').inputValue()).toBe(`Spring Switch ${size}`);
    await page.screenshot({ path: path.join(ARTIFACTS, `campaigns-new-end-before-start-${size}.png`), fullPage: true });
    expect(await Campaign.count()).toBe(before);

    // Putting the end after the start saves it.
    await page.getByTestId('property-edit-end_date').locator('input').first().fill('');
    await typeDate(page, 'end_date', '2026/06/30 18:00');
    await page.getByTestId('button-save').click();
    await page.waitForURL(/\/admin\/resources\/campaigns(\?.*)?$/);
    expect(await Campaign.count()).toBe(before + 1);
    const saved = (await Campaign.findOne({ where: { name: `Spring Switch ${size}` } }))!;
    expect(saved).toMatchObject({ campaign_type: 'seasonal', status: 'scheduled', is_active: true, slug: `spring-switch-${size}` });
    await page.screenshot({ path: path.join(ARTIFACTS, `campaigns-saved-${size}.png`), fullPage: true });
  }, SLOW);

  it('a campaign with an older free-text type shows it, says it takes no new leads once cancelled, and its other fields can be edited', async () => {
    const { page } = suite;
    await mkdir(ARTIFACTS, { recursive: true });
    await signIn(suite.isolated.context, suite.app.baseURL, STAFF, PASSWORD);
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await page.goto(`/admin/resources/campaigns/records/${legacyId}/show`);
      const type = page.getByTestId('property-show-campaign_type');
      await type.waitFor();
      expect(await type.innerText()).toContain('Webinar series');
      const active = page.getByTestId('property-show-is_active');
      expect(await active.innerText()).toMatch(/Takes new leads\s+No/);
      expect(await seenByPerson(active)).toEqual(SEEN);
      await page.screenshot({ path: path.join(ARTIFACTS, `campaigns-legacy-show-${size}.png`), fullPage: true });
    }
    await page.setViewportSize(VIEWPORTS['1440x900']);
    await page.goto(`/admin/resources/campaigns/records/${legacyId}/edit`);
    const description = page.getByTestId('property-edit-description').locator('textarea');
    await description.waitFor();
    await description.fill('Moved to spring.');
    await page.getByTestId('button-save').click();
    await page.waitForURL(/\/records\/\d+\/show|\/admin\/resources\/campaigns(\?.*)?$/);
    const saved = (await Campaign.findByPk(legacyId))!;
    expect(saved).toMatchObject({ campaign_type: 'Webinar series', description: 'Moved to spring.', is_active: false });
    await page.screenshot({ path: path.join(ARTIFACTS, 'campaigns-legacy-saved-1440x900.png'), fullPage: true });
  }, SLOW);
});
