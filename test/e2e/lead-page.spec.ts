import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Activity, Consent, Lead, LeadSubmission, LeadTag, Organization, Tag, User, UserRole } from '../../models/index.js';
import { TIMELINE_PAGE } from '../../server/admin/resources/activity-timeline.js';
import { hashPassword } from '../../server/auth/password.js';
import { SLOW, browserSuite, signIn } from '../support/browser.js';
import { SEEN, seenByPerson, withinViewportWidth } from '../support/seen.js';
import { pdfFile } from '../support/document-files.js';

const PASSWORD = 'correct-horse-battery';
const AGENT = 'agent@lead-page.e2e.test';
const ARTIFACTS = path.resolve('test/artifacts');
const SIZES = [{ width: 1440, height: 900 }, { width: 390, height: 844 }] as const;
const ids = { consented: 0, silent: 0, busy: 0 };

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
  await Tag.create({ organization_id: org.id, name: 'Spanish speaker', slug: 'spanish-speaker', colour: 'teal' } as never);
  const silent = await Lead.create({ first_name: 'Omar', last_name: 'Quiet', email: 'omar@lead-page.e2e.test', organization_id: org.id } as never);
  const busy = await Lead.create({ first_name: 'Bea', last_name: 'Busy', email: 'bea@lead-page.e2e.test', organization_id: org.id } as never);
  await Activity.bulkCreate(Array.from({ length: TIMELINE_PAGE + 10 }, (_, i) => ({
    lead_id: busy.id, organization_id: org.id, type: 'email', direction: 'outbound', summary: `Email ${i}`, occurred_at: new Date(Date.UTC(2026, 10, 1) + i * 60_000),
  })) as never[]);
  Object.assign(ids, { consented: consented.id, silent: silent.id, busy: busy.id });
}, { DOCUMENTS_DIR: await mkdtemp(path.join(os.tmpdir(), 'lh-lead-page-docs-')) });

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

  it('pressing Call fills in the log form; the call logged shows at once on the timeline and as the last contact', async () => {
    await page().goto(`/admin/resources/leads/records/${ids.consented}/show`);
    const call = page().getByTestId('lead-call');
    await call.waitFor();
    // A tel: link has nowhere to go in a headless browser: the click is what a person does, the dialler is the phone's.
    await page().getByTestId('lead-email').click({ noWaitAfter: true, modifiers: [] }).catch(() => {});
    expect(await page().locator('#log-logged_type').inputValue()).toBe('email');
    await call.click({ noWaitAfter: true }).catch(() => {});
    expect(await page().locator('#log-logged_type').inputValue()).toBe('call');
    expect(await page().locator('#log-direction').inputValue()).toBe('outbound');
    const summary = `Quoted auto at ${size.width}`;
    await page().locator('#log-summary').fill(summary);
    await page().locator('#log-outcome').selectOption('left_voicemail');
    const save = page().getByTestId('log-activity-save');
    expect(await seenByPerson(save)).toEqual(SEEN);
    await save.click();
    const entry = page().getByTestId('timeline-entry').filter({ hasText: summary });
    await entry.waitFor();
    expect(await entry.innerText()).toContain('Outbound call · Left a voicemail');
    expect(await entry.innerText()).toContain('Al Agent');
    expect(await seenByPerson(entry)).toEqual(SEEN);
    const lastContact = page().getByTestId('datetime-last_contact_date');
    await page().waitForFunction(() => document.querySelector('[data-testid="datetime-last_contact_date"]')?.textContent !== '–');
    expect(await lastContact.innerText()).toMatch(/\d{4}, \d{1,2}:\d{2} (AM|PM) E[SD]T$/);
    const logged = await Activity.findOne({ where: { lead_id: ids.consented, summary } });
    expect(logged).toMatchObject({ type: 'call', direction: 'outbound', outcome: 'left_voicemail' });
    await page().getByRole('button', { name: 'Status changes' }).click();
    await page().waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="timeline-entry"]')).every((e) => e.getAttribute('data-type') === 'status_change'));
    await page().getByTestId('lead-activity').scrollIntoViewIfNeeded();
    await page().screenshot({ path: path.join(ARTIFACTS, `lead-timeline-${size.width}.png`) });
  }, SLOW);

  it('a long timeline opens a page at a time; Show older brings the next', async () => {
    await page().goto(`/admin/resources/leads/records/${ids.busy}/show`);
    const entries = page().getByTestId('timeline-entry');
    await entries.first().waitFor();
    expect(await entries.count()).toBe(TIMELINE_PAGE);
    await page().getByTestId('timeline-older').click();
    await page().waitForFunction((n) => document.querySelectorAll('[data-testid="timeline-entry"]').length > n, TIMELINE_PAGE);
    expect(await entries.count()).toBe(TIMELINE_PAGE + 10);
    expect(await page().getByTestId('timeline-older').count()).toBe(0);
  }, SLOW);

  it('a note written on the page shows in the timeline; a pinned one above it, as text, and can be unpinned', async () => {
    await page().goto(`/admin/resources/leads/records/${ids.silent}/show`);
    const box = page().locator('#note-body');
    await box.waitFor();
    const plain = `Prefers evenings\nAsk about the boat <b>${size.width}</b>`;
    await box.fill(plain);
    await page().getByTestId('add-note-save').click();
    const inTimeline = page().getByTestId('timeline-entry').filter({ hasText: `<b>${size.width}</b>` });
    await inTimeline.waitFor();
    expect(await inTimeline.innerText()).toContain(`Ask about the boat <b>${size.width}</b>`); // shown as typed, never as markup
    await box.fill(`Do not call before 9 am (${size.width})`);
    await page().locator('label[for="note-pin"]').click();
    await page().getByTestId('add-note-save').click();
    const pinned = page().getByTestId('pinned-note').filter({ hasText: `Do not call before 9 am (${size.width})` });
    await pinned.waitFor();
    expect(await seenByPerson(pinned)).toEqual(SEEN);
    expect(await page().getByTestId('timeline-entry').filter({ hasText: `Do not call before 9 am (${size.width})` }).count()).toBe(0);
    await page().getByTestId('lead-notes').scrollIntoViewIfNeeded();
    await page().screenshot({ path: path.join(ARTIFACTS, `lead-notes-${size.width}.png`) });
    await pinned.getByTestId('unpin-note').click();
    await page().getByTestId('timeline-entry').filter({ hasText: `Do not call before 9 am (${size.width})` }).waitFor();
    expect(await page().getByTestId('pinned-note').filter({ hasText: `(${size.width})` }).count()).toBe(0);
  }, SLOW);

  it('tags the lead from its page and takes the tag off again', async () => {
    await page().goto(`/admin/resources/leads/records/${ids.silent}/show`);
    const tags = page().getByTestId('lead-tags');
    await page().getByTestId('lead-add-tag').click();
    await page().getByTestId('lead-tag-picker').selectOption({ label: 'Spanish speaker' });
    await tags.getByText('Spanish speaker').waitFor();
    expect(await seenByPerson(tags.getByText('Spanish speaker'))).toEqual(SEEN);
    expect(await LeadTag.count({ where: { lead_id: ids.silent } })).toBe(1);
    await tags.getByRole('button', { name: 'Remove the tag Spanish speaker' }).click();
    await page().waitForFunction(() => !document.querySelector('[data-testid="lead-tags"]')?.textContent?.includes('Spanish speaker'));
    expect(await LeadTag.count({ where: { lead_id: ids.silent } })).toBe(0);
  }, SLOW);

  it('uploads a document from the page; the timeline says who uploaded what, with its download', async () => {
    await page().goto(`/admin/resources/leads/records/${ids.consented}/show`);
    const name = `application-${size.width}.pdf`;
    const bytes = pdfFile(`Signed application ${size.width}`);
    await page().getByTestId('lead-documents').getByTestId('document-file').setInputFiles({ name, mimeType: 'application/pdf', buffer: bytes });
    const entry = page().getByTestId('timeline-entry').filter({ hasText: `Uploaded ${name}` });
    await entry.waitFor();
    expect(await entry.innerText()).toContain('Al Agent');
    const [download] = await Promise.all([page().waitForEvent('download'), entry.getByTestId('timeline-download').click()]);
    expect(download.suggestedFilename()).toBe(name);
    expect(Buffer.compare(await readFile((await download.path())!), bytes)).toBe(0);
    expect(await Activity.count({ where: { lead_id: ids.consented, type: 'document' } })).toBeGreaterThan(0);
  }, SLOW);
});
