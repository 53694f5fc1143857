import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ApiKey, Lead, Organization, User, UserRole } from '../../models/index.js';
import { hashPassword } from '../../server/auth/password.js';
import { newSecretKey } from '../../server/auth/keys.js';
import { SLOW, browserSuite, newIsolatedContext, signIn } from '../support/browser.js';
import { CONSENT_TEXT } from '../support/intake-fixture.js';

/**
 * Dates and times as staff of an organization in Los Angeles see them,
 * whatever zone their computer is set to (Honolulu here): in Pacific time,
 * labelled; a date of birth as the calendar day it is; a submission's form
 * as labelled rows with its start time as a date. Screenshots go to test/artifacts.
 */
const PASSWORD = 'correct-horse-battery';
const STAFF = 'paula@dates.e2e.test';
const ARTIFACTS = path.resolve('test/artifacts');
const VIEWPORTS = { '1440x900': { width: 1440, height: 900 }, '390x844': { width: 390, height: 844 } } as const;
/** 03:30 UTC on July 4th is 8:30 PM on July 3rd in Los Angeles (PDT), and 5:30 PM in Honolulu. */
const CREATED_AT = new Date('2026-07-04T03:30:00Z');
const CREATED_LOCAL = 'Jul 3, 2026, 8:30 PM PDT';
/** The visitor opened the form at 16:05 UTC on Nov 20th: 8:05 AM in Los Angeles (PST). */
const FORM_STARTED = Date.parse('2026-11-20T16:05:00Z');
const FORM_STARTED_LOCAL = 'Nov 20, 2026, 8:05 AM PST';
const secret = newSecretKey();
let leadId = 0;

const suite = browserSuite('e2e_admin_dates', async () => {
  const org = await Organization.create({ name: 'Pacific Cover', slug: 'pacific-cover', timezone: 'America/Los_Angeles' } as never);
  const staff = await User.create({ email: STAFF, hashed_password: await hashPassword(PASSWORD), first_name: 'Paula', last_name: 'Staff', organization_id: org.id } as never);
  await UserRole.create({ user_id: staff.id, role: 'admin' } as never);
  await ApiKey.create({ name: 'Website', key_hash: secret.hash, prefix: secret.prefix, organization_id: org.id } as never);
  leadId = (await Lead.create({
    first_name: 'Tess', last_name: 'Pacific', email: 'tess@pacific.test', organization_id: org.id, created_at: CREATED_AT, date_of_birth: '1980-05-17',
  } as never)).id;
});

async function submit(): Promise<string> {
  const res = await fetch(`${suite.app.baseURL}/api/v1/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret.secret}` },
    body: JSON.stringify({
      first_name: 'Rosa', last_name: 'Diaz', email: 'rosa.diaz@example.com', phone: '(206) 555-0142', zip_code: '98101', state: 'WA',
      form_started_at: FORM_STARTED, utm_source: 'google', utm_medium: 'cpc', consent: { granted: true, text: CONSENT_TEXT, version: 'v1' },
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { reference: string }).reference;
}

/** The element is inside the viewport and is what a person sees at its centre. */
async function visible(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    el.scrollIntoView({ block: 'center', inline: 'center' });
    const box = el.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return box.width > 0 && box.left >= 0 && box.right <= window.innerWidth + 1 && box.top >= 0 && box.bottom <= window.innerHeight + 1
      && hit !== null && (el === hit || el.contains(hit));
  });
}

async function atBothSizes(page: Page, name: string, check: (size: string) => Promise<void>): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await check(size);
    await page.screenshot({ path: path.join(ARTIFACTS, `dates-${name}-${size}.png`), fullPage: true });
  }
}

describe('dates and times in the organization\'s time zone', () => {
  it('a lead created at a known UTC time shows at its Los Angeles time, labelled, in the list and on its page; its date of birth does not move', async () => {
    // The computer's own zone is Honolulu: nothing may be shown in it.
    const isolated = await newIsolatedContext(suite.browser, suite.app.baseURL, { timezoneId: 'Pacific/Honolulu' });
    try {
      await signIn(isolated.context, suite.app.baseURL, STAFF, PASSWORD);
      const page = await isolated.context.newPage();
      await page.goto('/admin/resources/leads');
      await atBothSizes(page, 'lead-list', async (size) => {
        const row = page.locator('tr', { hasText: 'tess@pacific.test' });
        const created = row.getByTestId('datetime-created_at');
        expect(await created.textContent()).toBe(CREATED_LOCAL);
        // On a phone AdminJS's list keeps only its first columns; the time is on the lead's page (below).
        if (size === '1440x900') expect([size, await visible(created)]).toEqual([size, true]);
      });
      await page.goto(`/admin/resources/leads/records/${leadId}/show`);
      await atBothSizes(page, 'lead-page', async (size) => {
        const created = page.getByTestId('datetime-created_at');
        expect(await created.innerText()).toBe(CREATED_LOCAL);
        expect([size, await visible(created)]).toEqual([size, true]);
        const born = page.getByTestId('datetime-date_of_birth');
        expect(await born.innerText()).toBe('May 17, 1980');
        expect([size, await visible(born)]).toEqual([size, true]);
      });
      expect(isolated.pageErrors).toEqual([]);
      expect(isolated.blocked).toEqual([]);
    } finally {
      await isolated.context.close();
    }
  }, SLOW);

  it('a submission reads as a form: labelled rows, "Form started" as a date in the zone, no JSON and no epoch number', async () => {
    const reference = await submit();
    await signIn(suite.isolated.context, suite.app.baseURL, STAFF, PASSWORD);
    const { page } = suite;
    await page.goto(`/admin/resources/lead_submissions?filters.reference=${reference}`);
    await page.locator('tr', { hasText: reference }).first().click();
    const payload = page.getByTestId('data-payload');
    await payload.waitFor();
    await atBothSizes(page, 'submission', async (size) => {
      const text = await payload.innerText();
      expect(text).toMatch(/First name\s+Rosa/);
      expect(text).toMatch(/ZIP code\s+98101/);
      expect(text).toMatch(new RegExp(`Form started\\s+${FORM_STARTED_LOCAL}`));
      expect(text).toMatch(/Consented\s+Yes/);
      const page_ = await page.locator('section, main, body').first().innerText();
      expect(page_).not.toContain('{');
      expect(page_).not.toContain(String(FORM_STARTED));
      expect(page_).toMatch(/Campaign source \(utm_source\)\s+google/);
      expect(page_).toMatch(/Total score\s+\d+/);
      await page.getByTestId('data-score_breakdown').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS, `dates-submission-top-${size}.png`) });
      const started = payload.locator('dt', { hasText: 'Form started' });
      expect([size, await visible(started)]).toEqual([size, true]);
    });
    // The raw JSON stays one click away for those who want it.
    await payload.getByText('Show raw data').click();
    expect(await payload.innerText()).toContain('"form_started_at"');
  }, SLOW);
});
