import type { Page } from 'playwright-core';
import { newPublishableKey } from '../../server/auth/keys.js';
import { startDemoServer } from '../../widget/demo/demo-server.js';
import { atStep, embedTag, hostPage, serveOnDemoOrigin, widgetSuite } from '../support/widget-embed.js';
import { leadsByEmail, submissionsByEmail, visitor } from '../support/widget-page.js';
import { NOT_AVAILABLE, fillAndSubmit, leadKeys, until, watch } from '../support/partner-page.js';

/**
 * The widget on partner pages as they really are: long emoji-laden campaign
 * links, an outbox of earlier visits, refused keys and origins, sandboxed
 * frames (embedding itself: widget-embedding.spec.ts). Headless Chromium
 * against the real app and database.
 */
const suite = widgetSuite('e2e_widget_real_pages');

describe('text copied from the page', () => {
  it('submits from a page URL whose utm_campaign is 406 UTF-16 units of emoji, the campaign cut between emoji within 255', async () => {
    const { page } = await suite.pool.open();
    const campaign = `spring${'🏡🚗'.repeat(100)}`; // unit 255 is the first half of an emoji
    const url = serveOnDemoOrigin(suite.world, 'emoji.html', hostPage(`<main id="q"></main>${embedTag(suite.world, { target: '#q' })}`));
    await page.goto(`${url}?utm_source=${encodeURIComponent('💬 chat')}&utm_campaign=${encodeURIComponent(campaign)}`);
    const w = page.locator('leadharbor-widget');
    await atStep(w, 'product');
    const { v, reference } = await fillAndSubmit(w, 'emoji');

    const [submission] = await submissionsByEmail(suite.world.client, v.email);
    expect(submission).toMatchObject({ reference, outcome: 'created' });
    const stored = (submission!.attribution as Record<string, string>).utm_campaign!;
    expect(stored).toBe(`spring${'🏡🚗'.repeat(62)}`); // 254 units: the emoji cut by the 255 limit left out whole
    expect(await leadsByEmail(suite.world.client, v.email)).toHaveLength(1);
  }, 60_000);
});

describe('the outbox', () => {
  /** A parked submission, as an earlier page view left it. */
  const entry = (id: string, body: Record<string, unknown>) =>
    ({ id, body: JSON.stringify(body), url: `${suite.world.appURL}/api/v1/leads`, savedAt: Date.now() });
  /**
   * Step 1 shows before the later steps (and the outbox flush they start) arrive: an entry stored before
   * they have would be sent by this page view, not the next one the test means.
   */
  const laterStepsLoaded = (page: Page) => page.waitForFunction(() => !!(window as unknown as { LeadHarbor: { _?: { s?: unknown } } }).LeadHarbor._?.s);
  const validBody = (email: string) => ({ first_name: 'Ana', last_name: 'Ruiz', email, phone: '(415) 555-0199', form_started_at: Date.now() - 60_000 });

  it('drops an entry the server refuses (422) and tells the visitor, while one that meets a 503 stays for later', async () => {
    const { page, context } = await suite.pool.open();
    const refused = '11111111-1111-4111-8111-111111111111';
    const unavailable = '22222222-2222-4222-8222-222222222222';
    const posts: string[] = [];
    await context.route('**/api/v1/leads', async (route) => {
      const key = await route.request().headerValue('idempotency-key');
      if (route.request().method() === 'POST') posts.push(key!);
      if (key !== unavailable) return route.fallback();
      return route.fulfill({
        status: 503, contentType: 'application/problem+json', body: '{"status":503,"code":"database_unavailable"}',
        headers: { 'Access-Control-Allow-Origin': suite.world.demoURL, 'Retry-After': '5' },
      });
    });
    const url = serveOnDemoOrigin(suite.world, 'outbox.html', hostPage(`<main id="q"></main>${embedTag(suite.world, { target: '#q' })}`));
    await page.goto(url);
    await atStep(page.locator('leadharbor-widget'), 'product');
    await laterStepsLoaded(page);
    await page.evaluate(([k, list]) => localStorage.setItem(`leadharbor:outbox:${k}`, JSON.stringify(list)), [suite.world.siteKey, [
      entry(refused, { ...validBody('not-an-email'), email: 'not-an-email' }),
      entry(unavailable, validBody('parked.503@example.com')),
    ]] as const);
    const errors: unknown[] = [];
    await page.exposeFunction('__lhError', (d: unknown) => { errors.push(d); });
    await page.addInitScript(() => document.addEventListener('leadharbor:error', (e) => (window as unknown as { __lhError(d: unknown): void }).__lhError((e as CustomEvent).detail)));

    await page.reload();
    const w = page.locator('leadharbor-widget');
    const notice = w.getByRole('alert');
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/could not be sent, and was removed\. Please fill in the form again, or contact us by phone/);
    await until(() => posts.includes(unavailable), 'the 503 entry to be sent');
    await page.waitForTimeout(300); // its 503 answered
    const left = await page.evaluate((k) => JSON.parse(localStorage.getItem(`leadharbor:outbox:${k}`) ?? '[]'), suite.world.siteKey);
    expect(left.map((p: { id: string }) => p.id)).toEqual([unavailable]);
    expect(errors).toEqual([{ key: suite.world.siteKey, status: 422, detail: '', queued: true }]);
    // The form itself still works, for the fill the notice asks for.
    await atStep(w, 'product');

    // The refused entry is gone for good: the next page view sends only the 503 one again.
    const before = posts.filter((k) => k === refused).length;
    await page.reload();
    await atStep(page.locator('leadharbor-widget'), 'product');
    await until(() => posts.filter((k) => k === unavailable).length >= 2, 'the 503 entry to be sent again');
    expect(posts.filter((k) => k === refused).length).toBe(before);
    expect(before).toBe(1);
  }, 60_000);

  it('keeps what a key left on this device while the key is off ("not available", nothing sent), and delivers it once the key is back', async () => {
    const key = newPublishableKey();
    await suite.world.client.query(`
      INSERT INTO site_keys (organization_id, name, key, allowed_origins, consent_text, consent_version, default_lead_source_id)
      VALUES ($1, 'Off for a while', $2, $3, 'I agree.', 'v1', (SELECT id FROM lead_sources WHERE source_type = 'web'))`,
    [suite.world.organizationId, key, [suite.world.demoURL]]);
    const { page, context } = await suite.pool.open();
    const posts: string[] = [];
    context.on('request', (r) => { if (r.method() === 'POST') posts.push(r.url()); });
    const { console } = await watch(page);
    const url = serveOnDemoOrigin(suite.world, 'key-off.html', hostPage(`<main id="q"></main>${embedTag(suite.world, { target: '#q' }, key)}`));
    await page.goto(url);
    await atStep(page.locator('leadharbor-widget'), 'product');
    await laterStepsLoaded(page);
    const stored = (k: string) => page.evaluate((name) => localStorage.getItem(`leadharbor:outbox:${name}`), k);
    await page.evaluate(([k, e]) => localStorage.setItem(`leadharbor:outbox:${k}`, JSON.stringify([e])), [key, entry('33333333-3333-4333-8333-333333333333', validBody('key-off@example.com'))] as const);
    await suite.world.client.query('UPDATE site_keys SET is_active = false WHERE key = $1', [key]);
    posts.length = 0;

    await page.reload();
    const w = page.locator('leadharbor-widget');
    await w.locator('#lh-h', { hasText: NOT_AVAILABLE }).waitFor();
    expect(await stored(key)).not.toBeNull();
    expect(await w.locator('[data-step="unavailable"]').count()).toBe(0);
    expect(posts).toEqual([]);
    expect(leadKeys(console)).toEqual([expect.stringContaining(`LeadHarbor: The site key ${key} is unknown, revoked or inactive`)]);

    await suite.world.client.query('UPDATE site_keys SET is_active = true WHERE key = $1', [key]);
    await page.reload();
    await atStep(page.locator('leadharbor-widget'), 'product');
    for (let i = 0; i < 100 && (await stored(key)) !== null; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await stored(key)).toBeNull();
    const { rows } = await suite.world.client.query("SELECT count(*)::int AS n FROM leads WHERE email = 'key-off@example.com'");
    expect(rows[0].n).toBe(1);
  }, 60_000);
});

describe('a key or an origin that is refused', () => {
  it('shows "not available" for an unknown key, without a retry, and says once in the console which key to check', async () => {
    const { page } = await suite.pool.open();
    const { console } = await watch(page);
    const wrong = `pk_${'z'.repeat(32)}`;
    await page.goto(serveOnDemoOrigin(suite.world, 'wrong-key.html', hostPage(`<main id="q"></main>${embedTag(suite.world, { target: '#q' }, wrong)}`)));
    const w = page.locator('leadharbor-widget');
    await w.locator('#lh-h', { hasText: NOT_AVAILABLE }).waitFor();
    expect(await w.getByRole('button').count()).toBe(0);
    expect(leadKeys(console)).toEqual([`LeadHarbor: The site key ${wrong} is unknown, revoked or inactive: check data-key against the key in LeadHarbor (Integrations > Site keys).`]);
  });

  it('shows "not available" on an origin the key does not allow, and names that origin and where to add it', async () => {
    const other = await startDemoServer({ appOrigin: suite.world.appURL, siteKey: suite.world.siteKey });
    try {
      const { page } = await suite.pool.open();
      const { console } = await watch(page);
      await page.goto(`${other.url}/`); // the demo page, on a port (so an origin) the key does not list
      const w = page.locator('leadharbor-widget');
      await w.locator('#lh-h', { hasText: NOT_AVAILABLE }).waitFor();
      expect(await w.getByRole('button').count()).toBe(0);
      expect(leadKeys(console)).toEqual([
        `LeadHarbor: This site key does not allow ${other.url}; add it to the key's allowed origins in LeadHarbor (Integrations > Site keys).`,
      ]);
    } finally {
      await other.close();
    }
  });

  it('shows "not available" in a sandboxed iframe (Origin: null), and says why no origin can be allowed there', async () => {
    const { page } = await suite.pool.open();
    const { console } = await watch(page);
    const inner = hostPage(`<main id="q"></main>${embedTag(suite.world, { target: '#q' })}`).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    await page.goto(serveOnDemoOrigin(suite.world, 'sandboxed.html', hostPage(`<iframe sandbox="allow-scripts" title="quote" srcdoc="${inner}"></iframe>`)));
    const frame = page.frameLocator('iframe');
    await frame.locator('leadharbor-widget #lh-h', { hasText: NOT_AVAILABLE }).waitFor();
    expect(await frame.locator('leadharbor-widget').getByRole('button').count()).toBe(0);
    expect(leadKeys(console)).toHaveLength(1);
    expect(leadKeys(console)[0]).toMatch(/^LeadHarbor: This page has no origin \(Origin: null.*add allow-same-origin to the iframe's sandbox attribute\.$/);
  });

  it('still offers a retry when the configuration is only briefly unavailable (503), and the retry shows the form', async () => {
    const { page } = await suite.pool.open();
    const { console } = await watch(page);
    let failed = 0;
    await page.route('**/api/v1/widget-config*', (route) => {
      if (failed++) return route.fallback();
      return route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{"status":503}', headers: { 'Access-Control-Allow-Origin': '*', 'Retry-After': '5' } });
    });
    await page.goto(serveOnDemoOrigin(suite.world, 'config-503.html', hostPage(`<main id="q"></main>${embedTag(suite.world, { target: '#q' })}`)));
    const w = page.locator('leadharbor-widget');
    const retry = w.locator('[data-step="unavailable"]');
    await retry.waitFor();
    expect(await w.locator('#lh-h').innerText()).toBe('The quote form could not load.');
    await retry.click();
    await atStep(w, 'product');
    expect(failed).toBe(2);
    expect(leadKeys(console)).toEqual([]);
  });
});
