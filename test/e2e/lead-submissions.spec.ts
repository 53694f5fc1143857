import { mkdir } from 'node:fs/promises';
import { ApiKey, Campaign, InsuranceProduct, LeadSource, Organization, User, UserRole } from '../../models/index.js';
import { hashPassword } from '../../server/auth/password.js';
import { newSecretKey } from '../../server/auth/keys.js';
import { SLOW, browserSuite, signIn } from '../support/browser.js';
import { CONSENT_TEXT } from '../support/intake-fixture.js';

/**
 * A repeat inquiry for another product, as staff see it on the lead's page:
 * every submission with its outcome, the product it asked for and its source
 * and campaign, and "Also asked for …" above them. Screenshots of the page
 * at a desktop and a phone size go to SHOTS_DIR (default /tmp/shots-contract).
 */
const PASSWORD = 'correct-horse-battery';
const STAFF = 'staff@alpha.e2e.test';
const SHOTS_DIR = process.env.SHOTS_DIR ?? '/tmp/shots-contract';
const secret = newSecretKey();

const suite = browserSuite('e2e_lead_submissions', async () => {
  const org = await Organization.create({ name: 'Alpha Agency', slug: 'alpha' } as never);
  const staff = await User.create({ email: STAFF, hashed_password: await hashPassword(PASSWORD), first_name: 'Sam', last_name: 'Staff', organization_id: org.id } as never);
  await UserRole.create({ user_id: staff.id, role: 'admin' } as never);
  await InsuranceProduct.bulkCreate([
    { name: 'Auto Insurance', slug: 'auto-insurance', product_type: 'auto' },
    { name: 'Home Insurance', slug: 'home-insurance', product_type: 'home' },
  ] as never[]);
  await LeadSource.bulkCreate([{ name: 'Web', slug: 'web', source_type: 'web' }, { name: 'Google Ads', slug: 'ppc', source_type: 'ppc' }] as never[]);
  await Campaign.create({ name: 'Spring promo', slug: 'spring-promo', campaign_type: 'seasonal', organization_id: org.id } as never);
  await ApiKey.create({ name: 'Website', key_hash: secret.hash, prefix: secret.prefix, organization_id: org.id } as never);
});

async function submit(body: Record<string, unknown>): Promise<{ reference: string; lead_id: number; duplicate: boolean }> {
  const res = await fetch(`${suite.app.baseURL}/api/v1/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret.secret}` },
    body: JSON.stringify({
      first_name: 'Rosa', last_name: 'Diaz', email: 'rosa.diaz@example.com', phone: '(206) 555-0142', zip_code: '98101', state: 'WA',
      consent: { granted: true, text: CONSENT_TEXT, version: 'v1' }, ...body,
    }),
  });
  expect(res.status).toBe(201);
  return res.json() as Promise<{ reference: string; lead_id: number; duplicate: boolean }>;
}

describe("a lead's page lists its submissions", () => {
  it('shows a repeat inquiry for Home on the Auto lead, at 1440x900 and 390x844', async () => {
    const first = await submit({ product: 'auto', utm_source: 'google', utm_medium: 'cpc' });
    const repeat = await submit({ product: 'home-insurance', phone: '+1 206 555 0142', utm_campaign: 'spring-promo' });
    expect(repeat).toMatchObject({ duplicate: true, lead_id: first.lead_id });

    await signIn(suite.isolated.context, suite.app.baseURL, STAFF, PASSWORD);
    await mkdir(SHOTS_DIR, { recursive: true });
    const { page } = suite;
    for (const [width, height] of [[1440, 900], [390, 844]] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`/admin/resources/leads/records/${first.lead_id}/show`);
      const items = page.getByTestId('lead-intake-submission');
      await items.first().waitFor();
      expect(await page.getByTestId('lead-intake-also-asked').innerText()).toBe('Also asked for Home Insurance (Home)');
      const texts = await items.allInnerTexts();
      expect(texts).toHaveLength(2);
      expect(texts[0]).toContain(repeat.reference);
      expect(texts[0]).toContain('Duplicate (repeat inquiry)');
      expect(texts[0]).toContain("Product asked: Home Insurance (Home) · not the lead's product");
      expect(texts[0]).toContain('Campaign: Spring promo');
      expect(texts[1]).toContain(first.reference);
      expect(texts[1]).toContain('New lead');
      expect(texts[1]).toContain('Product asked: Auto Insurance (Auto) · Source: Google Ads');
      expect(texts[1]).toContain('Source: Google Ads');
      // Nothing of the list sticks out of a phone's width.
      const overflow = await page.getByTestId('lead-intake').evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.getByTestId('lead-intake').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS_DIR}/lead-submissions-${width}x${height}.png`, fullPage: true });
    }
  }, SLOW);
});
