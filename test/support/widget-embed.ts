import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { newIsolatedContext, type IsolatedContext } from './browser.js';
import { startWidgetWorld, type WidgetWorld } from './widget-world.js';

/**
 * Partner pages of a test's own (hostile CSS, two widgets, Spanish...) and
 * the few moves through the form the isolation and accessibility specs share.
 */

/** The embed snippet with extra data-* attributes: `{ target: '#a', lang: 'es' }`. */
export function embedTag(world: WidgetWorld, data: Record<string, string> = {}, key = world.siteKey): string {
  const attributes = Object.entries(data).map(([name, value]) => ` data-${name}="${value}"`).join('');
  return `<script async src="${world.appURL}/widget.js" data-key="${key}"${attributes}></script>`;
}

/** A small, valid partner page around `body`. */
export function hostPage(body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Partner page</title>${head}</head>
<body>${body}</body></html>`;
}

/** Serves `html` at `<demo origin>/<name>` (with `headers`, e.g. a CSP), a local origin the site key allows; returns its URL. */
export function serveOnDemoOrigin(world: WidgetWorld, name: string, html: string, headers?: Record<string, string>): string {
  world.servePage(name, html, headers);
  return `${world.demoURL}/${name}`;
}

/**
 * Isolated browser contexts for one spec file: `open()` gives a fresh one and
 * its page; `closeAll()` (in afterEach) closes them and returns what they
 * blocked or saw thrown, which a test expects to be empty.
 */
function contextPool(world: WidgetWorld) {
  let open: IsolatedContext[] = [];
  return {
    async open(options?: BrowserContextOptions): Promise<IsolatedContext & { page: Page }> {
      const isolated = await newIsolatedContext(world.browser, world.demoURL, options);
      isolated.context.setDefaultTimeout(20_000);
      open.push(isolated);
      return { ...isolated, page: await isolated.context.newPage() };
    },
    async closeAll(): Promise<{ blocked: string[]; pageErrors: string[] }> {
      const closing = open;
      open = [];
      await Promise.all(closing.map((c) => c.context.close()));
      return { blocked: closing.flatMap((c) => c.blocked), pageErrors: closing.flatMap((c) => c.pageErrors) };
    },
  };
}

/** Waits for a step (`data-step`) of the widget `widget` to be on screen. */
export async function atStep(widget: Locator, step: string): Promise<void> {
  await widget.locator(`[data-step="${step}"]`).waitFor();
}

/** Continue (or submit) on the widget's current form step. */
export async function proceed(widget: Locator): Promise<void> {
  await widget.locator('form button[type=submit]').click();
}

/** A unique email, so that no two fills of a run meet the duplicate check. */
export const uniqueEmail = (label: string) => `${label}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`;

export interface WidgetSuite { world: WidgetWorld; pool: ReturnType<typeof contextPool> }

/**
 * Registers a widget spec file's hooks: one world (app, partner page,
 * Chromium) for the file, and after each test its contexts closed with the
 * check that nothing was fetched from the internet and no page script threw
 * (the widget never throws into the partner's page).
 */
export function widgetSuite(label: string): WidgetSuite {
  const suite = {} as WidgetSuite;
  beforeAll(async () => {
    suite.world = await startWidgetWorld(label);
    suite.pool = contextPool(suite.world);
  }, 120_000);
  afterAll(() => suite.world?.close());
  afterEach(async () => {
    const { blocked, pageErrors } = await suite.pool.closeAll();
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
  return suite;
}
