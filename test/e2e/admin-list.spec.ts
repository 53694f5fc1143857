import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Lead, Organization, SiteKey, User, UserRole } from '../../models/index.js';
import { newPublishableKey } from '../../server/auth/keys.js';
import { hashPassword } from '../../server/auth/password.js';
import { SLOW, browserSuite, signIn } from '../support/browser.js';
import { SEEN, seenByPerson, withinViewportWidth } from '../support/seen.js';

const PASSWORD = 'correct-horse-battery';
const MANAGER = 'manager@list.e2e.test';
const ARTIFACTS = path.resolve('test/artifacts');
const SIZES = [{ width: 1440, height: 900 }, { width: 390, height: 844 }] as const;
let orgId = 0;

const suite = browserSuite('e2e_admin_list', async () => {
  const org = await Organization.create({ name: 'List Lab', slug: 'list-lab' } as never);
  orgId = org.id;
  const manager = await User.create({ email: MANAGER, hashed_password: await hashPassword(PASSWORD), first_name: 'Mo', last_name: 'Manager', organization_id: org.id } as never);
  await UserRole.create({ user_id: manager.id, role: 'manager' });
  await SiteKey.create({
    name: 'Main site', key: newPublishableKey(), organization_id: org.id, consent_text: 'I agree to be called.',
    allowed_origins: ['https://a.example', 'https://b.example', 'https://c.example', 'https://d.example'],
  } as never);
  await Lead.bulkCreate([
    { first_name: 'José', last_name: 'Núñez', email: 'jose@list.e2e.test', phone: '+13125550100', status: 'contacted', organization_id: org.id },
    ...Array.from({ length: 29 }, (_, i) => ({
      first_name: `Lead${i}`, last_name: 'Person', email: `lead${i}@list.e2e.test`, phone: `+1312555${String(1000 + i)}`, organization_id: org.id,
    })),
  ] as never[]);
});

beforeEach(() => signIn(suite.isolated.context, suite.app.baseURL, MANAGER, PASSWORD));

const page = () => suite.page;
const rows = () => page().locator('.lh-table-scroll tbody tr');
/** Ticks a row as a person does: a click on the box they see (the real input is hidden under it). */
const tick = (n: number) => rows().nth(n).locator('.adminjs_Checkbox').click();
const selectionCount = () => page().getByTestId('selection-count').innerText();
const shot = async (name: string) => {
  await mkdir(ARTIFACTS, { recursive: true });
  const { width } = page().viewportSize()!;
  await page().screenshot({ path: path.join(ARTIFACTS, `list-${name}-${width}.png`) });
};
async function openList(query = ''): Promise<void> {
  await page().goto(`/admin/resources/leads${query}`);
  await rows().first().waitFor();
}

describe.each(SIZES)('the leads list at $width×$height', (size) => {
  beforeEach(() => page().setViewportSize(size));

  it('shows the search box and the page size, and every column and the row menu can be reached', async () => {
    await openList();
    expect(await seenByPerson(page().getByRole('searchbox'))).toEqual(SEEN);
    expect(await seenByPerson(page().getByRole('group', { name: 'Rows per page' }))).toEqual(SEEN);
    const headers = page().locator('.lh-table-scroll thead :is(th, td)');
    const labels = (await headers.allTextContents()).map((t) => t.trim()).filter(Boolean);
    expect(labels).toEqual(expect.arrayContaining(['Name', 'Phone', 'Status', 'Priority', 'Score', 'Product', 'Source', 'Campaign', 'Created']));
    for (let i = 0; i < await headers.count(); i += 1) expect(await seenByPerson(headers.nth(i))).toEqual(SEEN);
    const menu = rows().first().locator('td').last().locator('button, a').first();
    expect(await seenByPerson(menu)).toEqual(SEEN);
    // On a laptop the whole table fits: no column needs a sideways scroll.
    if (size.width >= 1440) expect(await withinViewportWidth(page(), menu)).toBe(true);
    await shot('leads');
  }, SLOW);

  it('keeps ticks across pages, and shows the bulk actions in view and clickable', async () => {
    await openList();
    const headerBox = page().locator('.lh-table-scroll thead input[type=checkbox]');
    await tick(0);
    await tick(1);
    expect(await headerBox.isChecked()).toBe(false); // two rows of ten are not the whole page
    await page().getByRole('button', { name: '2', exact: true }).click(); // the pagination's page 2
    await page().waitForURL(/page=2/);
    await rows().first().waitFor();
    await tick(0);
    expect(await selectionCount()).toBe('3 leads selected (2 on other pages).');
    for (const name of ['Change status', 'Change priority']) {
      expect(await seenByPerson(page().getByTestId('selection-bar').getByRole('button', { name }))).toEqual(SEEN);
    }
    await shot('selected');
    await page().getByTestId('selection-bar').getByRole('button', { name: 'Change priority' }).click();
    await page().locator('#bulk-change-value').selectOption('high');
    await page().getByRole('button', { name: 'Change 3 leads' }).click();
    await page().getByText('3 leads set to High.').waitFor();
    expect(await Lead.count({ where: { organization_id: orgId, priority: 'high' } })).toBe(3);
    await Lead.update({ priority: 'medium' }, { where: { organization_id: orgId } });
  }, SLOW);
});

describe('other lists', () => {
  it('name the values of an array column (a site key\'s origins) instead of "Length: 4"', async () => {
    await page().setViewportSize(SIZES[0]);
    await page().goto('/admin/resources/site_keys');
    const cell = page().getByText('https://a.example, https://b.example and 2 more');
    expect(await seenByPerson(cell)).toEqual(SEEN);
    expect(await page().getByText('Length: 4').count()).toBe(0);
    await shot('site-keys');
  }, SLOW);
});

describe('working a filtered list', () => {
  beforeEach(() => page().setViewportSize(SIZES[0]));

  it('remembers the page size chosen, across visits', async () => {
    await openList();
    await page().getByRole('group', { name: 'Rows per page' }).getByRole('button', { name: '25' }).click();
    await page().waitForFunction(() => document.querySelectorAll('.lh-table-scroll tbody tr').length === 25);
    await openList();
    await page().waitForFunction(() => document.querySelectorAll('.lh-table-scroll tbody tr').length === 25);
    expect(await page().getByRole('button', { name: '25' }).getAttribute('aria-pressed')).toBe('true');
    await page().getByRole('button', { name: '10', exact: true }).click();
    await page().waitForFunction(() => document.querySelectorAll('.lh-table-scroll tbody tr').length === 10);
  }, SLOW);

  it('searches from the box on the list, ignoring accents', async () => {
    await openList();
    await page().getByRole('searchbox').fill('nunez');
    await page().waitForURL(/filters\.search=nunez/);
    await page().waitForFunction(() => document.querySelectorAll('.lh-table-scroll tbody tr').length === 1);
    expect(await rows().first().innerText()).toContain('José Núñez');
    await shot('search');
  }, SLOW);

  it('selects all leads matching the filter, confirms the count, changes them all and keeps the filter', async () => {
    await openList('?filters.status=new');
    await page().locator('.lh-table-scroll thead .adminjs_Checkbox').click();
    expect(await selectionCount()).toBe('10 leads selected.');
    expect(await page().locator('.lh-table-scroll thead input[type=checkbox]').isChecked()).toBe(true);
    const all = page().getByTestId('select-all-matching');
    expect(await all.innerText()).toBe('Select all 29 leads matching this filter');
    await all.click();
    expect(await selectionCount()).toBe('All 29 leads matching this filter are selected.');
    for (const id of ['bulk-changeStatus', 'bulk-changePriority']) expect(await seenByPerson(page().getByTestId(id))).toEqual(SEEN);
    expect(await page().getByTestId('bulk-bulkDelete').count()).toBe(0); // deleting is for a selection made row by row
    await page().getByTestId('bulk-changeStatus').click();
    expect(await page().getByTestId('matching-count').innerText()).toBe('This filter matches 29 leads right now.');
    await page().locator('#matching-change-value').selectOption('nurturing');
    await shot('all-matching');
    expect(await Lead.count({ where: { organization_id: orgId, status: 'nurturing' } })).toBe(0); // nothing before confirming
    await page().getByTestId('matching-apply').click();
    await page().getByText('29 leads set to Nurturing.').waitFor();
    expect(await Lead.count({ where: { organization_id: orgId, status: 'nurturing' } })).toBe(29);
    expect(await Lead.count({ where: { organization_id: orgId, status: 'contacted' } })).toBe(1);
    expect(new URL(page().url()).searchParams.get('filters.status')).toBe('new');
  }, SLOW);

  it('comes back to the filtered list after a change to ticked leads', async () => {
    await openList('?filters.status=contacted');
    await tick(0);
    await page().getByTestId('bulk-changePriority').click();
    await page().locator('#bulk-change-value').selectOption('low');
    await page().getByRole('button', { name: 'Change 1 lead' }).click();
    await page().getByText('1 lead set to Low.').waitFor();
    await page().waitForURL((url) => url.pathname === '/admin/resources/leads' && url.searchParams.get('filters.status') === 'contacted');
    await rows().first().waitFor();
    expect(await rows().count()).toBe(1);
    expect(await Lead.count({ where: { organization_id: orgId, priority: 'low' } })).toBe(1);
  }, SLOW);

  it('closes the filter drawer after Apply', async () => {
    await openList();
    await page().getByText('Filter', { exact: true }).click();
    const apply = page().getByRole('button', { name: 'Apply filters' });
    await apply.waitFor();
    await page().locator('[data-testid="property-filter-status"] input').first().fill('Contacted');
    await page().keyboard.press('Enter');
    await apply.click();
    await page().waitForURL(/filters\.status=contacted/);
    await page().waitForFunction(() => document.querySelectorAll('.lh-table-scroll tbody tr').length === 1);
    expect((await seenByPerson(apply)).seen).toBe(false);
  }, SLOW);
});
