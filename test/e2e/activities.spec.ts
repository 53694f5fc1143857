import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { Activity, Lead, Organization, User } from '../../models/index.js';
import { hashPassword } from '../../server/auth/password.js';
import { SLOW, browserSuite, signIn } from '../support/browser.js';

/**
 * An agent logs an outbound call on a lead from the admin's activities, on
 * a desktop and a phone: the form offers only the types a person logs, the
 * call is filed under the agent, and the lead counts as contacted. The list
 * shows it beside the status change the database recorded. Screenshots go
 * to test/artifacts.
 */
const PASSWORD = 'correct-horse-battery';
const AGENT = 'abe@activities.e2e.test';
const ARTIFACTS = path.resolve('test/artifacts');
const VIEWPORTS = { '1440x900': { width: 1440, height: 900 }, '390x844': { width: 390, height: 844 } } as const;

let leadId = 0;
let agentId = 0;

const suite = browserSuite('e2e_activities', async (sequelize) => {
  const org = await Organization.create({ name: 'Harbor Mutual', slug: 'harbor-mutual' } as never);
  agentId = (await User.create({ email: AGENT, hashed_password: await hashPassword(PASSWORD), first_name: 'Abe', last_name: 'Agent', organization_id: org.id } as never)).id;
  leadId = (await Lead.create({ first_name: 'Rosa', last_name: 'Diaz', email: 'rosa@example.com', organization_id: org.id } as never)).id;
  await sequelize.query(`UPDATE leads SET status = 'contacted' WHERE id = ${leadId}`);
});

async function chooseOption(page: Page, field: string, label: string): Promise<void> {
  await page.getByTestId(`property-edit-${field}`).locator('input[id^=react-select]').click();
  await page.getByRole('option', { name: label, exact: true }).click();
}

describe('logging a call in a real browser', () => {
  it.each(Object.entries(VIEWPORTS))('at %s: only loggable types, the call saved under the agent, the lead contacted', async (size, viewport) => {
    const { page } = suite;
    await mkdir(ARTIFACTS, { recursive: true });
    await page.setViewportSize(viewport);
    await signIn(suite.isolated.context, suite.app.baseURL, AGENT, PASSWORD);
    await page.goto('/admin/resources/activities/actions/new');
    await page.getByTestId('property-edit-logged_type').waitFor();
    expect(await page.getByTestId('property-edit-user_id').count()).toBe(0);
    expect(await page.getByTestId('property-edit-organization_id').count()).toBe(0);

    const lead = page.getByTestId('property-edit-lead_id').locator('input[id^=react-select]');
    await lead.click();
    await lead.pressSequentially('Rosa');
    await page.getByRole('option', { name: 'Rosa Diaz' }).click();
    await page.getByTestId('property-edit-logged_type').locator('input[id^=react-select]').click();
    const offered = await page.getByRole('option').allInnerTexts();
    expect(offered).toEqual(['Call', 'Email', 'Text message', 'Meeting', 'Other']);
    await page.getByRole('option', { name: 'Call', exact: true }).click();
    await chooseOption(page, 'direction', 'Outbound');
    await chooseOption(page, 'outcome', 'Left a voicemail');
    await page.getByTestId('property-edit-summary').locator('input').fill(`Voicemail about the auto quote (${size})`);
    await page.screenshot({ path: path.join(ARTIFACTS, `activities-log-call-${size}.png`), fullPage: true });

    const before = await Activity.count({ where: { lead_id: leadId, type: 'call' } });
    await page.getByTestId('button-save').click();
    await page.waitForURL((url) => url.pathname === '/admin/resources/activities');
    expect(await Activity.count({ where: { lead_id: leadId, type: 'call' } })).toBe(before + 1);
    const call = await Activity.findOne({ where: { lead_id: leadId, type: 'call' }, order: [['id', 'DESC']], raw: true });
    expect(call).toMatchObject({ user_id: agentId, direction: 'outbound', outcome: 'left_voicemail', summary: `Voicemail about the auto quote (${size})` });
    expect((await Lead.findByPk(leadId))!.last_contact_date).not.toBeNull();

    await page.getByText(`Voicemail about the auto quote (${size})`).first().waitFor();
    expect(await page.getByText('Status changed from new to contacted').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, `activities-list-${size}.png`), fullPage: true });
  }, SLOW);
});
