import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Lead, Organization, User, UserRole } from '../../models/index.js';
import { hashPassword } from '../../server/auth/password.js';
import { SLOW, browserSuite, signIn } from '../support/browser.js';

const PASSWORD = 'correct-horse-battery';
const STAFF = 'staff@pipeline.e2e.test';
const ARTIFACTS = path.resolve('test/artifacts');

const ids = { byAction: 0 };

const suite = browserSuite('e2e_pipeline', async () => {
  const org = await Organization.create({ name: 'Pipeline Partners', slug: 'pipeline-partners' } as never);
  const staff = await User.create({ email: STAFF, hashed_password: await hashPassword(PASSWORD), first_name: 'Pat', last_name: 'Staff', organization_id: org.id } as never);
  await UserRole.create({ user_id: staff.id, role: 'manager' }); // exporting needs a manager
  const lead = (first: string, email: string, status = 'new') => Lead.create({ first_name: first, last_name: 'Lead', email, organization_id: org.id, score: 55, status } as never);
  ids.byAction = (await lead('Ada', 'ada@pipeline.e2e.test')).id;
  await lead('Dora', 'dora@pipeline.e2e.test', 'qualified'); // the one lead the export's filter keeps
  await lead('Kim', 'kim@pipeline.e2e.test');
});

// Registered after the suite's own hooks, so the context exists: every test here works as signed-in staff.
beforeEach(() => signIn(suite.isolated.context, suite.app.baseURL, STAFF, PASSWORD));

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
