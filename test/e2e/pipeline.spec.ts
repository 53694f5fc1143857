import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Lead, Organization, User, UserRole } from '../../models/index.js';
import { hashPassword } from '../../server/auth/password.js';
import { SLOW, browserSuite, signIn } from '../support/browser.js';

const PASSWORD = 'correct-horse-battery';
const STAFF = 'staff@pipeline.e2e.test';
const ARTIFACTS = path.resolve('test/artifacts');

const ids = { byAction: 0, byDrag: 0, byKeyboard: 0 };

const suite = browserSuite('e2e_pipeline', async () => {
  const org = await Organization.create({ name: 'Pipeline Partners', slug: 'pipeline-partners' } as never);
  const staff = await User.create({ email: STAFF, hashed_password: await hashPassword(PASSWORD), first_name: 'Pat', last_name: 'Staff', organization_id: org.id } as never);
  await UserRole.create({ user_id: staff.id, role: 'manager' }); // exporting needs a manager
  const lead = (first: string, email: string) => Lead.create({ first_name: first, last_name: 'Lead', email, organization_id: org.id, score: 55 } as never);
  ids.byAction = (await lead('Ada', 'ada@pipeline.e2e.test')).id;
  ids.byDrag = (await lead('Dora', 'dora@pipeline.e2e.test')).id;
  ids.byKeyboard = (await lead('Kim', 'kim@pipeline.e2e.test')).id;
});

// Registered after the suite's own hooks, so the context exists: every test here works as signed-in staff.
beforeEach(() => signIn(suite.isolated.context, suite.app.baseURL, STAFF, PASSWORD));

const statusOf = async (id: number) => (await Lead.findByPk(id))!.status;

describe('working the pipeline in a real browser', () => {
  it('moves a lead with the "Move in pipeline" menu on its page', async () => {
    await suite.page.goto(`/admin/resources/leads/records/${ids.byAction}/show`);
    await suite.page.getByText('Move in pipeline').click();
    await suite.page.getByText('Mark contacted', { exact: true }).click();
    await suite.page.getByText('Ada Lead is now Contacted.').waitFor();
    const lead = (await Lead.findByPk(ids.byAction))!;
    expect(lead.status).toBe('contacted');
    expect(lead.last_contact_date).not.toBeNull();
  }, SLOW);

  it('shows a whole board column on a phone (it used to be a 70 px sliver), the rest a sideways scroll away', async () => {
    await suite.page.setViewportSize({ width: 390, height: 844 });
    try {
      await suite.page.goto('/admin/pages/board');
      const column = suite.page.locator('[data-status="new"]');
      await column.waitFor();
      const box = (await column.boundingBox())!;
      const strip = (await suite.page.locator('.lh-board-columns').boundingBox())!;
      expect(box.width).toBeGreaterThanOrEqual(180);
      // The column is inside the visible strip and the viewport, not cut by them.
      expect(box.x).toBeGreaterThanOrEqual(strip.x);
      expect(box.x + box.width).toBeLessThanOrEqual(Math.min(strip.x + strip.width, 390) + 1);
    } finally {
      await suite.page.setViewportSize({ width: 1366, height: 900 }); // the suite's own size
    }
  }, SLOW);

  it('moves a card on the board by dragging it, and by its keyboard menu', async () => {
    await suite.page.goto('/admin/pages/board');
    const card = suite.page.locator(`[data-lead-id="${ids.byDrag}"]`);
    await card.dragTo(suite.page.locator('[data-status="qualified"]'));
    await suite.page.locator(`[data-status="qualified"] [data-lead-id="${ids.byDrag}"]`).waitFor();
    expect(await statusOf(ids.byDrag)).toBe('qualified');

    await suite.page.getByLabel('Move Kim Lead to').selectOption('nurturing');
    await suite.page.locator(`[data-status="nurturing"] [data-lead-id="${ids.byKeyboard}"]`).waitFor();
    expect(await statusOf(ids.byKeyboard)).toBe('nurturing');
  }, SLOW);

  it('renders the dashboard with its charts, and saves a screenshot', async () => {
    await suite.page.goto('/admin');
    const dashboard = suite.page.getByTestId('dashboard');
    await dashboard.waitFor();
    await dashboard.getByRole('img', { name: /^New: \d+$/ }).waitFor();
    for (const chart of ['Leads by status', 'Leads by product type', 'Leads by source type', 'Leads by campaign']) {
      await dashboard.getByRole('figure', { name: chart }).waitFor();
    }
    expect(await dashboard.locator('svg[aria-label="New leads per day, last 30 days"] rect').count()).toBe(30);
    expect(await dashboard.innerText()).toMatch(/Leads\s+3\b/);
    await mkdir(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, 'admin-dashboard.png');
    await suite.page.screenshot({ path: file, fullPage: true });
    expect((await stat(file)).size).toBeGreaterThan(10_000);
  }, SLOW);

  it('exports the filtered leads list as CSV from the list page', async () => {
    await suite.page.goto('/admin/resources/leads?filters.status=qualified');
    await suite.page.getByText('Export leads to CSV').first().click();
    const [download] = await Promise.all([suite.page.waitForEvent('download'), suite.page.getByTestId('export-csv-download').click()]);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^id,first_name,last_name,email/);
    expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual(['dora@pipeline.e2e.test']);
  }, SLOW);
});
