import type { Locator, Page } from 'playwright-core';
import { MIN_FILL_MILLISECONDS } from '../../server/intake/intake.service.js';
import { atStep, embedTag, hostPage, proceed, serveOnDemoOrigin, uniqueEmail, widgetSuite } from '../support/widget-embed.js';
import { fillToConsent, visitor } from '../support/widget-page.js';

/**
 * The widget on partner pages it does not control, in headless Chromium
 * against the real app and database: hostile CSS, a second widget, popup
 * mode, Spanish, a phone-sized screen, and pages where loading fails.
 */
const suite = widgetSuite('e2e_widget_isolation');

const HOSTILE_CSS = `<style>
  * { all: unset !important; }
  div { display: none !important; }
  html { font-size: 40px !important; } /* beats the * rule: rem grows 2.5 times */
  body { font-size: 64px !important; color: red; line-height: 3; font-family: fantasy; }
  button { background: red !important; color: yellow !important; padding: 40px !important; }
  h2 { font-size: 80px !important; }
  input, select { width: 10px !important; border: 5px dashed red !important; }
  :root { --lh-primary: red; --lh-radius: 40px; }
</style>`;

/** Computed styles inside the shadow root that make the widget look like itself. */
const PROBES: Record<string, string[]> = {
  '.lh': ['display', 'font-size', 'font-family', 'color', 'background-color', 'padding-top', 'border-top-width', 'border-top-left-radius', 'width'],
  '#lh-h': ['display', 'font-size', 'font-weight', 'color', 'margin-bottom', 'line-height'],
  '.opt': ['display', 'font-size', 'color', 'background-color', 'padding-left', 'min-height', 'border-top-color'],
  '[aria-pressed=true]': ['background-color', 'color'],
  '#f-first_name': ['display', 'font-size', 'width', 'height', 'border-top-width', 'color', 'background-color'],
  '#f-state': ['display', 'width', 'border-top-width'],
  'button[type=submit]': ['font-size', 'background-color', 'color', 'padding-left'],
};

function widgetStyles(widget: Locator): Promise<Record<string, Record<string, string>>> {
  return widget.evaluate((host, probes) => {
    const styles: Record<string, Record<string, string>> = {};
    for (const [selector, names] of Object.entries(probes)) {
      const el = host.shadowRoot!.querySelector(selector);
      if (!el) continue;
      const computed = getComputedStyle(el);
      styles[selector] = Object.fromEntries(names.map((name) => [name, computed.getPropertyValue(name)]));
    }
    return styles;
  }, PROBES);
}

/** Step 1 and step 2 styles of the widget on `html`, and proof that its product buttons work. */
async function lookOfWidget(page: Page, html: string, name: string) {
  await page.goto(serveOnDemoOrigin(suite.world, name, html));
  const widget = page.locator('leadharbor-widget');
  await atStep(widget, 'product');
  const product = await widgetStyles(widget);
  const box = (await widget.boundingBox())!;
  await widget.locator('#f-product-auto').click();
  await atStep(widget, 'about');
  await widget.locator('#f-first_name').fill('Maria');
  return { product, about: await widgetStyles(widget), box, typed: await widget.locator('#f-first_name').inputValue() };
}

describe('the widget on a partner page', () => {
  it('keeps its own look and works on a page with hostile CSS', async () => {
    const { page } = await suite.pool.open();
    const body = `<h1>Partner</h1><main id="slot"></main>${embedTag(suite.world, { target: '#slot', product: 'home', color: '#1f6f43' })}`;
    const plain = await lookOfWidget(page, hostPage(body), 'plain.html');
    const hostile = await lookOfWidget(page, hostPage(body, HOSTILE_CSS), 'hostile.html');

    expect(hostile.product).toEqual(plain.product);
    expect(hostile.about).toEqual(plain.about);
    expect(hostile.typed).toBe('Maria');
    expect(hostile.box.width).toBeGreaterThan(280);
    expect(hostile.box.height).toBeGreaterThan(150);
    expect(hostile.product['[aria-pressed=true]']!['background-color']).toBe('rgb(31, 111, 67)'); // data-color, not the page's red
    expect(hostile.product['#lh-h']!['font-size']).toBe('20px');
    expect(hostile.product['.opt']!['font-size']).toBe('16px');
    expect(hostile.about['button[type=submit]']!['background-color']).toBe('rgb(31, 111, 67)');
  });

  it("leaves the page's styles, stylesheets and root variables as they were", async () => {
    const { page } = await suite.pool.open();
    const css = `<style>:root { --brand: #12355b; } body { font: 17px/1.6 Georgia, serif; color: #2b2118; margin: 0 }
      h1 { font-size: 2rem } p, div { margin: 12px } button { padding: 6px 10px } a { color: #12355b }</style>`;
    const body = `<h1>Partner</h1><p>Copy <a href="#x">link</a></p><div class="card"><button type="button">Theirs</button>
      <input aria-label="theirs"><h2>Subtitle</h2></div><section id="slot"></section>`;
    await page.goto(serveOnDemoOrigin(suite.world, 'untouched.html', hostPage(body, css)));
    const snapshot = () => page.evaluate(() => {
      const names = ['color', 'background-color', 'font-family', 'font-size', 'line-height', 'margin-top', 'padding-left', 'display', 'border-top-width', 'box-sizing', 'outline-style'];
      const elements = ['html', 'body', 'h1', 'h2', 'p', 'a', 'div', 'button', 'input', 'section'].map((s) => document.querySelector(s)!);
      const root = getComputedStyle(document.documentElement);
      return {
        styles: elements.map((el) => names.map((n) => getComputedStyle(el).getPropertyValue(n))),
        sheets: Array.from(document.querySelectorAll('style, link')).map((el) => el.outerHTML),
        styleSheets: document.styleSheets.length,
        adopted: document.adoptedStyleSheets.length,
        rootStyle: document.documentElement.getAttribute('style'),
        rootVariables: Array.from(root).filter((name) => name.startsWith('--')).concat(root.getPropertyValue('--lh-primary')),
        styled: Array.from(document.querySelectorAll('[style]')).map((el) => el.localName),
      };
    });
    const before = await snapshot();
    // As a tag manager would add the snippet: the same page, before and after.
    await page.evaluate(({ src, key }) => {
      const script = Object.assign(document.createElement('script'), { src, async: true });
      Object.assign(script.dataset, { key, target: '#slot' });
      document.body.appendChild(script);
    }, { src: `${suite.world.appURL}/widget.js`, key: suite.world.siteKey });
    const widget = page.locator('leadharbor-widget');
    await widget.locator('#f-product-auto').click();
    await atStep(widget, 'about'); // the second chunk and its styles are in

    const after = await snapshot();
    expect(after).toEqual({ ...before, styled: ['leadharbor-widget'] });
    const themed = await widget.evaluate((host) => Array.from(host.style).filter((name) => name.startsWith('--lh-')).sort());
    expect(themed).toEqual(['--lh-bg', '--lh-font', '--lh-on-primary', '--lh-primary', '--lh-radius', '--lh-text']);
  });

  it('adds no global but LeadHarbor', async () => {
    const { page } = await suite.pool.open();
    const body = '<main id="slot"></main>';
    await page.goto(serveOnDemoOrigin(suite.world, 'bare.html', hostPage(body)));
    const bare = await page.evaluate(() => Object.keys(window));
    await page.goto(serveOnDemoOrigin(suite.world, 'embedded.html', hostPage(body + embedTag(suite.world, { target: '#slot' }))));
    const widget = page.locator('leadharbor-widget');
    await widget.locator('#f-product-auto').click();
    await atStep(widget, 'about');
    const embedded = await page.evaluate(() => Object.keys(window));
    expect(embedded.filter((name) => !bare.includes(name))).toEqual(['LeadHarbor']);
    expect(bare.filter((name) => !embedded.includes(name))).toEqual([]);
  });

  const FAILURES: [string, string | null, { status: number; body: string } | null][] = [
    ['a server error', null, { status: 500, body: '{"title":"boom"}' }],
    ['a configuration that is not JSON', null, { status: 200, body: '<html>proxy error</html>' }],
    ['a configuration of the wrong shape', null, { status: 200, body: '{"products":"none","organization":null}' }],
  ];
  it.each(FAILURES)('shows the retry screen, and throws nothing, on %s', async (_case, key, reply) => {
    const { page, context } = await suite.pool.open();
    if (reply) await context.route(`${suite.world.appURL}/api/v1/widget-config**`, (route) => route.fulfill({ contentType: 'application/json', ...reply }));
    await page.goto(serveOnDemoOrigin(suite.world, 'failing.html', hostPage(`<p>Partner copy</p>${embedTag(suite.world, {}, key ?? suite.world.siteKey)}`)));
    const widget = page.locator('leadharbor-widget');
    await atStep(widget, 'unavailable');
    expect(await widget.locator('#lh-h').innerText()).toBe('The quote form could not load.');
    expect(await page.locator('p').innerText()).toBe('Partner copy');
  });

  it('shows "not available" without a retry (none could work), and throws nothing, on an unknown site key (401)', async () => {
    const { page } = await suite.pool.open();
    await page.goto(serveOnDemoOrigin(suite.world, 'failing.html', hostPage(`<p>Partner copy</p>${embedTag(suite.world, {}, 'pk_unknownunknownunknownunknown1')}`)));
    const widget = page.locator('leadharbor-widget');
    await widget.locator('#lh-h', { hasText: 'Not available on this site.' }).waitFor();
    expect(await widget.getByRole('button').count()).toBe(0);
    expect(await page.locator('p').innerText()).toBe('Partner copy');
  });

  it('says nothing to the page when data-target matches no element', async () => {
    const { page } = await suite.pool.open();
    const warnings: string[] = [];
    page.on('console', (message) => { if (message.type() === 'warning') warnings.push(message.text()); });
    await page.goto(serveOnDemoOrigin(suite.world, 'no-target.html', hostPage(`<p>Partner copy</p>${embedTag(suite.world, { target: '#missing' })}`)));
    await page.waitForFunction(() => 'LeadHarbor' in window);
    await page.waitForLoadState('load');
    expect(await page.locator('leadharbor-widget').count()).toBe(0);
    expect(warnings).toEqual(['LeadHarbor: no element matches data-target="#missing"']);
  });

  it('runs two widgets on one page independently', async () => {
    const { page } = await suite.pool.open();
    const body = `<section id="one"></section><section id="two"></section>
      ${embedTag(suite.world, { target: '#one' })}${embedTag(suite.world, { target: '#two', product: 'life' })}`;
    await page.goto(serveOnDemoOrigin(suite.world, 'two.html', hostPage(body)));
    const loaded = Date.now();
    const [one, two] = [page.locator('#one leadharbor-widget'), page.locator('#two leadharbor-widget')];
    await Promise.all([atStep(one, 'product'), atStep(two, 'product')]);
    expect(await two.locator('#f-product-life').getAttribute('aria-pressed')).toBe('true');
    expect(await one.locator('#f-product-life').getAttribute('aria-pressed')).toBe('false');
    await page.evaluate(() => {
      document.querySelectorAll('leadharbor-widget').forEach((host, i) => host.addEventListener('leadharbor:submitted', () => { host.setAttribute('data-heard', String(i)); }));
    });

    const email = uniqueEmail('two-widgets');
    await fillToConsent(one, visitor('two-widgets', { email, product: 'auto' }), { tick: false });
    expect(await two.locator('[data-step]').getAttribute('data-step')).toBe('product');
    await one.locator('#f-consent').check();
    await page.waitForTimeout(loaded + MIN_FILL_MILLISECONDS + 100 - Date.now()); // faster than a person is filed as spam
    await proceed(one);
    await atStep(one, 'done');
    expect(await one.locator('#lh-ref').innerText()).toMatch(/\S{6,}/);

    expect(await two.locator('[data-step]').getAttribute('data-step')).toBe('product');
    expect(await two.locator('#lh-h').innerText()).toBe('What would you like a quote for?');
    expect(await page.locator('leadharbor-widget[data-heard]').evaluateAll((hosts) => hosts.map((h) => h.closest('section')!.id))).toEqual(['one']);
    expect((await suite.world.client.query('SELECT 1 FROM leads WHERE email = $1', [email])).rowCount).toBe(1);
    await two.locator('#f-product-life').click();
    await atStep(two, 'about');
    expect(await two.locator('#f-first_name').inputValue()).toBe('');
  });
});

describe('popup mode', () => {
  const focused = (widget: Locator) => widget.evaluate((host) => {
    const active = host.shadowRoot!.activeElement;
    return document.activeElement === host && active ? (active.id || active.className) : null;
  });
  const isOpen = (widget: Locator) => widget.locator('dialog').evaluate((d) => (d as HTMLDialogElement).open);

  it('opens from the floating button with the preselected product, and Escape closes it back to the button', async () => {
    const { page } = await suite.pool.open();
    await page.goto('/popup.html');
    const widget = page.locator('leadharbor-widget');
    const fab = widget.getByRole('button', { name: 'Get a quote' });
    await fab.click();
    await widget.locator('dialog[open] [data-step="product"]').waitFor();
    expect(await focused(widget)).toBe('lh-h');
    expect(await widget.locator('#f-product-home').getAttribute('aria-pressed')).toBe('true');
    expect(await widget.getByRole('dialog').getAttribute('aria-labelledby')).toBe('lh-h');

    await page.keyboard.press('Escape');
    await widget.locator('dialog:not([open])').waitFor({ state: 'attached' });
    expect(await focused(widget)).toBe('b fab');
    await page.locator('#open-quote').click(); // the page's own button: LeadHarbor('open')
    await widget.locator('dialog[open] #lh-h').waitFor();
    expect(await focused(widget)).toBe('lh-h');
    await widget.getByRole('button', { name: 'Close' }).click();
    expect(await isOpen(widget)).toBe(false);
  });

  it("opens for a LeadHarbor('open') the page queued before widget.js arrived", async () => {
    const { page } = await suite.pool.open();
    const head = `<script>window.LeadHarbor = window.LeadHarbor || function () { (LeadHarbor.q = LeadHarbor.q || []).push(arguments); };
      LeadHarbor('open');</script>`;
    await page.goto(serveOnDemoOrigin(suite.world, 'queued-open.html', hostPage(`<p>Partner</p>${embedTag(suite.world, { mode: 'popup', product: 'pet' })}`, head)));
    const widget = page.locator('leadharbor-widget');
    await widget.locator('dialog[open] [data-step="product"]').waitFor();
    expect(await widget.locator('#f-product-pet').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Escape');
    expect(await isOpen(widget)).toBe(false);
  });
});

describe('language and small screens', () => {
  async function expectSpanish(page: Page) {
    const widget = page.locator('leadharbor-widget');
    await atStep(widget, 'product');
    expect(await widget.locator('#lh-h').innerText()).toBe('¿Qué quieres asegurar?');
    expect(await widget.locator('#f-product-home').innerText()).toBe('Hogar');
    expect(await widget.locator('.lh').getAttribute('lang')).toBe('es');
    await widget.locator('#f-product-auto').click();
    await atStep(widget, 'about');
    expect(await widget.locator('#lh-h').innerText()).toBe('Sobre ti');
    expect(await widget.locator('label[for=f-first_name]').innerText()).toBe('Nombre');
    expect(await widget.locator('button[type=submit]').innerText()).toBe('Continuar');
    await widget.locator('#f-date_of_birth').fill('1985-13-40');
    await widget.locator('#f-date_of_birth').press('Tab'); // checked as the visitor leaves it
    expect(await widget.locator('#e-date_of_birth').innerText()).toBe('Escribe una fecha real con el formato DD/MM/AAAA, como 12/04/1985.');
    await proceed(widget);
    expect(await widget.locator('#e-first_name').innerText()).toBe('Este campo es obligatorio.');
    expect(await widget.locator('.sr[role=status]').innerText()).toBe('Corrige los campos marcados.');
  }

  it('speaks Spanish with data-lang="es"', async () => {
    const { page } = await suite.pool.open();
    await page.goto(serveOnDemoOrigin(suite.world, 'es.html', hostPage(embedTag(suite.world, { lang: 'es' }))));
    await expectSpanish(page);
  });

  it("speaks Spanish to a browser whose language is Spanish, without data-lang", async () => {
    const { page } = await suite.pool.open({ locale: 'es-ES' });
    await page.goto(serveOnDemoOrigin(suite.world, 'browser-es.html', hostPage(embedTag(suite.world))));
    await expectSpanish(page);
  });

  it('fits a 320 px wide screen at every step without horizontal scrolling', async () => {
    const { page } = await suite.pool.open({ viewport: { width: 320, height: 640 } });
    await page.goto(serveOnDemoOrigin(suite.world, 'narrow.html', hostPage(embedTag(suite.world))));
    const widget = page.locator('leadharbor-widget');
    const overflow = () => page.evaluate(() => {
      const host = document.querySelector('leadharbor-widget')!;
      const wide = Array.from(host.shadowRoot!.querySelectorAll('*')).filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5).map((el) => el.id || el.localName);
      return { scrollWidth: document.documentElement.scrollWidth, innerWidth, wide };
    });
    const fits = { scrollWidth: 320, innerWidth: 320, wide: [] };
    await atStep(widget, 'product');
    expect(await overflow()).toEqual(fits);
    await widget.locator('#f-product-business').click();
    await atStep(widget, 'about');
    await proceed(widget); // every error message on screen
    await widget.locator('#e-first_name').waitFor();
    expect(await overflow()).toEqual(fits);
    await widget.getByRole('button', { name: 'Back' }).click();
    await fillToConsent(widget, visitor('narrow', { product: 'business' }), { tick: false });
    expect(await overflow()).toEqual(fits);
  });
});
