import type { Frame, Page } from 'playwright-core';
import { atStep, embedTag, hostPage, serveOnDemoOrigin, widgetSuite } from '../support/widget-embed.js';
import { leadsByEmail, submissionsByEmail } from '../support/widget-page.js';
import { fillAndSubmit, leadKeys, recipe, watch } from '../support/partner-page.js';

/**
 * How partner pages embed the widget: under a strict CSP with Trusted Types,
 * with the pre-load stub as a file, in single-page apps and tag managers that
 * run the tag again. Headless Chromium against the real app and database.
 */
const suite = widgetSuite('e2e_widget_embedding');

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
