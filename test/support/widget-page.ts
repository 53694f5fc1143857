import type pg from 'pg';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { MIN_FILL_MILLISECONDS } from '../../server/intake/intake.service.js';
import type { WidgetWorld } from './widget-world.js';

/**
 * Driving the quote widget on the partner demo page, and reading back what
 * a submission left in the database. Locators pierce the widget's open
 * shadow root, so `widget(page).locator('#f-email')` finds its input.
 */

export const widget = (page: Page): Locator => page.locator('leadharbor-widget');

/** The step the widget shows (`data-step` of the current step's element). */
export const step = (page: Page, name: string): Locator => widget(page).locator(`[data-step="${name}"]`);

/** What a visitor types: a distinct email and phone each time, so no submission is taken for a duplicate of another. */
export interface Visitor {
  product: string; first_name: string; last_name: string; date_of_birth: string; zip_code: string; state: string;
  email: string; phone: string;
}

let serial = 0;
export function visitor(tag: string, overrides: Partial<Visitor> = {}): Visitor {
  serial += 1;
  return {
    product: 'home', first_name: 'Maria', last_name: "O'Neil", date_of_birth: '1985-04-12', zip_code: '94107', state: 'CA',
    email: `maria.${tag}.${serial}@example.com`, phone: `(415) 555-${String(100 + serial).padStart(4, '0')}`,
    ...overrides,
  };
}

/**
 * Opens the demo page in a fresh page of `context`, with a recorder of the
 * widget's DOM events (`window.__lhEvents`) and of pointer presses installed before any script runs,
 * and waits for step 1. Returns the time step 1 was shown: the widget's
 * `form_started_at` is no later than that.
 */
export async function openDemo(page: Page, world: WidgetWorld, query = ''): Promise<number> {
  await page.addInitScript(() => {
    const seen: { type: string; detail: unknown }[] = [];
    (window as unknown as { __lhEvents: typeof seen }).__lhEvents = seen;
    for (const type of ['submitted', 'queued', 'error']) {
      document.addEventListener(`leadharbor:${type}`, (e) => seen.push({ type, detail: (e as CustomEvent).detail }));
    }
    // Keyboard activation clicks a button but presses no pointer: a count of 0 proves a keyboard-only fill.
    const pointer = { downs: 0 };
    (window as unknown as { __lhPointer: typeof pointer }).__lhPointer = pointer;
    document.addEventListener('pointerdown', () => { pointer.downs += 1; }, true);
  });
  await page.goto(`${world.demoURL}/${query}`);
  await step(page, 'product').waitFor();
  return Date.now();
}

/** The widget's DOM events seen on this page so far. */
export const events = (page: Page): Promise<{ type: string; detail: Record<string, unknown> }[]> =>
  page.evaluate(() => (window as unknown as { __lhEvents: { type: string; detail: Record<string, unknown> }[] }).__lhEvents);

/** How many times a pointer (mouse, touch, pen) was pressed on this page. */
export const pointerDowns = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __lhPointer: { downs: number } }).__lhPointer.downs);

/** Waits so a submit is not taken for a bot's (the API marks one under MIN_FILL_MILLISECONDS after the form appeared as spam). */
export async function humanPace(since: number): Promise<void> {
  const wait = since + MIN_FILL_MILLISECONDS + 500 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

/** The focused element, looking through shadow roots: its id and text. */
export const focused = (page: Page): Promise<{ id: string; text: string } | null> => page.evaluate(() => {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el && el !== document.body ? { id: el.id, text: (el.textContent ?? '').trim() } : null;
});

/** Waits until the element with this id (in the widget or the page) has focus. */
export async function waitForFocus(page: Page, id: string): Promise<void> {
  await page.waitForFunction((want) => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.id === want;
  }, id, { timeout: 10_000 });
}

/** Presses Tab (or Shift+Tab) until the element with this id has focus; fails after `max` presses. */
export async function tabTo(page: Page, id: string, { back = false, max = 20 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focused(page))?.id === id) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`#${id} never got focus after ${max} ${back ? 'Shift+Tab' : 'Tab'} presses (focus is on ${JSON.stringify(await focused(page))})`);
}

/**
 * Fills steps 1-3 by mouse and `fill` (the keyboard-only path has a test of
 * its own) in any language, and ticks consent unless told not to.
 */
export async function fillToConsent(w: Locator, v: Visitor, { tick = true } = {}): Promise<void> {
  const next = async (name: string) => {
    await w.locator('form button[type=submit]').click();
    await w.locator(`[data-step="${name}"]`).waitFor();
  };
  await w.locator(`#f-product-${v.product}`).click();
  await w.locator('[data-step="about"]').waitFor();
  for (const field of ['first_name', 'last_name', 'date_of_birth', 'zip_code'] as const) await w.locator(`#f-${field}`).fill(v[field]);
  await w.locator('#f-state').selectOption(v.state);
  await next('contact');
  await w.locator('#f-email').fill(v.email);
  await w.locator('#f-phone').fill(v.phone);
  await next('consent');
  if (tick) await w.locator('#f-consent').check();
}

/** The submit button of step 4. */
export const submitButton = (page: Page): Locator => widget(page).getByRole('button', { name: 'Get my quote' });

/** The date of birth of someone `years` old today. */
export function yearsAgo(years: number): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
}

/** Records the Idempotency-Key of every lead POST the context's pages make, failed ones included. */
export function recordLeadPosts(context: BrowserContext): string[] {
  const keys: string[] = [];
  context.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/leads') keys.push(r.headers()['idempotency-key']!);
  });
  return keys;
}

/** What the widget keeps in localStorage, waiting to be sent, for a site key. */
export const outbox = (page: Page, siteKey: string): Promise<{ id: string; body: string }[]> =>
  page.evaluate((k) => JSON.parse(localStorage.getItem(`leadharbor:outbox:${k}`) ?? '[]'), siteKey);

/** A lead row by email, with its source and product types (dates as text). */
export async function leadsByEmail(client: pg.Client, email: string): Promise<Record<string, unknown>[]> {
  return (await client.query(`
    SELECT l.id, l.first_name, l.last_name, l.email, l.phone, l.date_of_birth::text AS date_of_birth, l.state, l.zip_code, l.country,
           l.organization_id, s.source_type, p.product_type
      FROM leads l
      LEFT JOIN lead_sources s ON s.id = l.lead_source_id
      LEFT JOIN insurance_products p ON p.id = l.insurance_product_id
     WHERE lower(l.email) = lower($1) ORDER BY l.id`, [email])).rows;
}

/** The submissions whose body carried this email, oldest first. */
export async function submissionsByEmail(client: pg.Client, email: string): Promise<Record<string, unknown>[]> {
  return (await client.query(`
    SELECT id, reference, site_key_id, lead_id, outcome, attribution FROM lead_submissions
     WHERE lower(payload->>'email') = lower($1) ORDER BY id`, [email])).rows;
}
