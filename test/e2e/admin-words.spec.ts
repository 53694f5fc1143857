import { Lead } from '../../models/index.js';
import { SLOW, browserSuite, signIn } from '../support/browser.js';
import { developerWords } from '../support/developer-words.js';
import { SIZES, SUPERUSER, SUPERUSER_PASSWORD, go, screenWords, seedEveryResource, shoot, waitForHeading, type ScreenWords } from '../support/visible-words.js';

/**
 * The leads' screens in a person's words, as a superuser sees them at a
 * laptop and a phone size: headings, breadcrumbs, drawers, notices and the
 * empty list never read List, Show, Edit, Create new, record, resource, a
 * camelCase action name or a `{{placeholder}}`. Each screen is saved to
 * test/artifacts/words-leads-*.png.
 */
const suite = browserSuite('e2e_words_leads', seedEveryResource);
beforeEach(() => signIn(suite.isolated.context, suite.app.baseURL, SUPERUSER, SUPERUSER_PASSWORD));

/** Every word on the screen, checked at once so a failure lists them all. */
function expectPersonWords(screen: string, words: ScreenWords): void {
  const all = [...words.headings, ...words.breadcrumbs, ...words.notices, ...words.empty];
  expect({ screen, problems: all.flatMap((text) => developerWords(text, { onScreen: true }).map((w) => `"${text}": ${w}`)) }).toEqual({ screen, problems: [] });
}

const leads = () => Lead.findAll({ order: [['id', 'ASC']], limit: 3 });
const fullName = (lead: Lead) => `${lead.first_name} ${lead.last_name}`;

describe("the leads' screens in a person's words", () => {
  it.each(SIZES)('list, a lead, its edit form, the new form and an empty list at $width×$height', async (size) => {
    const { page } = suite;
    await page.setViewportSize(size);
    const [lead] = await leads();
    await go(page, '/admin/resources/leads');
    let words = await waitForHeading(page, /^Leads\s*\d+$/);
    expect(words.breadcrumbs).toEqual(['Dashboard', 'Leads']);
    expectPersonWords('list', words);
    await shoot(page, 'leads-list');

    await go(page, `/admin/resources/leads/records/${lead!.id}/show`);
    words = await waitForHeading(page, fullName(lead!));
    expect(words.breadcrumbs).toEqual(['Dashboard', 'Leads', fullName(lead!)]);
    expectPersonWords('show', words);
    await shoot(page, 'leads-show');

    await go(page, `/admin/resources/leads/records/${lead!.id}/edit`);
    words = await waitForHeading(page, 'Edit lead');
    expect(words.breadcrumbs).toEqual(['Dashboard', 'Leads', fullName(lead!), 'Edit lead']);
    expectPersonWords('edit', words);
    await shoot(page, 'leads-edit');

    await go(page, '/admin/resources/leads/actions/new');
    words = await waitForHeading(page, 'New lead');
    expect(words.breadcrumbs).toEqual(['Dashboard', 'Leads', 'New lead']);
    expectPersonWords('new', words);
    await shoot(page, 'leads-new');

    await go(page, '/admin/resources/leads?filters.search=nobody-by-this-name');
    words = await waitForHeading(page, /^Leads\s*0$/);
    await page.getByTestId('no-records').waitFor();
    words = await screenWords(page);
    expect(words.empty.join(' ')).toContain('No leads match these filters.');
    expectPersonWords('empty list', words);
    await shoot(page, 'leads-empty');
  }, SLOW);

  it.each(SIZES)('the drawers (change status, change priority, export, delete) at $width×$height', async (size) => {
    const { page } = suite;
    await page.setViewportSize(size);
    const ids = (await leads()).map((l) => l.id).join(',');
    await go(page, '/admin/resources/leads');
    await waitForHeading(page, /^Leads/);
    const drawers: [string, string, string][] = [
      [`bulk/changeStatus?recordIds=${ids}`, 'Change status', 'change-status'],
      [`bulk/changePriority?recordIds=${ids}`, 'Change priority', 'change-priority'],
      ['actions/exportCsv', 'Export leads to CSV', 'export-csv'],
      [`bulk/bulkDelete?recordIds=${ids}`, 'Delete 3 leads?', 'bulk-delete'],
    ];
    for (const [path, title, name] of drawers) {
      // From the list, as a person opens each: AdminJS does not follow one drawer's URL straight to another's.
      await go(page, '/admin/resources/leads');
      await waitForHeading(page, /^Leads/);
      await go(page, `/admin/resources/leads/${path}`);
      const words = await waitForHeading(page, title);
      expectPersonWords(name, words);
      await shoot(page, `leads-drawer-${name}`);
    }
    await page.getByText('These 3 leads will be deleted for good:').waitFor();
    await page.getByRole('button', { name: 'Delete 3 leads' }).waitFor();
  }, SLOW);

  it.each(SIZES)('the notices after a save and after a delete at $width×$height', async (size) => {
    const { page } = suite;
    await page.setViewportSize(size);
    const lead = (await Lead.findOne({ order: [['id', 'DESC']] }))!;
    await go(page, `/admin/resources/leads/records/${lead.id}/edit`);
    await waitForHeading(page, 'Edit lead');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('notice-wrapper').getByText('Lead saved.').waitFor();
    // AdminJS shows the list's count as 0 until the list has loaded: wait for the real one.
    expectPersonWords('after save', await waitForHeading(page, /^Leads\s*[1-9]\d*$/));
    await shoot(page, 'leads-notice-saved');

    await go(page, `/admin/resources/leads/records/${lead.id}/show`);
    await waitForHeading(page, fullName(lead));
    expect(await page.getByTestId('action-delete').innerText()).toBe('Delete lead');
    await page.getByTestId('action-delete').click();
    const confirm = page.getByText('Delete this lead for good? This cannot be undone.');
    await confirm.waitFor();
    expectPersonWords('delete confirmation', await screenWords(page));
    await shoot(page, 'leads-confirm-delete');
    await page.getByRole('button', { name: 'Yes, go ahead' }).click();
    await page.getByTestId('notice-wrapper').getByText('Lead deleted.').waitFor();
    expectPersonWords('after delete', await screenWords(page));
    await shoot(page, 'leads-notice-deleted');
    expect(await Lead.findByPk(lead.id)).toBeNull();
  }, SLOW);
});
