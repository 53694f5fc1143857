import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { Lead, LeadTag, Note, Organization, Tag, User } from '../../models/index.js';
import { hashPassword } from '../../server/auth/password.js';
import { SLOW, browserSuite, signIn } from '../support/browser.js';
import { SEEN, seenByPerson } from '../support/seen.js';

const PASSWORD = 'correct-horse-battery';
const AGENT = 'agent@tags.e2e.test';
const ARTIFACTS = path.resolve('test/artifacts');
/** Each size tags its own two leads with its own tag, so the two runs do not see each other's work. */
const SIZES = [
  { width: 1440, height: 900, tag: 'VIP', rows: [0, 1] },
  { width: 390, height: 844, tag: 'Renewal due', rows: [2, 3] },
] as const;
const HOSTILE = '<img src=x onerror=alert(1)>';
const NOTE = `Asked about bundling home and auto.\n${HOSTILE}\n<script>window.__xss=1</script>`;
const ids = { org: 0, otherTag: 0 };

const suite = browserSuite('e2e_admin_tags', async () => {
  const org = await Organization.create({ name: 'Tag Lab', slug: 'tag-lab' } as never);
  const other = await Organization.create({ name: 'Elsewhere', slug: 'elsewhere' } as never);
  ids.org = org.id;
  // An agent: tagging and notes are for everyone who works leads, not only managers.
  await User.create({ email: AGENT, hashed_password: await hashPassword(PASSWORD), first_name: 'Ava', last_name: 'Agent', organization_id: org.id } as never);
  await Tag.bulkCreate([
    { organization_id: org.id, name: 'VIP', slug: 'vip', colour: 'purple' },
    { organization_id: org.id, name: 'Renewal due', slug: 'renewal-due', colour: 'teal' },
  ]);
  ids.otherTag = (await Tag.create({ organization_id: other.id, name: 'Their secret tag', slug: 'secret', colour: 'red' })).id;
  await Lead.bulkCreate(Array.from({ length: 8 }, (_, i) => ({
    first_name: ['Ann', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana'][i], last_name: 'Tagger', email: `lead${i}@tags.e2e.test`, organization_id: org.id,
  })) as never[]);
});

beforeEach(() => signIn(suite.isolated.context, suite.app.baseURL, AGENT, PASSWORD));

const page = () => suite.page;
const rows = () => page().locator('.lh-table-scroll tbody tr');
const tick = (n: number) => rows().nth(n).locator('.adminjs_Checkbox').click();
const shot = async (name: string) => {
  await mkdir(ARTIFACTS, { recursive: true });
  await page().waitForTimeout(300);
  await page().screenshot({ path: path.join(ARTIFACTS, `tags-${name}-${page().viewportSize()!.width}.png`) });
};

/** Records dialogs, so an alert() that ran fails the test. */
function dialogs(p: Page): string[] {
  const seen: string[] = [];
  p.on('dialog', (d) => { seen.push(d.message()); void d.dismiss(); });
  return seen;
}

describe.each(SIZES)('tags and notes at $width×$height', (size) => {
  beforeEach(() => page().setViewportSize({ width: size.width, height: size.height }));

  it('tags two leads with the bulk action, then filters the list by that tag', async () => {
    const tag = (await Tag.findOne({ where: { organization_id: ids.org, name: size.tag } }))!;
    await page().goto('/admin/resources/leads');
    await rows().first().waitFor();
    const names = [];
    for (const n of size.rows) {
      names.push((await rows().nth(n).innerText()).split('\n')[0]!.trim());
      await tick(n);
    }
    const button = page().getByTestId('selection-bar').getByRole('button', { name: 'Add tag' });
    expect(await seenByPerson(button)).toEqual(SEEN);
    await button.click();
    const picker = page().locator('#bulk-tag-value');
    await picker.locator('option', { hasText: size.tag }).waitFor({ state: 'attached' });
    // The organization's own tags only.
    expect((await picker.locator('option').allTextContents()).sort()).toEqual(['Renewal due', 'VIP']);
    await picker.selectOption({ label: size.tag });
    await shot('bulk-add');
    await page().getByRole('button', { name: 'Tag 2 leads' }).click();
    await page().getByText(`Tagged 2 leads "${size.tag}".`).waitFor();
    expect(await LeadTag.count({ where: { tag_id: tag.id } })).toBe(2);

    await page().goto(`/admin/resources/leads?filters.tags=${tag.id}`);
    await page().waitForFunction(() => document.querySelectorAll('.lh-table-scroll tbody tr').length === 2);
    const shown = (await rows().allInnerTexts()).map((t) => t.split('\n')[0]!.trim());
    expect(shown.sort()).toEqual(names.sort());
    await shot('filtered');

    // The lead's page names its tags.
    const tagged = (await LeadTag.findOne({ where: { tag_id: tag.id } }))!;
    await page().goto(`/admin/resources/leads/records/${tagged.lead_id}/show`);
    await page().getByTestId('lead-tags').getByText(size.tag, { exact: true }).waitFor();
    await shot('lead-page');

    // Another organization's tag in the URL shows no lead, and says why.
    await page().goto(`/admin/resources/leads?filters.tags=${ids.otherTag}`);
    await page().getByText('Choose tags of your organization', { exact: false }).first().waitFor();
    expect(await rows().count()).toBe(0);
    await shot('foreign-tag');
  }, SLOW);

  it('adds a note whose body holds markup, and shows it as text that never runs', async () => {
    const seen = dialogs(page());
    const lead = (await Lead.findOne({ where: { organization_id: ids.org, first_name: size.width > 1000 ? 'Gus' : 'Hana' } }))!;
    await page().goto('/admin/resources/notes/actions/new');
    const leadField = page().getByTestId('property-edit-lead_id');
    await leadField.locator('input[id^=react-select]').click();
    await leadField.locator('input[id^=react-select]').fill(lead.first_name!);
    await page().getByText(`${lead.first_name} Tagger`, { exact: true }).last().click();
    await page().getByTestId('property-edit-body').locator('textarea').fill(`${NOTE} ${size.width}`);
    await page().getByTestId('button-save').click();
    await page().getByText('Note added.').first().waitFor();
    const note = (await Note.findOne({ where: { lead_id: lead.id } }))!;
    expect(note.body).toBe(`${NOTE} ${size.width}`);
    await page().goto(`/admin/resources/notes/records/${note.id}/show`);
    await page().getByText(HOSTILE).first().waitFor(); // one line of the note's text, between <br>s
    const state = await page().evaluate(() => ({
      xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
      injected: document.querySelectorAll('img[src=x], img[onerror]').length,
    }));
    expect({ ...state, dialogs: seen }).toEqual({ xss: null, injected: 0, dialogs: [] });
    await shot('note');
    await page().goto('/admin/resources/notes');
    await rows().first().waitFor();
    expect(await page().evaluate(() => document.querySelectorAll('img[src=x], img[onerror]').length)).toBe(0);
    expect(seen).toEqual([]);
    await shot('notes-list');
  }, SLOW);
});

describe('the filter drawer', () => {
  it('offers the organization\'s tags and any of / all of, and applies them as filters.tags and filters.tags_match', async () => {
    await page().setViewportSize({ width: 1440, height: 900 });
    const vip = (await Tag.findOne({ where: { organization_id: ids.org, slug: 'vip' } }))!;
    await page().goto('/admin/resources/leads');
    await rows().first().waitFor();
    await page().getByText('Filter', { exact: true }).click();
    const apply = page().getByRole('button', { name: 'Apply filters' });
    await apply.waitFor();
    const tags = page().locator('[data-testid="property-filter-tags"] input').first();
    await tags.click();
    await tags.fill('Their');
    await page().waitForTimeout(800);
    expect(await page().getByText('Their secret tag').count()).toBe(0); // another organization's tag is never offered
    await tags.fill('VI');
    await page().getByText('VIP', { exact: true }).last().click();
    await page().locator('[data-testid="property-filter-tags_match"] input').first().fill('All of');
    await page().keyboard.press('Enter');
    await shot('filter-drawer');
    await apply.click();
    await page().waitForURL((url) => url.searchParams.get('filters.tags') === String(vip.id) && url.searchParams.get('filters.tags_match') === 'all');
    await page().waitForFunction(() => document.querySelectorAll('.lh-table-scroll tbody tr').length === 2);
    await shot('filtered-from-drawer');
  }, SLOW);
});
