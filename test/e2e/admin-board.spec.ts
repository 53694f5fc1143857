import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { Lead, Organization, User, UserRole } from '../../models/index.js';
import { LEAD_PRIORITIES, LEAD_STATUSES } from '../../models/value-sets.js';
import { hashPassword } from '../../server/auth/password.js';
import { SLOW, browserSuite, signIn } from '../support/browser.js';
import { AA_NORMAL_TEXT, contrastRatio } from '../support/contrast.js';

const PASSWORD = 'correct-horse-battery';
const STAFF = 'staff@board.e2e.test';
const ARTIFACTS = path.resolve('test/artifacts');
const SIZES = { phone: { width: 390, height: 844 }, laptop: { width: 1280, height: 800 }, desktop: { width: 1440, height: 900 } };
const CHICAGO = '+13125550119';
const LONDON = '+442079460958';

const ids = { chicago: 0, byDrag: 0, byKeyboard: 0, byTap: 0 };

const suite = browserSuite('e2e_board', async () => {
  const org = await Organization.create({ name: 'Board Brokers', slug: 'board-brokers' } as never);
  const staff = await User.create({ email: STAFF, hashed_password: await hashPassword(PASSWORD), first_name: 'Bo', last_name: 'Staff', organization_id: org.id } as never);
  await UserRole.create({ user_id: staff.id, role: 'manager' });
  const lead = async (first: string, extra: object) => (await Lead.create({
    first_name: first, last_name: 'Lead', email: `${first.toLowerCase()}@board.e2e.test`, organization_id: org.id, score: 55, ...extra,
  } as never)).id;
  // One lead in every column, so each column has a first card; the first one is the Chicago number the tests read.
  for (const [i, status] of LEAD_STATUSES.entries()) {
    const id = await lead(`Maximiliana${status[0]!.toUpperCase()}${status.slice(1)}`, { status, priority: LEAD_PRIORITIES[i % LEAD_PRIORITIES.length], phone: i === 1 ? LONDON : CHICAGO });
    if (i === 0) ids.chicago = id;
  }
  ids.byDrag = await lead('Dora', {});
  ids.byKeyboard = await lead('Kim', {});
  ids.byTap = await lead('Tess', {});
});

beforeEach(() => signIn(suite.isolated.context, suite.app.baseURL, STAFF, PASSWORD));

const statusOf = async (id: number) => (await Lead.findByPk(id))!.status;
const header = (status: string) => suite.page.locator(`[data-status="${status}"] [data-badge="status"]`).first();
const firstCard = (status: string) => suite.page.locator(`[data-status="${status}"] [data-lead-id]`).first();

/** Where a person sees an element: inside the viewport (or `fully` inside its width), and the topmost element at its centre. */
function seen(target: Locator) {
  return target.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const inside = box.width > 0 && box.left >= -0.5 && box.right <= window.innerWidth + 0.5 && box.top >= 0 && box.bottom <= window.innerHeight + 0.5;
    const hit = inside ? document.elementFromPoint(x, y) : null;
    return { inside, onTop: hit !== null && (hit === el || el.contains(hit)) };
  });
}

async function shoot(name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await suite.page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

async function openBoard(size: keyof typeof SIZES): Promise<void> {
  await suite.page.setViewportSize(SIZES[size]);
  await suite.page.goto('/admin/pages/board');
  await firstCard('archived').waitFor();
}

/** Scrolls the board sideways (not the page) to a column, as a swipe would, and waits for the snap to settle. */
async function scrollBoardTo(status: string, offBy = 0): Promise<void> {
  await suite.page.locator(`[data-status="${status}"]`).evaluate(async (el, off) => {
    const column = el as HTMLElement;
    const strip = column.parentElement!;
    strip.scrollTo({ left: column.offsetLeft - strip.offsetLeft + off, behavior: 'instant' });
    let last = -1;
    while (last !== strip.scrollLeft) { last = strip.scrollLeft; await new Promise((r) => setTimeout(r, 150)); }
  }, offBy);
}

describe('the pipeline board on a phone, a laptop and a desktop', () => {
  it.each(['laptop', 'desktop'] as const)('shows all seven columns on a %s without scrolling, each first card whole', async (size) => {
    await openBoard(size);
    for (const status of LEAD_STATUSES) {
      expect({ status, header: await seen(header(status)) }).toEqual({ status, header: { inside: true, onTop: true } });
      expect({ status, card: await seen(firstCard(status)) }).toEqual({ status, card: { inside: true, onTop: true } });
    }
    const strip = await suite.page.locator('[data-status="new"]').evaluate((c) => ({ scroll: c.parentElement!.scrollWidth, client: c.parentElement!.clientWidth }));
    expect(strip.scroll).toBeLessThanOrEqual(strip.client); // nothing hidden to the side
    await shoot(`board-${SIZES[size].width}`);
  }, SLOW);

  it('reaches every column on a phone by scrolling the board sideways, snapping to a whole column', async () => {
    await openBoard('phone');
    await shoot('board-390');
    for (const status of LEAD_STATUSES) {
      await scrollBoardTo(status, status === 'new' ? 0 : 30); // a swipe that stops short of the column's edge
      expect({ status, header: await seen(header(status)) }).toEqual({ status, header: { inside: true, onTop: true } });
      const box = (await firstCard(status).boundingBox())!;
      expect({ status, left: box.x >= 0, right: box.x + box.width <= SIZES.phone.width }).toEqual({ status, left: true, right: true });
      expect({ status, card: await seen(firstCard(status)) }).toEqual({ status, card: { inside: true, onTop: true } });
    }
    await shoot('board-390-archived');
  }, SLOW);

  it('moves a card by dragging it, by its "Move to" menu from the keyboard, and by tapping the menu on a phone', async () => {
    await openBoard('desktop');
    await suite.page.locator(`[data-lead-id="${ids.byDrag}"]`).dragTo(suite.page.locator('[data-status="qualified"]'));
    await suite.page.locator(`[data-status="qualified"] [data-lead-id="${ids.byDrag}"]`).waitFor();
    expect(await statusOf(ids.byDrag)).toBe('qualified');

    const menu = suite.page.getByLabel('Move Kim Lead to');
    await menu.focus();
    await suite.page.keyboard.press('ArrowDown'); // opens the menu on the current column, New
    for (let i = 0; i < 3; i += 1) await suite.page.keyboard.press('ArrowDown');
    await suite.page.keyboard.press('Enter');
    await suite.page.locator(`[data-status="nurturing"] [data-lead-id="${ids.byKeyboard}"]`).waitFor();
    expect(await statusOf(ids.byKeyboard)).toBe('nurturing');

    await openBoard('phone');
    const card = suite.page.locator(`[data-lead-id="${ids.byTap}"]`);
    await card.getByText('New', { exact: true }).click();
    const option = suite.page.getByRole('option', { name: 'Converted' });
    expect(await seen(option)).toEqual({ inside: true, onTop: true });
    await option.click();
    await suite.page.locator(`[data-status="converted"] [data-lead-id="${ids.byTap}"]`).waitFor();
    expect(await statusOf(ids.byTap)).toBe('converted');
  }, SLOW);
});

/** A badge's computed text and background colours, as the browser paints them. */
const colours = (badge: Locator) => badge.evaluate((el) => {
  const style = getComputedStyle(el);
  return { text: style.color, background: style.backgroundColor };
});

describe('status and priority badges, and phones, where staff read them', () => {
  it('shows each status and priority on the leads list as a badge of its own colour, with AA contrast', async () => {
    await suite.page.setViewportSize(SIZES.desktop);
    await suite.page.goto('/admin/resources/leads');
    const painted = new Map<string, string>();
    for (const [field, values] of [['status', LEAD_STATUSES], ['priority', LEAD_PRIORITIES]] as const) {
      for (const value of values) {
        const badge = suite.page.locator(`[data-badge="${field}"][data-value="${value}"]`).first();
        await badge.scrollIntoViewIfNeeded();
        expect({ value, seen: await seen(badge) }).toEqual({ value, seen: { inside: true, onTop: true } });
        const { text, background } = await colours(badge);
        expect({ value, passesAA: contrastRatio(text, background) >= AA_NORMAL_TEXT }).toEqual({ value, passesAA: true });
        painted.set(`${field}:${value}`, background);
      }
      const backgrounds = values.map((v) => painted.get(`${field}:${v}`));
      expect(new Set(backgrounds).size).toBe(values.length); // no two values of one field look alike
    }
    await shoot('leads-list-1440');
    await suite.page.setViewportSize(SIZES.phone);
    await shoot('leads-list-390');
  }, SLOW);

  it('shows phones formatted for reading, dialling E.164, on the list, the lead page and the board', async () => {
    await suite.page.setViewportSize(SIZES.desktop);
    await suite.page.goto('/admin/resources/leads');
    const chicago = suite.page.getByRole('link', { name: '(312) 555-0119' }).first();
    await chicago.waitFor();
    expect(await chicago.getAttribute('href')).toBe(`tel:${CHICAGO}`);
    expect(await suite.page.getByRole('link', { name: '+44 20 7946 0958' }).getAttribute('href')).toBe(`tel:${LONDON}`);

    await suite.page.goto(`/admin/resources/leads/records/${ids.chicago}/show`);
    const onPage = suite.page.getByRole('link', { name: '(312) 555-0119' });
    await onPage.waitFor();
    expect(await onPage.getAttribute('href')).toBe(`tel:${CHICAGO}`);
    const status = suite.page.locator('[data-badge="status"][data-value="new"]');
    expect(await seen(status)).toEqual({ inside: true, onTop: true });
    expect(await suite.page.locator('[data-badge="priority"][data-value="low"]').count()).toBe(1); // the first lead's priority
    await shoot('lead-page-1440');
    await suite.page.setViewportSize(SIZES.phone);
    await shoot('lead-page-390');

    await openBoard('desktop');
    const onCard = suite.page.locator(`[data-lead-id="${ids.chicago}"]`).getByRole('link', { name: '(312) 555-0119' });
    expect(await onCard.getAttribute('href')).toBe(`tel:${CHICAGO}`);
    expect((await Lead.findByPk(ids.chicago))!.phone).toBe(CHICAGO); // shown formatted, stored as it was
  }, SLOW);
});
