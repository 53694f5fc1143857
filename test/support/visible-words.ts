import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Sequelize } from 'sequelize';
import { ApiKey, Consent, Lead, LeadSubmission, Organization } from '../../models/index.js';
import { newSecretKey } from '../../server/auth/keys.js';
import { DEFAULT_ADMIN_EMAIL, seedDemoData } from '../../server/seed/seed.js';

export const SUPERUSER = DEFAULT_ADMIN_EMAIL;
export const SUPERUSER_PASSWORD = 'words-password-123';
export const ARTIFACTS = path.resolve('test/artifacts');
export const SIZES = [{ width: 1440, height: 900 }, { width: 390, height: 844 }] as const;

/**
 * The demo data (an organization with its catalogue, campaigns, staff, site
 * key and leads, and the superuser), plus what the seed does not make: an
 * API key, a submission and its consent, so every resource has a row to open.
 */
export async function seedEveryResource(sequelize: Sequelize): Promise<void> {
  await seedDemoData(sequelize, { leads: 12, adminPassword: SUPERUSER_PASSWORD });
  const org = (await Organization.findOne())!;
  const secret = newSecretKey();
  await ApiKey.create({ name: 'Partner website', key_hash: secret.hash, prefix: secret.prefix, organization_id: org.id } as never);
  const lead = (await Lead.findOne({ order: [['id', 'ASC']] }))!;
  const submission = await LeadSubmission.create({ organization_id: org.id, lead_id: lead.id, reference: 'LH-WORDS01', outcome: 'created', payload: { first_name: lead.first_name } } as never);
  await Consent.create({ organization_id: org.id, lead_id: lead.id, submission_id: submission.id, granted: true, consent_version: 'v1', language: 'en', consent_text: 'You may call me.' } as never);
}

/**
 * Moves the admin (already loaded) to `url` the way its own links do, without
 * reloading AdminJS's scripts: react-router follows the history.
 */
export async function go(page: Page, url: string): Promise<void> {
  if (!page.url().includes('/admin')) {
    await page.goto(url);
  } else {
    await page.evaluate((to) => { window.history.pushState({}, '', to); window.dispatchEvent(new PopStateEvent('popstate')); }, url);
  }
  await page.waitForLoadState('networkidle');
}

export interface ScreenWords {
  headings: string[];
  breadcrumbs: string[];
  notices: string[];
  empty: string[];
}

/**
 * The words a person sees on the screen: headings, breadcrumbs, notices and
 * an empty list's message, each only if it is inside the viewport and the
 * topmost element at its centre (so a heading hidden behind a drawer or
 * scrolled away does not count).
 */
export function screenWords(page: Page): Promise<ScreenWords> {
  return page.evaluate(() => {
    const seen = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.bottom <= 0 || r.right <= 0 || r.top >= innerHeight || r.left >= innerWidth) return false;
      const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
      const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
      const top = document.elementFromPoint(x, y);
      return top !== null && (el === top || el.contains(top));
    };
    const texts = (selector: string) => Array.from(document.querySelectorAll(selector)).filter(seen).map((el) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim()).filter(Boolean);
    return {
      headings: texts('h1, h2, h3, h4, h5'),
      breadcrumbs: texts('nav[aria-label="You are here"] a'),
      notices: texts('[data-testid="notice-wrapper"]'),
      empty: texts('[data-testid="no-records"]'),
    };
  });
}

/** Waits until a visible heading reads `heading` (a string or pattern), and returns the screen's words. */
export async function waitForHeading(page: Page, heading: string | RegExp): Promise<ScreenWords> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const words = await screenWords(page);
    if (words.headings.some((h) => (typeof heading === 'string' ? h === heading : heading.test(h)))) return words;
    if (Date.now() > deadline) throw new Error(`No visible heading ${String(heading)}; seen: ${JSON.stringify(words)}`);
    await page.waitForTimeout(200);
  }
}

/** Saves a screenshot of the viewport to test/artifacts/words-<name>-<width>.png. */
export async function shoot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `words-${name}-${page.viewportSize()!.width}.png`) });
}
