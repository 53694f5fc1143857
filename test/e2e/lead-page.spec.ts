import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Consent, Lead, LeadSubmission, Organization, User, UserRole } from '../../models/index.js';
import { hashPassword } from '../../server/auth/password.js';
import { SLOW, browserSuite, signIn } from '../support/browser.js';
import { SEEN, seenByPerson, withinViewportWidth } from '../support/seen.js';

const PASSWORD = 'correct-horse-battery';
const AGENT = 'agent@lead-page.e2e.test';
const ARTIFACTS = path.resolve('test/artifacts');
const SIZES = [{ width: 1440, height: 900 }, { width: 390, height: 844 }] as const;
const ids = { consented: 0, silent: 0 };

const suite = browserSuite('e2e_lead_page', async () => {
  const org = await Organization.create({ name: 'Page Lab', slug: 'page-lab' } as never);
  const agent = await User.create({ email: AGENT, hashed_password: await hashPassword(PASSWORD), first_name: 'Al', last_name: 'Agent', organization_id: org.id } as never);
  await UserRole.create({ user_id: agent.id, role: 'agent' });
  const consented = await Lead.create({
    first_name: 'Sarah', last_name: 'Patel', email: 'sarah.patel@lead-page.e2e.test', phone: '+13125550119', status: 'contacted', priority: 'high',
    score: 82, date_of_birth: '1985-04-12', address: '1527 Ridge Rd', city: 'Chicago', state: 'IL', zip_code: '60601', estimated_value: '1462.24',
    organization_id: org.id,
  } as never);
  const submission = await LeadSubmission.create({ organization_id: org.id, lead_id: consented.id, reference: 'LH-PAGE0001', outcome: 'created', payload: {} } as never);
  await Consent.create({
    organization_id: org.id, lead_id: consented.id, submission_id: submission.id, granted: true, consent_version: 'v3', language: 'en',
    consent_text: 'You may call me.', granted_at: new Date('2026-12-03T15:30:00Z'),
  } as never);
  const silent = await Lead.create({ first_name: 'Omar', last_name: 'Quiet', email: 'omar@lead-page.e2e.test', organization_id: org.id } as never);
  Object.assign(ids, { consented: consented.id, silent: silent.id });
});

beforeEach(() => signIn(suite.isolated.context, suite.app.baseURL, AGENT, PASSWORD));
const page = () => suite.page;

describe.each(SIZES)('a lead\'s page at $width×$height', (size) => {
  beforeEach(() => page().setViewportSize(size));

  it('shows where the lead stands, the ways to reach them with their consent beside them, and the details', async () => {
    await page().goto(`/admin/resources/leads/records/${ids.consented}/show`);
    const call = page().getByTestId('lead-call');
    await call.waitFor();
    expect(await call.getAttribute('href')).toBe('tel:+13125550119');
    expect(await call.innerText()).toContain('Call (312) 555-0119');
    expect(await page().getByTestId('lead-email').getAttribute('href')).toBe('mailto:sarah.patel@lead-page.e2e.test');
    for (const element of [call, page().getByTestId('lead-email'), page().getByTestId('lead-consent')]) expect(await seenByPerson(element)).toEqual(SEEN);
    expect(await page().getByTestId('lead-consent').innerText()).toBe('Consented to calls Dec 3, 2026, 10:30 AM EST (text v3)');
    const standing = await page().getByTestId('lead-standing').innerText();
    for (const words of ['Contacted', 'High', '82 / 100']) expect(standing).toContain(words);
    const details = page().getByTestId('lead-details');
    const shown = await details.innerText();
    for (const words of ['Apr 12, 1985', '1527 Ridge Rd', 'Chicago, IL 60601', '$1,462.24']) expect(shown).toContain(words);
    expect(await withinViewportWidth(page(), details)).toBe(true);
    // The two columns on a laptop, one on a phone.
    const columns = await details.evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length);
    expect(columns).toBe(size.width >= 1440 ? 2 : 1);
    await mkdir(ARTIFACTS, { recursive: true });
    await page().screenshot({ path: path.join(ARTIFACTS, `lead-page-${size.width}.png`) });
  }, SLOW);

  it('says so when there is no consent on record, and offers no call button without a phone', async () => {
    await page().goto(`/admin/resources/leads/records/${ids.silent}/show`);
    const consent = page().getByTestId('lead-consent');
    await consent.waitFor();
    expect(await consent.innerText()).toBe('No consent to calls on record');
    expect(await page().getByTestId('lead-call').count()).toBe(0);
    expect(await seenByPerson(page().getByTestId('lead-email'))).toEqual(SEEN);
  }, SLOW);
});
