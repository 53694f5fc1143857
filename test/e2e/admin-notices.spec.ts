import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Lead, Organization, User, UserRole } from '../../models/index.js';
import { hashPassword } from '../../server/auth/password.js';
import { SLOW, browserSuite, signIn } from '../support/browser.js';
import { SEEN, seenByPerson, withinViewportWidth } from '../support/seen.js';

/**
 * The admin's notices as staff meet them, at a laptop and a phone size: a
 * save with an error shows a red notice that stays; the save that fixes it
 * shows a green one and the red one goes; the green one goes by itself a few
 * seconds later; every notice fits the screen's width. Also the sign-in
 * form, whose button reads "Sign in". Screens are saved to
 * test/artifacts/notices-*.png.
 */
const PASSWORD = 'correct-horse-battery';
const STAFF = 'staff@notices.e2e.test';
const ARTIFACTS = path.resolve('test/artifacts');
const SIZES = [{ width: 1440, height: 900 }, { width: 390, height: 844 }] as const;
const NEEDS_ATTENTION = 'Some fields need attention: see the messages under them.';
const SAVED = 'Lead saved.';
let leadId = 0;

const suite = browserSuite('e2e_admin_notices', async () => {
  const org = await Organization.create({ name: 'Notice Agency', slug: 'notice-agency' } as never);
  const staff = await User.create({ email: STAFF, hashed_password: await hashPassword(PASSWORD), first_name: 'Nora', last_name: 'Notice', organization_id: org.id } as never);
  await UserRole.create({ user_id: staff.id, role: 'admin' });
  leadId = (await Lead.create({ first_name: 'Nell', last_name: 'Needs', email: 'nell@notices.e2e.test', organization_id: org.id } as never)).id;
});

const page = () => suite.page;
const notices = () => page().getByTestId('notice-wrapper');
const red = () => notices().getByText(NEEDS_ATTENTION);
const green = () => notices().getByText(SAVED);
const emailInput = () => page().getByTestId('property-edit-email').locator('input');

async function shot(name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page().screenshot({ path: path.join(ARTIFACTS, `notices-${name}-${page().viewportSize()!.width}.png`) });
}

/** The whole notice (its box, not just its text) is seen and lies within the screen's width. */
async function expectSeenAndFitting(text: string): Promise<void> {
  const box = notices().locator('.adminjs_MessageBox').filter({ hasText: text });
  expect(await seenByPerson(box)).toEqual(SEEN);
  expect({ withinWidth: await withinViewportWidth(page(), box) }).toEqual({ withinWidth: true });
  expect({ wrapperWithinWidth: await withinViewportWidth(page(), notices()) }).toEqual({ wrapperWithinWidth: true });
}

/** Clicks Save, after checking the browser itself will not refuse the form (it would, silently, for an empty required field). */
async function save(): Promise<void> {
  await page().getByTestId('button-save').click();
  const blocking = await page().locator('form :invalid').evaluateAll((els) => els.map((el) => el.getAttribute('name') ?? el.id));
  expect({ fieldsTheBrowserRefusesToSubmit: blocking }).toEqual({ fieldsTheBrowserRefusesToSubmit: [] });
}

describe.each(SIZES)('notices at $width×$height', (size) => {
  beforeEach(() => page().setViewportSize(size));

  it('signs in with the button named Sign in, from fields labelled in words, and says which are missing when left empty', async () => {
    await page().goto('/admin/login');
    const button = page().getByRole('button', { name: 'Sign in', exact: true });
    await button.waitFor();
    expect(await seenByPerson(button)).toEqual(SEEN);
    expect(await page().getByText('Work email', { exact: true }).count()).toBe(1);
    expect(await page().locator('input[name=email]').getAttribute('placeholder')).toBe('Work email');
    await shot('sign-in');
    await button.click();
    const missing = page().getByText('Enter your work email and your password.');
    await missing.waitFor();
    expect(await seenByPerson(missing)).toEqual(SEEN);
    await shot('sign-in-empty');
    await page().locator('input[name=email]').fill(STAFF);
    await page().locator('input[name=password]').fill(PASSWORD);
    await page().getByRole('button', { name: 'Sign in', exact: true }).click();
    await page().waitForURL((url) => url.pathname === '/admin');
  }, SLOW);

  it('a red notice stays until closed; the save that fixes the form shows a green one, the red one goes, and the green one goes by itself', async () => {
    await signIn(suite.isolated.context, suite.app.baseURL, STAFF, PASSWORD);
    await page().goto(`/admin/resources/leads/records/${leadId}/edit`);
    await emailInput().fill('not-an-email');
    await save();
    await red().waitFor();
    await expectSeenAndFitting(NEEDS_ATTENTION);
    await shot('error');

    // An error is not a passing remark: still there after longer than a success notice lasts.
    await page().waitForTimeout(6_000);
    expect(await red().count()).toBe(1);
    const close = notices().getByRole('button', { name: 'Close this message' });
    expect(await seenByPerson(close)).toEqual(SEEN);
    await close.click();
    await red().waitFor({ state: 'detached', timeout: 2_000 });

    await save();
    await red().waitFor();
    await emailInput().fill('nell.fixed@notices.e2e.test');
    await save();
    await green().waitFor();
    const greenAt = Date.now();
    expect(await red().count()).toBe(0);
    await expectSeenAndFitting(SAVED);
    await shot('saved');
    expect((await Lead.findByPk(leadId))!.email).toBe('nell.fixed@notices.e2e.test');

    // Long enough to read (AdminJS's went after 3 s), gone by ~6 s.
    await page().waitForTimeout(Math.max(0, greenAt + 4_000 - Date.now()));
    expect(await green().count()).toBe(1);
    await green().waitFor({ state: 'detached', timeout: Math.max(0, greenAt + 6_500 - Date.now()) });
    expect(await notices().count()).toBe(0);
    await shot('gone');
  }, SLOW);
});
