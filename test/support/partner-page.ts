import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { atStep } from './widget-embed.js';
import { fillToConsent, humanPace, visitor } from './widget-page.js';

/** Helpers for the widget on real partner pages (test/e2e/widget-real-pages.spec.ts, widget-embedding.spec.ts). */
export const NOT_AVAILABLE = 'Not available on this site.';

/**
 * The policy a partner adds for the widget, read from the README's "Content
 * Security Policy" section (so the recipe partners copy is the one tested),
 * with its example address replaced by this app's.
 */
const README_POLICY = /Tested in Chromium with exactly `([^`]+)`/.exec(readFileSync('README.md', 'utf8'))?.[1];
export const recipe = (app: string) => {
  if (!README_POLICY?.includes('https://leads.example.com')) throw new Error('README.md lost its tested CSP recipe ("Tested in Chromium with exactly `…`")');
  return README_POLICY.replaceAll('https://leads.example.com', app);
};

/** Records the page's CSP violations (from the `securitypolicyviolation` event, installed before any page script) and its console. */
export async function watch(page: Page): Promise<{ violations: () => Promise<string[]>; console: string[] }> {
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
export async function fillAndSubmit(w: Locator, tag: string) {
  const shownAt = Date.now();
  const v = visitor(tag);
  await fillToConsent(w, v);
  await humanPace(shownAt);
  await w.getByRole('button', { name: 'Get my quote' }).click();
  await atStep(w, 'done');
  return { v, reference: (await w.locator('#lh-ref').innerText()).trim() };
}

/** Waits until `check` holds (checked every 100 ms), failing after `ms`. */
export async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; !check();) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const leadKeys = (console: string[]) => console.filter((line) => line.startsWith('LeadHarbor:'));
