import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { DATE_INPUT } from '../../widget/src/validate.js';
import { CONSENT_TEXT } from '../support/intake-fixture.js';
import { atStep, embedTag, hostPage, proceed, serveOnDemoOrigin, uniqueEmail, widgetSuite } from '../support/widget-embed.js';
import { humanPace, leadsByEmail } from '../support/widget-page.js';

/**
 * The quote form as English and Spanish visitors fill it, in headless
 * Chromium on a partner page: the date of birth typed the way each writes
 * it (slashes put in as they type, a clear error for a date that does not
 * exist) and stored as an ISO date, and the consent text in their language,
 * stored with the language it was shown in.
 */
const suite = widgetSuite('e2e_widget_form_content');
const SPANISH = 'Acepto que Harborview Insurance me llame y me envíe mensajes de texto sobre seguros al teléfono que di.\nDar mi consentimiento no es condición para comprar.';
/** Screenshots of the screens this change touched, for a person to look at (SHOTS_DIR=… to keep them). */
const SHOTS = process.env.SHOTS_DIR;
const VIEWPORTS = [{ name: 'desktop', width: 1440, height: 900 }, { name: 'phone', width: 390, height: 844 }];

async function shoot(page: Page, widget: Locator, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  const viewport = page.viewportSize()!;
  await widget.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/${name}-${viewport.width}x${viewport.height}.png`, fullPage: viewport.width < 500 });
}

async function consentRows(email: string) {
  return (await suite.world.client.query(
    `SELECT c.granted, c.consent_text, c.language FROM consents c JOIN leads l ON l.id = c.lead_id WHERE l.email = $1`, [email])).rows;
}

let phones = 0;

/** Fills the form as a visitor in `lang` would, typing the date of birth key by key, and submits it. */
async function fillAndSubmit(page: Page, widget: Locator, opts: {
  lang: 'en' | 'es'; typed: string; shown: string; email: string; consentText: string; shots: string; since: number;
}): Promise<void> {
  await widget.locator('#f-product-auto').click();
  await atStep(widget, 'about');
  await widget.locator('#f-first_name').fill('María');
  await widget.locator('#f-last_name').fill('García');
  const dob = widget.locator('#f-date_of_birth');
  await dob.pressSequentially(opts.typed);
  expect(await dob.inputValue()).toBe(opts.shown);
  await widget.locator('#f-zip_code').fill('94107');
  await widget.locator('#f-state').selectOption('CA');
  await shoot(page, widget, `${opts.shots}-date-of-birth`);
  await proceed(widget);
  await atStep(widget, 'contact');
  await widget.locator('#f-email').fill(opts.email);
  // A phone of its own: the same number twice would be taken for a duplicate of the earlier lead.
  phones += 1;
  await widget.locator('#f-phone').fill(`(415) 555-${String(200 + phones).padStart(4, '0')}`);
  await proceed(widget);
  await atStep(widget, 'consent');
  expect(await widget.locator('label[for="f-consent"]').innerText()).toBe(opts.consentText);
  expect(await widget.locator('#f-consent').isChecked()).toBe(false);
  // The label's own language when it differs from the form's (a Spanish form showing the English text).
  expect(await widget.locator('label[for="f-consent"]').getAttribute('lang')).toBe(opts.consentText === CONSENT_TEXT && opts.lang === 'es' ? 'en' : null);
  await shoot(page, widget, `${opts.shots}-consent`);
  await widget.locator('#f-consent').check();
  await humanPace(opts.since);
  await proceed(widget);
  await atStep(widget, 'done');
}

describe('date of birth and consent, in the visitor\'s language', () => {
  beforeAll(async () => {
    await suite.world.client.query('UPDATE site_keys SET consent_text_es = $1 WHERE key = $2', [SPANISH, suite.world.siteKey]);
  });

  it.each(VIEWPORTS)('English ($name): MM/DD/YYYY with its hint, 02/30/1990 refused in words, 04/12/1985 stored as 1985-04-12 with the English consent', async (viewport) => {
    const { page } = await suite.pool.open({ viewport });
    await page.goto(serveOnDemoOrigin(suite.world, 'en.html', hostPage(embedTag(suite.world))));
    const since = Date.now();
    const widget = page.locator('leadharbor-widget');
    await atStep(widget, 'product');
    await widget.locator('#f-product-auto').click();
    await atStep(widget, 'about');
    const dob = widget.locator('#f-date_of_birth');
    expect(await widget.locator('#h-date_of_birth').innerText()).toBe('MM/DD/YYYY, for example 04/12/1985');
    expect(await dob.getAttribute('aria-describedby')).toContain('h-date_of_birth');
    expect(await dob.getAttribute('inputmode')).toBe('numeric');
    await dob.pressSequentially('02301990');
    expect(await dob.inputValue()).toBe('02/30/1990');
    await dob.press('Tab');
    expect(await widget.locator('#e-date_of_birth').innerText()).toBe(DATE_INPUT.en.invalid);
    expect(await dob.getAttribute('aria-invalid')).toBe('true');
    await shoot(page, widget, 'en-date-of-birth-error');
    await dob.fill('');
    await widget.getByRole('button', { name: 'Back' }).click();
    await atStep(widget, 'product');

    const email = uniqueEmail(`dob-en-${viewport.name}`);
    await fillAndSubmit(page, widget, { lang: 'en', typed: '04121985', shown: '04/12/1985', email, consentText: CONSENT_TEXT, shots: 'en', since });
    expect(await leadsByEmail(suite.world.client, email)).toEqual([expect.objectContaining({ date_of_birth: '1985-04-12' })]);
    expect(await consentRows(email)).toEqual([{ granted: true, consent_text: CONSENT_TEXT, language: 'en' }]);
  });

  it.each(VIEWPORTS)('Spanish by data-lang ($name): DD/MM/AAAA, 30/02/1990 refused in Spanish, 12/04/1985 stored as 1985-04-12 with the Spanish consent', async (viewport) => {
    const { page } = await suite.pool.open({ viewport });
    await page.goto(serveOnDemoOrigin(suite.world, 'es.html', hostPage(embedTag(suite.world, { lang: 'es' }))));
    const since = Date.now();
    const widget = page.locator('leadharbor-widget');
    await atStep(widget, 'product');
    await widget.locator('#f-product-auto').click();
    await atStep(widget, 'about');
    const dob = widget.locator('#f-date_of_birth');
    expect(await widget.locator('#h-date_of_birth').innerText()).toBe('DD/MM/AAAA, por ejemplo 12/04/1985');
    await dob.pressSequentially('30/2/1990');
    expect(await dob.inputValue()).toBe('30/02/1990');
    await dob.press('Tab');
    expect(await widget.locator('#e-date_of_birth').innerText()).toBe(DATE_INPUT.es.invalid);
    await shoot(page, widget, 'es-date-of-birth-error');
    await dob.fill('');
    await widget.locator('button.b2').click();
    await atStep(widget, 'product');

    const email = uniqueEmail(`dob-es-${viewport.name}`);
    await fillAndSubmit(page, widget, { lang: 'es', typed: '12041985', shown: '12/04/1985', email, consentText: SPANISH, shots: 'es', since });
    expect(await leadsByEmail(suite.world.client, email)).toEqual([expect.objectContaining({ date_of_birth: '1985-04-12' })]);
    expect(await consentRows(email)).toEqual([{ granted: true, consent_text: SPANISH, language: 'es' }]);
  });

  it('Spanish by the browser\'s language, without data-lang: the Spanish consent and a day-first date', async () => {
    const { page } = await suite.pool.open({ locale: 'es-ES' });
    await page.goto(serveOnDemoOrigin(suite.world, 'browser-es-consent.html', hostPage(embedTag(suite.world))));
    const since = Date.now();
    const widget = page.locator('leadharbor-widget');
    await atStep(widget, 'product');
    const email = uniqueEmail('dob-browser-es');
    await fillAndSubmit(page, widget, { lang: 'es', typed: '01/02/1990', shown: '01/02/1990', email, consentText: SPANISH, shots: 'es-browser', since });
    expect(await leadsByEmail(suite.world.client, email)).toEqual([expect.objectContaining({ date_of_birth: '1990-02-01' })]);
    expect(await consentRows(email)).toEqual([{ granted: true, consent_text: SPANISH, language: 'es' }]);
  });

  it('shows a Spanish visitor the English text, marked as English, when the key has no Spanish text, and records it as English', async () => {
    await suite.world.client.query('UPDATE site_keys SET consent_text_es = NULL WHERE key = $1', [suite.world.siteKey]);
    try {
      const { page } = await suite.pool.open();
      await page.goto(serveOnDemoOrigin(suite.world, 'es-no-spanish.html', hostPage(embedTag(suite.world, { lang: 'es' }))));
      const since = Date.now();
      const widget = page.locator('leadharbor-widget');
      await atStep(widget, 'product');
      const email = uniqueEmail('consent-fallback');
      await fillAndSubmit(page, widget, { lang: 'es', typed: '12041985', shown: '12/04/1985', email, consentText: CONSENT_TEXT, shots: 'es-fallback', since });
      expect(await consentRows(email)).toEqual([{ granted: true, consent_text: CONSENT_TEXT, language: 'en' }]);
    } finally {
      await suite.world.client.query('UPDATE site_keys SET consent_text_es = $1 WHERE key = $2', [SPANISH, suite.world.siteKey]);
    }
  });
});
