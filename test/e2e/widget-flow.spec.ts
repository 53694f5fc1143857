import type { Page } from 'playwright-core';
import { MESSAGES, US_STATES, type FieldErrorCode } from '../../models/lead-rules.js';
import { validateSubmission } from '../../server/intake/intake.validate.js';
import { CONSENT_TEXT } from '../support/intake-fixture.js';
import {
  events, fillToConsent, focused, humanPace, leadsByEmail, openDemo, outbox, pointerDowns, recordLeadPosts, step, submissionsByEmail,
  submitButton, tabTo, visitor, waitForFocus, widget, yearsAgo, type Visitor,
} from '../support/widget-page.js';
import { startWidgetWorld, type WidgetWorld } from '../support/widget-world.js';

/**
 * The quote widget end to end: Chromium on the partner demo page (its own
 * origin), the real app and intake API, the real database. Each test has a
 * fresh browser context (own localStorage) and a visitor of its own.
 */
let world: WidgetWorld;
let isolated: Awaited<ReturnType<WidgetWorld['newContext']>>;
let page: Page;

beforeAll(async () => {
  world = await startWidgetWorld('e2e_widget_flow');
}, 120_000);
afterAll(() => world?.close());
beforeEach(async () => {
  isolated = await world.newContext();
  isolated.context.setDefaultTimeout(20_000);
  page = await isolated.context.newPage();
});
afterEach(async () => {
  await isolated.context.close();
  expect(isolated.blocked).toEqual([]);
  expect(isolated.pageErrors).toEqual([]);
});

const heading = () => widget(page).locator('#lh-h');

/** After a step change the heading has focus and says where the visitor is. */
async function expectHeadingFocused(text: string): Promise<void> {
  await waitForFocus(page, 'lh-h');
  expect(await focused(page)).toEqual({ id: 'lh-h', text });
}

describe('the quote widget on a partner page', () => {
  it('is completed by keyboard alone and stores the lead, its submission, consent and UTM attribution', async () => {
    // The date as an English visitor types it (the widget puts the slashes in; the API gets 1985-04-12).
    const v = visitor('keyboard', { first_name: '  Maria ', email: 'Maria.Keyboard@Example.COM', phone: '(415) 555-0142', date_of_birth: '04121985' });
    const query = '?utm_source=facebook&utm_medium=social&utm_campaign=spring';
    const shownAt = await openDemo(page, world, query);
    const kb = page.keyboard;

    // Step 1: from the end of the page back to the product, then Enter.
    await tabTo(page, 'f-product-home', { back: true });
    await kb.press('Enter');
    await step(page, 'about').waitFor();
    await expectHeadingFocused('About you');

    await kb.press('Tab');
    expect((await focused(page))?.id).toBe('f-first_name');
    await kb.type(v.first_name);
    for (const field of ['last_name', 'date_of_birth', 'zip_code'] as const) {
      await kb.press('Tab');
      await kb.type(v[field]);
    }
    await kb.press('Tab');
    expect((await focused(page))?.id).toBe('f-state');
    await kb.type('CA'); // type-ahead in the closed select
    expect(await widget(page).locator('#f-state').inputValue()).toBe('CA');
    await kb.press('Tab'); // Back
    await kb.press('Tab'); // Continue
    expect((await focused(page))?.text).toBe('Continue');
    await kb.press('Enter');
    await step(page, 'contact').waitFor();
    await expectHeadingFocused('How can we reach you?');

    await kb.press('Tab');
    await kb.type(v.email);
    await kb.press('Tab');
    expect((await focused(page))?.id).toBe('f-phone');
    await kb.type(v.phone);
    await kb.press('Enter'); // submits the step's form from its last field
    await step(page, 'consent').waitFor();
    await expectHeadingFocused('One last thing');
    expect(await widget(page).locator('label[for="f-consent"]').innerText()).toBe(CONSENT_TEXT);

    await kb.press('Tab');
    expect((await focused(page))?.id).toBe('f-consent');
    await kb.press('Space');
    expect(await widget(page).locator('#f-consent').isChecked()).toBe(true);
    await kb.press('Tab'); // the honeypot is out of the tab order: Back comes next
    expect((await focused(page))?.text).toBe('Back');
    await kb.press('Tab');
    expect((await focused(page))?.text).toBe('Get my quote');
    await humanPace(shownAt);
    await kb.press('Enter');

    await step(page, 'done').waitFor();
    await expectHeadingFocused('Thank you!');
    const reference = (await widget(page).locator('#lh-ref').innerText()).trim();
    expect(reference).toMatch(/^LH-/);
    await page.locator('#status', { hasText: reference }).waitFor();
    expect(await page.locator('#status').innerText()).toBe(`Thanks! Your quote request ${reference} is on its way.`);
    expect(await events(page)).toEqual([{ type: 'submitted', detail: { key: world.siteKey, reference } }]);
    expect(await pointerDowns(page)).toBe(0);

    const leads = await leadsByEmail(world.client, v.email);
    expect(leads).toEqual([expect.objectContaining({
      first_name: 'Maria', last_name: "O'Neil", email: 'maria.keyboard@example.com', phone: '+14155550142', date_of_birth: '1985-04-12',
      state: 'CA', zip_code: '94107', country: 'USA', organization_id: world.organizationId, source_type: 'social_media', product_type: 'home',
    })]);
    const [lead] = leads as [Record<string, unknown>];
    const pageUrl = `${world.demoURL}/${query}`;
    const siteKeyId = (await world.client.query('SELECT id FROM site_keys WHERE key = $1', [world.siteKey])).rows[0].id;
    const submissions = await submissionsByEmail(world.client, v.email);
    expect(submissions).toEqual([expect.objectContaining({ reference, site_key_id: siteKeyId, lead_id: lead.id, outcome: 'created' })]);
    expect(submissions[0]!.attribution).toEqual({ utm_source: 'facebook', utm_medium: 'social', utm_campaign: 'spring', page_url: pageUrl });
    const consents = (await world.client.query(
      'SELECT granted, consent_text, consent_version, page_url, submission_id FROM consents WHERE lead_id = $1', [lead.id])).rows;
    expect(consents).toEqual([{ granted: true, consent_text: CONSENT_TEXT, consent_version: 'v1', page_url: pageUrl, submission_id: submissions[0]!.id }]);
  }, 90_000);

  it("shows the API's own message on a field left invalid, tied to the field, and the API says the same of the same values", async () => {
    await openDemo(page, world);
    const w = widget(page);
    await w.locator('#f-product-auto').click();
    await step(page, 'about').waitFor();
    const invalid: [string, string, FieldErrorCode][] = [
      ['first_name', 'M4ria', 'invalid_name'], ['last_name', '', 'required'], ['date_of_birth', yearsAgo(10), 'age_out_of_range'],
      ['zip_code', '12', 'invalid_zip'], ['email', 'nope', 'invalid_email'], ['phone', '12', 'invalid_phone'],
    ];
    // The state is a list of valid codes: "XX" cannot be chosen; the API has the message for a page that sends one anyway.
    expect(await w.locator('#f-state option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)))
      .toEqual(['', ...US_STATES]);
    const shown: Record<string, string> = { state: MESSAGES.invalid_state };
    for (const [field, value, code] of invalid) {
      if (field === 'email') {
        await w.locator('#f-first_name').fill('Maria');
        await w.locator('#f-last_name').fill('Garcia');
        await w.locator('#f-date_of_birth').fill('1985-04-12');
        await w.locator('#f-zip_code').fill('94107');
        await w.getByRole('button', { name: 'Continue' }).click();
        await step(page, 'contact').waitFor();
      }
      const input = w.locator(`#f-${field}`);
      await input.fill(value);
      await input.press('Tab'); // the message appears as the visitor leaves the field
      const error = w.locator(`#e-${field}`);
      await error.waitFor();
      shown[field] = await error.innerText();
      expect(shown[field]).toBe(MESSAGES[code]);
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      expect((await input.getAttribute('aria-describedby'))!.split(' ')).toContain(`e-${field}`);
      expect(await w.locator('.sr[role="status"]').innerText()).toContain(MESSAGES[code]);
      if (field === 'zip_code') {
        // Continue with errors stays, and sends focus to the first invalid field.
        await w.getByRole('button', { name: 'Continue' }).click();
        await waitForFocus(page, 'f-first_name');
        expect(await step(page, 'about').isVisible()).toBe(true);
      }
    }

    const values = { ...Object.fromEntries(invalid.map(([field, value]) => [field, value])), state: 'XX' };
    const direct = validateSubmission(values);
    expect(direct.ok).toBe(false);
    const byField = (errors: { field: string; message: string }[]) => Object.fromEntries(errors.map((e) => [e.field, e.message]));
    expect(direct.ok ? {} : byField(direct.errors)).toEqual(shown);
    const res = await fetch(`${world.appURL}/api/v1/leads`, {
      method: 'POST', body: JSON.stringify(values),
      headers: { 'Content-Type': 'application/json', 'X-Lead-Key': world.siteKey, Origin: world.demoURL },
    });
    expect(res.status).toBe(422);
    expect(byField(((await res.json()) as { errors: { field: string; message: string }[] }).errors)).toEqual(shown);
  }, 60_000);

  it('brings a 422 from the API back to the contact step, on the phone field, focused; the corrected form goes through', async () => {
    // The widget leaves "+country" numbers to libphonenumber on the server, which knows no country code 999.
    const v = visitor('server422', { phone: '+999 1234567' });
    const shownAt = await openDemo(page, world);
    await fillToConsent(widget(page), v);
    await humanPace(shownAt);
    await submitButton(page).click();

    await step(page, 'contact').waitFor();
    const phone = widget(page).locator('#f-phone');
    expect(await widget(page).locator('#e-phone').innerText()).toBe(MESSAGES.invalid_phone);
    expect(await phone.getAttribute('aria-invalid')).toBe('true');
    expect(await phone.getAttribute('aria-describedby')).toBe('e-phone');
    await waitForFocus(page, 'f-phone');
    expect(await heading().innerText()).toBe('How can we reach you?');
    expect(await leadsByEmail(world.client, v.email)).toEqual([]);
    expect(await submissionsByEmail(world.client, v.email)).toEqual([]);

    await phone.fill('+1 415 555 0177');
    await widget(page).getByRole('button', { name: 'Continue' }).click();
    await step(page, 'consent').waitFor();
    expect(await widget(page).locator('#f-consent').isChecked()).toBe(true);
    await submitButton(page).click();
    await step(page, 'done').waitFor();
    expect(await leadsByEmail(world.client, v.email)).toEqual([expect.objectContaining({ phone: '+14155550177' })]);
  }, 60_000);

  it("brings the API's unassigned_phone (a number no numbering plan has, which the widget cannot know) back to the phone field, and the corrected form goes through", async () => {
    const v = visitor('unassigned', { phone: '(555) 123-4567' });
    const shownAt = await openDemo(page, world);
    await fillToConsent(widget(page), v);
    await humanPace(shownAt);
    await submitButton(page).click();

    await step(page, 'contact').waitFor();
    const phone = widget(page).locator('#f-phone');
    expect(await widget(page).locator('#e-phone').innerText()).toBe(MESSAGES.unassigned_phone);
    expect(await phone.getAttribute('aria-invalid')).toBe('true');
    await waitForFocus(page, 'f-phone');
    expect(await leadsByEmail(world.client, v.email)).toEqual([]);

    await phone.fill('(415) 555-0132');
    await widget(page).getByRole('button', { name: 'Continue' }).click();
    await step(page, 'consent').waitFor();
    await submitButton(page).click();
    await step(page, 'done').waitFor();
    expect(await leadsByEmail(world.client, v.email)).toEqual([expect.objectContaining({ phone: '+14155550132' })]);
  }, 60_000);

  it('refuses a ZIP of another state on the ZIP field before sending anything, naming both; a matching state clears it', async () => {
    await openDemo(page, world);
    const w = widget(page);
    await w.locator('#f-product-auto').click();
    await step(page, 'about').waitFor();
    await w.locator('#f-first_name').fill('Maria');
    await w.locator('#f-last_name').fill('Garcia');
    await w.locator('#f-zip_code').fill('10001');
    await w.locator('#f-state').selectOption('CA');
    await w.getByRole('button', { name: 'Continue' }).click();
    const error = w.locator('#e-zip_code');
    await error.waitFor();
    expect(await error.innerText()).toBe('ZIP 10001 is in NY, not CA.');
    expect(await w.locator('#f-zip_code').getAttribute('aria-invalid')).toBe('true');
    expect(await step(page, 'about').isVisible()).toBe(true);
    await w.locator('#f-state').selectOption('NY');
    await error.waitFor({ state: 'detached' });
    await w.getByRole('button', { name: 'Continue' }).click();
    await step(page, 'contact').waitFor();
  }, 60_000);

  /** Fills the form, stops the app, submits, and waits for the widget to give up and queue; the app is back on return. */
  async function submitWhileServerDown(tag: string): Promise<{ v: Visitor; keys: string[] }> {
    const v = visitor(tag);
    const keys = recordLeadPosts(isolated.context);
    const shownAt = await openDemo(page, world);
    await fillToConsent(widget(page), v);
    await humanPace(shownAt);
    await world.stopApp();
    try {
      await submitButton(page).click();
      await step(page, 'queued').waitFor({ timeout: 30_000 }); // four attempts with backoff: at most 7 s
    } finally {
      await world.startApp();
    }
    return { v, keys };
  }

  it('keeps the submission on the device while the server is down, and the next page view sends it exactly once', async () => {
    const { v, keys } = await submitWhileServerDown('server-down');
    expect(await heading().innerText()).toBe('Saved on this device');
    expect((await events(page)).map((e) => e.type)).toEqual(['queued']);
    expect((await outbox(page, world.siteKey)).map((p) => p.id)).toEqual([keys[0]]);
    expect(await leadsByEmail(world.client, v.email)).toEqual([]);

    await page.reload();
    await page.locator('#status', { hasText: 'LH-' }).waitFor({ timeout: 30_000 });
    const reference = /LH-[A-Z0-9-]+/.exec(await page.locator('#status').innerText())![0];
    expect(await events(page)).toEqual([{ type: 'submitted', detail: { key: world.siteKey, reference, queued: true } }]);
    await page.waitForFunction((k) => !localStorage.getItem(`leadharbor:outbox:${k}`), world.siteKey);
    expect(keys.length).toBeGreaterThanOrEqual(5);
    expect(new Set(keys).size).toBe(1);
    await expectOneLead(v.email, reference, keys[0]!);
  }, 60_000);

  it('sends what it saved by itself once the server is back, without a reload, and shows the reference', async () => {
    const { v, keys } = await submitWhileServerDown('server-back');
    // No `online` event comes when a server returns: the widget tries again every 15-30 s while something waits.
    await step(page, 'done').waitFor({ timeout: 45_000 });
    const reference = (await widget(page).locator('#lh-ref').innerText()).trim();
    expect((await events(page)).map((e) => e.type)).toEqual(['queued', 'submitted']);
    expect(await outbox(page, world.siteKey)).toEqual([]);
    expect(new Set(keys).size).toBe(1);
    await expectOneLead(v.email, reference, keys[0]!);
  }, 90_000);

  it('retries a request whose answer was lost with the same Idempotency-Key, and the API makes one lead, not two', async () => {
    const v = visitor('dropped');
    const seen: { key: string | null; status: number; reference?: string; replayed?: string }[] = [];
    await page.route('**/api/v1/leads', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      const key = await route.request().headerValue('idempotency-key');
      const response = await route.fetch(); // the server gets the request and answers...
      const body = (await response.json()) as { reference?: string };
      seen.push({ key, status: response.status(), reference: body.reference, replayed: response.headers()['idempotent-replayed'] });
      if (seen.length === 1) return route.abort('connectionreset'); // ...but the page never hears it
      return route.fulfill({ response });
    });
    const shownAt = await openDemo(page, world);
    await fillToConsent(widget(page), v);
    await humanPace(shownAt);
    await submitButton(page).click();

    await step(page, 'done').waitFor();
    const reference = (await widget(page).locator('#lh-ref').innerText()).trim();
    expect(seen).toHaveLength(2);
    expect(seen[0]).toEqual({ key: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 201, reference, replayed: undefined });
    expect(seen[1]).toEqual({ key: seen[0]!.key, status: 201, reference, replayed: 'true' });
    expect((await events(page)).map((e) => e.type)).toEqual(['submitted']);
    await expectOneLead(v.email, reference, seen[0]!.key!);
  }, 60_000);
});

/** One lead for this email, made by one submission (outcome created) whose idempotency key is `key`. */
async function expectOneLead(email: string, reference: string, key: string): Promise<void> {
  const leads = await leadsByEmail(world.client, email);
  expect(leads).toHaveLength(1);
  const submissions = await submissionsByEmail(world.client, email);
  expect(submissions).toEqual([expect.objectContaining({ reference, lead_id: leads[0]!.id, outcome: 'created' })]);
  const stored = (await world.client.query('SELECT submission_id FROM idempotency_keys WHERE key = $1', [key])).rows;
  expect(stored).toEqual([{ submission_id: submissions[0]!.id }]);
}
