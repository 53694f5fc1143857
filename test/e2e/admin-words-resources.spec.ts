import type { Model, ModelStatic } from 'sequelize';
import { ApiKey, Campaign, Consent, InsuranceProduct, LeadSource, LeadSubmission, Organization, SiteKey, User } from '../../models/index.js';
import { ACCESS_POLICY } from '../../server/admin/access/access-policy.js';
import { RESOURCE_NOUNS } from '../../server/admin/resource-words.js';
import { SLOW, browserSuite, signIn } from '../support/browser.js';
import { developerWords } from '../support/developer-words.js';
import { SIZES, SUPERUSER, SUPERUSER_PASSWORD, go, screenWords, seedEveryResource, shoot, waitForHeading, type ScreenWords } from '../support/visible-words.js';

/**
 * Every other resource's screens in a person's words, as a superuser sees
 * them at a laptop and a phone size: the list, a row's page (headed by its
 * own name), its edit form and the new form where the policy allows them,
 * and the list filtered to nothing. The list and a row's page at 1440 are
 * saved to test/artifacts/words-<resource>-*.png (the leads have their own spec).
 */
const suite = browserSuite('e2e_words_resources', seedEveryResource);
beforeEach(() => signIn(suite.isolated.context, suite.app.baseURL, SUPERUSER, SUPERUSER_PASSWORD));

type Row = Model & { id: number | string; get(key: string): unknown };
/** Each resource's table, the text filter that matches nothing, and the heading a row's page must have. */
const RESOURCES: { id: keyof typeof RESOURCE_NOUNS; model: ModelStatic<Model>; filter: string; title(row: Row): string }[] = [
  { id: 'campaigns', model: Campaign, filter: 'name', title: (r) => String(r.get('name')) },
  { id: 'lead_sources', model: LeadSource, filter: 'name', title: (r) => String(r.get('name')) },
  { id: 'insurance_products', model: InsuranceProduct, filter: 'name', title: (r) => String(r.get('name')) },
  { id: 'organizations', model: Organization, filter: 'name', title: (r) => String(r.get('name')) },
  { id: 'users', model: User, filter: 'email', title: (r) => String(r.get('email')) },
  { id: 'site_keys', model: SiteKey, filter: 'name', title: (r) => String(r.get('name')) },
  { id: 'api_keys', model: ApiKey, filter: 'name', title: (r) => String(r.get('name')) },
  { id: 'lead_submissions', model: LeadSubmission, filter: 'reference', title: (r) => String(r.get('reference')) },
  { id: 'consents', model: Consent, filter: 'consent_version', title: (r) => `Consent #${r.id}` },
];

function expectPersonWords(screen: string, words: ScreenWords): void {
  const all = [...words.headings, ...words.breadcrumbs, ...words.notices, ...words.empty];
  expect({ screen, problems: all.flatMap((text) => developerWords(text, { onScreen: true }).map((w) => `"${text}": ${w}`)) }).toEqual({ screen, problems: [] });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe("every resource's screens in a person's words", () => {
  it.each(RESOURCES.map((r) => [r.id, r] as const))('%s: list, a row, edit, new and an empty list at both sizes', async (_id, resource) => {
    const { page } = suite;
    const { plural, singular } = RESOURCE_NOUNS[resource.id];
    const policy = ACCESS_POLICY[resource.id]!;
    const row = (await resource.model.findOne({ order: [['id', 'ASC']] })) as Row | null;
    expect(row).not.toBeNull();
    const base = `/admin/resources/${resource.id}`;
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const wide = size.width === 1440;
      await go(page, base);
      let words = await waitForHeading(page, new RegExp(`^${escape(plural)}\\s*\\d+$`));
      expect(words.breadcrumbs).toEqual(['Dashboard', plural]);
      expectPersonWords(`${resource.id} list`, words);
      if (wide) await shoot(page, `${resource.id}-list`);

      const title = resource.title(row!);
      await go(page, `${base}/records/${row!.id}/show`);
      words = await waitForHeading(page, title);
      expect(words.breadcrumbs).toEqual(['Dashboard', plural, title]);
      expectPersonWords(`${resource.id} show`, words);
      if (wide) await shoot(page, `${resource.id}-show`);

      if (policy.edit.includes('superuser')) {
        await go(page, `${base}/records/${row!.id}/edit`);
        words = await waitForHeading(page, `Edit ${singular}`);
        expectPersonWords(`${resource.id} edit`, words);
      }
      if (policy.create.includes('superuser')) {
        await go(page, `${base}/actions/new`);
        words = await waitForHeading(page, `New ${singular}`);
        expectPersonWords(`${resource.id} new`, words);
      }

      await go(page, `${base}?filters.${resource.filter}=nothing-matches-this`);
      await page.getByTestId('no-records').waitFor();
      words = await screenWords(page);
      expect(words.empty.join(' ')).toContain(`No ${plural.replace(/^[A-Z](?![A-Z])/, (c) => c.toLowerCase())} match these filters.`);
      expectPersonWords(`${resource.id} empty list`, words);
    }
  }, SLOW * 2);

  it.each(SIZES)('an empty resource says "No API keys yet" and offers to add the first one at $width×$height', async (size) => {
    const { page } = suite;
    await page.setViewportSize(size);
    await ApiKey.destroy({ where: {} });
    await go(page, '/admin/resources/api_keys');
    await page.getByTestId('no-records').waitFor();
    const words = await waitForHeading(page, 'No API keys yet');
    expect(words.empty.join(' ')).toBe('No API keys yet When one is added, it appears here. Add the first API key');
    expectPersonWords('api_keys empty resource', words);
    const add = page.getByRole('link', { name: 'Add the first API key' }).or(page.getByRole('button', { name: 'Add the first API key' }));
    const box = (await add.boundingBox())!;
    const topmost = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('a, button')?.textContent ?? '', [box.x + box.width / 2, box.y + box.height / 2]);
    expect(topmost).toBe('Add the first API key');
    expect(box.x + box.width).toBeLessThanOrEqual(size.width);
    await shoot(page, 'api_keys-empty');
  }, SLOW);
});
