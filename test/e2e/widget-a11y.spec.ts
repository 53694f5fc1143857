import type { Locator } from 'playwright-core';
import { MIN_FILL_MILLISECONDS } from '../../server/intake/intake.service.js';
import { axeViolations, describeViolations } from '../support/widget-axe.js';
import { atStep, embedTag, hostPage, proceed, serveOnDemoOrigin, uniqueEmail, widgetSuite } from '../support/widget-embed.js';
import { fillToConsent, visitor } from '../support/widget-page.js';

/**
 * axe-core (WCAG 2.0 and 2.1, A and AA) inside the widget's shadow root, in
 * headless Chromium on the partner demo page, at every screen a visitor can
 * reach: the four steps, with errors showing, the result screens and the
 * popup dialog.
 */

const suite = widgetSuite('e2e_widget_a11y');

/** Zero violations on the widget's current screen; on failure the diff lists each rule and element. */
async function expectAccessible(widget: Locator, screen: string): Promise<void> {
  const violations = describeViolations(await axeViolations(widget));
  expect({ screen, violations }).toEqual({ screen, violations: [] });
}

describe('the widget passes axe (WCAG 2.1 AA) inside its shadow root', () => {
  it('at every step of the inline form, errors showing or not, through to the reference', async () => {
    const { page } = await suite.pool.open();
    await page.goto('/');
    const loaded = Date.now();
    const widget = page.locator('leadharbor-widget');
    await atStep(widget, 'product');
    await expectAccessible(widget, 'product');

    await widget.locator('#f-product-auto').click();
    await atStep(widget, 'about');
    await expectAccessible(widget, 'about');
    await widget.locator('#f-zip_code').fill('9410');
    await proceed(widget);
    await widget.locator('#e-first_name').waitFor();
    const invalid = await widget.locator('[aria-invalid=true]').evaluateAll((fields) => fields.map((f) => f.id));
    expect(invalid).toEqual(['f-first_name', 'f-last_name', 'f-zip_code']);
    await expectAccessible(widget, 'about, three fields in error');

    await widget.getByRole('button', { name: 'Back' }).click();
    await fillToConsent(widget, visitor('a11y', { product: 'auto' }), { tick: false });
    await expectAccessible(widget, 'consent');

    await widget.getByRole('button', { name: 'Back' }).click();
    await atStep(widget, 'contact');
    await expectAccessible(widget, 'contact');
    await widget.locator('#f-email').fill('maria@');
    await proceed(widget);
    await widget.locator('#e-email').waitFor();
    await expectAccessible(widget, 'contact, email in error');
    await widget.locator('#f-email').fill(uniqueEmail('a11y'));
    await proceed(widget);
    await atStep(widget, 'consent');

    await widget.locator('#f-consent').check();
    await page.waitForTimeout(loaded + MIN_FILL_MILLISECONDS + 100 - Date.now()); // faster than a person is filed as spam
    await proceed(widget);
    await atStep(widget, 'done');
    await expectAccessible(widget, 'done');
  });

  it('in the popup dialog, open on step 1 and on step 2', async () => {
    const { page } = await suite.pool.open();
    await page.goto('/popup.html');
    const widget = page.locator('leadharbor-widget');
    await expectAccessible(widget, 'popup button');
    await widget.getByRole('button', { name: 'Get a quote' }).click();
    await widget.locator('dialog[open] [data-step="product"]').waitFor();
    await expectAccessible(widget, 'popup open, product');
    await widget.locator('#f-product-home').click();
    await atStep(widget, 'about');
    await expectAccessible(widget, 'popup open, about');
  });

  it('on the saved-on-this-device, failure, could-not-load and not-available screens', async () => {
    const { page, context } = await suite.pool.open();
    await page.goto('/');
    const widget = page.locator('leadharbor-widget');
    await fillToConsent(widget, visitor('a11y-offline', { product: 'auto' }), { tick: false });
    await widget.locator('#f-consent').check();
    await context.setOffline(true);
    await proceed(widget);
    await atStep(widget, 'queued');
    await expectAccessible(widget, 'queued');
    await context.setOffline(false);

    const forbidden = { status: 403, contentType: 'application/problem+json', body: JSON.stringify({ title: 'Forbidden', status: 403, detail: "This page's origin is not allowed." }) };
    await context.route(`${suite.world.appURL}/api/v1/leads`, (route) => route.fulfill(forbidden));
    await page.evaluate(() => localStorage.clear()); // the queued fill must not be sent on the next page view
    await page.reload();
    await fillToConsent(widget, visitor('a11y-failed', { product: 'auto' }), { tick: false });
    await widget.locator('#f-consent').check();
    await proceed(widget);
    await atStep(widget, 'error');
    await expectAccessible(widget, 'failed');

    await context.route(`${suite.world.appURL}/api/v1/widget-config**`, (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{}' }));
    await page.reload();
    await atStep(widget, 'unavailable');
    await expectAccessible(widget, 'unavailable');
    await context.unroute(`${suite.world.appURL}/api/v1/widget-config**`);

    await page.goto(serveOnDemoOrigin(suite.world, 'bad-key.html', hostPage(embedTag(suite.world, {}, 'pk_unknownunknownunknownunknown1'))));
    await widget.locator('#lh-h', { hasText: 'Not available on this site.' }).waitFor();
    await expectAccessible(widget, 'not available');
  });
});
