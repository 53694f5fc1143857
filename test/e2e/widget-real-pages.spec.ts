import { readFileSync } from 'node:fs';
import type { Frame, Locator, Page } from 'playwright-core';
import { newPublishableKey } from '../../server/auth/keys.js';
import { startDemoServer } from '../../widget/demo/demo-server.js';
import { atStep, embedTag, hostPage, serveOnDemoOrigin, widgetSuite } from '../support/widget-embed.js';
import { fillToConsent, humanPace, leadsByEmail, submissionsByEmail, visitor } from '../support/widget-page.js';

/**
 * The widget on partner pages as they really are: long emoji-laden campaign
 * links, refused keys and origins, sandboxed frames, strict CSPs with Trusted
 * Types, single-page apps and tag managers that run the tag again. Headless
 * Chromium against the real app and database.
 */
const suite = widgetSuite('e2e_widget_real_pages');

const NOT_AVAILABLE = 'Not available on this site.';

/**
 * The policy a partner adds for the widget, read from the README's "Content
 * Security Policy" section (so the recipe partners copy is the one tested),
 * with its example address replaced by this app's.
 */
const README_POLICY = /Tested in Chromium with exactly `([^`]+)`/.exec(readFileSync('README.md', 'utf8'))?.[1];
const recipe = (app: string) => {
  if (!README_POLICY?.includes('https://leads.example.com')) throw new Error('README.md lost its tested CSP recipe ("Tested in Chromium with exactly `…`")');
  return README_POLICY.replaceAll('https://leads.example.com', app);
};

/** Records the page's CSP violations (from the `securitypolicyviolation` event, installed before any page script) and its console. */
async function watch(page: Page): Promise<{ violations: () => Promise<string[]>; console: string[] }> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`), true);
  });
  const console: string[] = [];
  page.on('console', (m) => console.push(m.text()));
  return { violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), console };
}

/** Fills the form of `w` (step 1 on screen) and submits; returns the visitor once the reference shows. */
async function fillAndSubmit(w: Locator, tag: string) {
  const shownAt = Date.now();
  const v = visitor(tag);
  await fillToConsent(w, v);
  await humanPace(shownAt);
  await w.getByRole('button', { name: 'Get my quote' }).click();
  await atStep(w, 'done');
  return { v, reference: (await w.locator('#lh-ref').innerText()).trim() };
}

/** Waits until `check` holds (checked every 100 ms), failing after `ms`. */
async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; !check();) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const leadKeys = (console: string[]) => console.filter((line) => line.startsWith('LeadHarbor:'));

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

describe('a strict Content Security Policy with Trusted Types', () => {
  it("loads, submits a lead and causes no CSP violation under exactly the README's policy", async () => {
    const { page } = await suite.pool.open();
    const { violations, console } = await watch(page);
    const url = serveOnDemoOrigin(suite.world, 'csp.html', hostPage(`<main id="q"></main>${embedTag(suite.world, { target: '#q' })}`),
      { 'Content-Security-Policy': recipe(suite.world.appURL) });
    await page.goto(url);
    const w = page.locator('leadharbor-widget');
    await atStep(w, 'product');
    const { v } = await fillAndSubmit(w, 'csp');
    expect(await leadsByEmail(suite.world.client, v.email)).toHaveLength(1);
    expect(await violations()).toEqual([]);
    expect(console.filter((line) => /Content Security Policy|Trusted Type|Refused to/i.test(line))).toEqual([]);
    // The policy is really enforced (so the above means something): a plain string assigned to a script's src is refused and reported.
    expect(await page.evaluate(() => { try { document.createElement('script').src = '/x.js'; return 'assigned'; } catch (e) { return (e as Error).name; } })).toBe('TypeError');
    expect(await violations()).toEqual(['require-trusted-types-for trusted-types-sink']);
    // The policy blesses the second chunk's URL and nothing else.
    expect(await page.evaluate(() => (window as unknown as { LeadHarbor: { _: { y: { createScriptURL(u: string): unknown } } } }).LeadHarbor._.y.createScriptURL('https://evil.example/x.js'))
      .catch((e: Error) => e.message)).toMatch(/evil\.example/);
  }, 60_000);

  it('offers a retry when the second chunk fails to load, and the retry loads it (Trusted Types still enforced)', async () => {
    const { page } = await suite.pool.open();
    const { violations } = await watch(page);
    let chunkRequests = 0;
    await page.route(/\/widget-steps\.[A-Za-z0-9]+\.js$/, (route) => (chunkRequests++ ? route.fallback() : route.abort('connectionreset')));
    await page.goto(serveOnDemoOrigin(suite.world, 'csp-chunk.html', hostPage(`<main id="q"></main>${embedTag(suite.world, { target: '#q' })}`),
      { 'Content-Security-Policy': recipe(suite.world.appURL) }));
    const w = page.locator('leadharbor-widget');
    const retry = w.locator('[data-step="unavailable"]');
    await retry.waitFor();
    expect(await w.locator('#lh-h').innerText()).toBe('The quote form could not load.');
    await retry.click();
    await atStep(w, 'product');
    await w.locator('#f-product-auto').click();
    await atStep(w, 'about');
    expect(chunkRequests).toBe(2);
    expect(await violations()).toEqual([]);
  });
});

describe('the pre-load stub as a file', () => {
  it('replays commands queued before widget.js loads, on a page whose CSP forbids inline scripts', async () => {
    const { page } = await suite.pool.open();
    const { violations } = await watch(page);
    const { appURL, demoURL, siteKey } = suite.world;
    serveOnDemoOrigin(suite.world, 'queue.js', `LeadHarbor('on', 'submitted', function (d) { document.getElementById('status').textContent = d.reference; });
LeadHarbor('open');`);
    const body = `<p id="status"></p><script>window.__inline = true;</script>
<script src="${appURL}/widget-stub.js"></script><script src="/queue.js"></script>
<script async src="${appURL}/widget.js" data-key="${siteKey}" data-mode="popup"></script>`;
    await page.goto(serveOnDemoOrigin(suite.world, 'stub.html', hostPage(body), {
      'Content-Security-Policy': `default-src 'none'; script-src ${appURL} ${demoURL}; connect-src ${appURL}; require-trusted-types-for 'script'; trusted-types leadharbor`,
    }));
    const w = page.locator('leadharbor-widget');
    await atStep(w, 'product'); // in the dialog, opened by the queued LeadHarbor('open')
    expect(await w.locator('dialog').evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __inline?: boolean }).__inline)).toBeUndefined(); // inline scripts really are blocked
    const { reference } = await fillAndSubmit(w, 'stub');
    await page.locator('#status', { hasText: reference }).waitFor(); // the queued `on` subscription
    expect((await violations()).filter((line) => !line.startsWith('script-src-elem inline'))).toEqual([]);
  }, 60_000);
});

describe('single-page apps and tag managers', () => {
  /** Runs the embed tag again, as a tag manager or an SPA's route change does. */
  const runTag = (page: Page | Frame, app: string, key: string) => page.evaluate(([src, k]) => {
    const script = Object.assign(document.createElement('script'), { src, async: true });
    Object.assign(script.dataset, { key: k, target: '#slot' });
    document.body.appendChild(script);
  }, [`${app}/widget.js`, key] as const);

  it('ends with exactly one working form after the view is replaced and the tag runs again (twice), and it submits a lead', async () => {
    const { page } = await suite.pool.open();
    const { console } = await watch(page);
    const { appURL, siteKey } = suite.world;
    await page.goto(serveOnDemoOrigin(suite.world, 'spa.html', hostPage('<div id="app"><section id="slot"></section></div>')));
    await runTag(page, appURL, siteKey);
    await runTag(page, appURL, siteKey); // the same tag fired twice for the same target
    await atStep(page.locator('leadharbor-widget'), 'product');
    expect(await page.locator('leadharbor-widget').count()).toBe(1);

    // The SPA navigates: the view (and the widget in it) goes, a new one with an empty #slot comes, and the tag runs again.
    await page.evaluate(() => { document.getElementById('app')!.innerHTML = '<section id="slot"></section>'; });
    await runTag(page, appURL, siteKey);
    await runTag(page, appURL, siteKey);
    const w = page.locator('leadharbor-widget');
    await atStep(w, 'product');
    expect(await w.count()).toBe(1);
    const registered = () => page.evaluate(() => (window as unknown as { LeadHarbor: { _: { i: { h: Element }[] } } }).LeadHarbor._.i.map((i) => i.h.isConnected));
    expect(await registered()).toEqual([true]);

    // `open` with no popup on the page changes nothing and throws nothing.
    await page.evaluate(() => (window as unknown as { LeadHarbor(...a: unknown[]): void }).LeadHarbor('open'));
    expect(await w.count()).toBe(1);

    const { v, reference } = await fillAndSubmit(w, 'spa');
    expect(await leadsByEmail(suite.world.client, v.email)).toHaveLength(1);
    expect((await submissionsByEmail(suite.world.client, v.email))[0]).toMatchObject({ reference, outcome: 'created' });
    expect(leadKeys(console)).toEqual([]);
  }, 60_000);

  it("mounts and unmounts from script with LeadHarbor('mount') and LeadHarbor('unmount'), and open reaches only a popup on the page", async () => {
    const { page } = await suite.pool.open();
    const { appURL, siteKey } = suite.world;
    await page.goto(serveOnDemoOrigin(suite.world, 'mount.html', hostPage(`<div id="a"></div><div id="b"></div>
<script src="${appURL}/widget-stub.js"></script><script async src="${appURL}/widget.js"></script>`)));
    const call = (...args: unknown[]) => page.evaluate((a) => (window as unknown as { LeadHarbor(...x: unknown[]): void }).LeadHarbor(...a), args);
    await page.waitForFunction(() => (window as unknown as { LeadHarbor: { _?: unknown } }).LeadHarbor._);
    await call('mount', { key: siteKey, target: '#a', lang: 'es' });
    await call('mount', { key: siteKey, target: '#b', mode: 'popup' });
    const inline = page.locator('#a leadharbor-widget');
    await atStep(inline, 'product');
    expect(await inline.locator('#lh-h').innerText()).toBe('¿Qué quieres asegurar?');
    const popup = page.locator('#b leadharbor-widget');
    await popup.getByRole('button', { name: 'Get a quote' }).waitFor();
    await call('open');
    await atStep(popup, 'product');
    expect(await popup.locator('dialog').evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    await call('close');

    await call('unmount', '#a');
    expect(await page.locator('#a leadharbor-widget').count()).toBe(0);
    await call('unmount', siteKey);
    expect(await page.locator('leadharbor-widget').count()).toBe(0);
    await call('open'); // nothing left to open: nothing happens
    expect(await page.locator('leadharbor-widget').count()).toBe(0);
    await call('mount', { key: siteKey, target: '#a' }); // and it can come back
    await atStep(page.locator('#a leadharbor-widget'), 'product');
  });
});
