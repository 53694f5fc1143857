import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Lead, Organization, User } from '../../models/index.js';
import { hashPassword } from '../../server/auth/password.js';
import { launchBrowser, newIsolatedContext, signIn, startApp, type IsolatedContext, type RunningApp } from '../support/browser.js';

const PASSWORD = 'correct-horse-battery';
const STAFF = 'staff@pipeline.e2e.test';
const ARTIFACTS = path.resolve('test/artifacts');
const SLOW = 120_000;

let app: RunningApp;
let browser: Browser;
let isolated: IsolatedContext;
let page: Page;
const ids = { byAction: 0, byDrag: 0, byKeyboard: 0 };

beforeAll(async () => {
  [app, browser] = await Promise.all([
    startApp('e2e_pipeline', async () => {
      const org = await Organization.create({ name: 'Pipeline Partners', slug: 'pipeline-partners' } as never);
      await User.create({ email: STAFF, hashed_password: await hashPassword(PASSWORD), first_name: 'Pat', last_name: 'Staff', organization_id: org.id } as never);
      const lead = (first: string, email: string) => Lead.create({ first_name: first, last_name: 'Lead', email, organization_id: org.id, score: 55 } as never);
      ids.byAction = (await lead('Ada', 'ada@pipeline.e2e.test')).id;
      ids.byDrag = (await lead('Dora', 'dora@pipeline.e2e.test')).id;
      ids.byKeyboard = (await lead('Kim', 'kim@pipeline.e2e.test')).id;
    }),
    launchBrowser(),
  ]);
}, SLOW);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

beforeEach(async () => {
  isolated = await newIsolatedContext(browser, app.baseURL);
  isolated.context.setDefaultTimeout(60_000);
  page = await isolated.context.newPage();
  await signIn(isolated.context, app.baseURL, STAFF, PASSWORD);
});

afterEach(async () => {
  await isolated?.context.close();
  expect(isolated.blocked).toEqual([]);
  expect(isolated.pageErrors).toEqual([]);
});

const statusOf = async (id: number) => (await Lead.findByPk(id))!.status;

describe('working the pipeline in a real browser', () => {
  it('moves a lead with the "Move in pipeline" menu on its page', async () => {
    await page.goto(`/admin/resources/leads/records/${ids.byAction}/show`);
    await page.getByText('Move in pipeline').click();
    await page.getByText('Mark contacted', { exact: true }).click();
    await page.getByText('Ada Lead is now Contacted.').waitFor();
    const lead = (await Lead.findByPk(ids.byAction))!;
    expect(lead.status).toBe('contacted');
    expect(lead.last_contact_date).not.toBeNull();
  }, SLOW);

  it('moves a card on the board by dragging it, and by its keyboard menu', async () => {
    await page.goto('/admin/pages/board');
    const card = page.locator(`[data-lead-id="${ids.byDrag}"]`);
    await card.dragTo(page.locator('[data-status="qualified"]'));
    await page.locator(`[data-status="qualified"] [data-lead-id="${ids.byDrag}"]`).waitFor();
    expect(await statusOf(ids.byDrag)).toBe('qualified');

    await page.getByLabel('Move Kim Lead to').selectOption('nurturing');
    await page.locator(`[data-status="nurturing"] [data-lead-id="${ids.byKeyboard}"]`).waitFor();
    expect(await statusOf(ids.byKeyboard)).toBe('nurturing');
  }, SLOW);

  it('renders the dashboard with its charts, and saves a screenshot', async () => {
    await page.goto('/admin');
    const dashboard = page.getByTestId('dashboard');
    await dashboard.waitFor();
    await dashboard.getByRole('img', { name: /^New: \d+$/ }).waitFor();
    for (const chart of ['Leads by status', 'Leads by product type', 'Leads by source type', 'Leads by campaign']) {
      await dashboard.getByRole('figure', { name: chart }).waitFor();
    }
    expect(await dashboard.locator('svg[aria-label="New leads per day, last 30 days"] rect').count()).toBe(30);
    expect(await dashboard.innerText()).toMatch(/Leads\s+3\b/);
    await mkdir(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, 'admin-dashboard.png');
    await page.screenshot({ path: file, fullPage: true });
    expect((await stat(file)).size).toBeGreaterThan(10_000);
  }, SLOW);

  it('exports the filtered leads list as CSV from the list page', async () => {
    await page.goto('/admin/resources/leads?filters.status=qualified');
    await page.getByText('Export CSV').first().click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv-download').click()]);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^id,first_name,last_name,email/);
    expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual(['dora@pipeline.e2e.test']);
  }, SLOW);
});
