import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { Sequelize } from 'sequelize';
import { buildAdmin, type AdminMount } from '../../server/admin/build-admin.js';
import { bundleComponents } from '../../server/admin/bundle-components.js';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { launchBrowser } from './chromium.js';
import { connect, createTestDatabase, migrate, quietLogger, type TestDatabase } from './test-database.js';

export { launchBrowser };

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface IsolatedContext {
  context: BrowserContext;
  /** URLs the page tried to load from anywhere but this machine (all aborted). */
  blocked: string[];
  /** Uncaught exceptions thrown by the page's scripts. */
  pageErrors: string[];
}

/**
 * A new browser context (own cookies and storage) whose pages reach only
 * this machine: every other request is aborted and recorded, so a test can
 * neither hang on nor depend on the internet. `options` (a locale, say) are
 * passed on to Playwright.
 */
export async function newIsolatedContext(browser: Browser, baseURL: string, options: BrowserContextOptions = {}): Promise<IsolatedContext> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 900 }, ...options });
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (LOCAL_HOSTS.has(url.hostname) || url.protocol === 'data:') return route.continue();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  context.on('page', (page) => page.on('pageerror', (error) => pageErrors.push(error.message)));
  return { context, blocked, pageErrors };
}

export interface RunningApp {
  /** `http://127.0.0.1:<port>` */
  baseURL: string;
  sequelize: Sequelize;
  database: TestDatabase;
  /** Stops the HTTP server, closes the pools, drops the database. */
  close(): Promise<void>;
}

/**
 * The real app (admin included), in this process, listening on a random
 * port of 127.0.0.1, over a fresh migrated database of its own. `seed`
 * runs after the migrations, before the first request. The admin's custom
 * components are bundled first: with NODE_ENV=test the app neither watches
 * nor bundles them, and a browser would otherwise get a stale bundle.
 */
export async function startApp(label: string, seed?: (sequelize: Sequelize) => Promise<void>, env: Record<string, string> = {}): Promise<RunningApp> {
  const database = await createTestDatabase(label);
  let sequelize: Sequelize | undefined;
  let admin: AdminMount | undefined;
  try {
    await migrate(database.url);
    sequelize = connect(database.url);
    await seed?.(sequelize);
    admin = buildAdmin({ sequelize, databaseUrl: database.url, config: loadConfig({ NODE_ENV: 'test', ...env }) });
    await bundleComponents(admin.admin);
    const server = await listen(createApp({ sequelize, logger: quietLogger, mountAdmin: admin.mount }));
    const { port } = server.address() as AddressInfo;
    const [db, adminMount] = [sequelize, admin];
    return {
      baseURL: `http://127.0.0.1:${port}`,
      sequelize: db,
      database,
      async close() {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await adminMount.close();
        await db.close();
        await database.drop();
      },
    };
  } catch (error) {
    await admin?.close();
    await sequelize?.close();
    await database.drop();
    throw error;
  }
}

function listen(app: Express): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1');
    server.once('listening', () => resolve(server)).once('error', reject);
  });
}

export const SESSION_COOKIE = 'leadharbor_admin';

/**
 * Gives a browser context a signed-in admin session without loading the
 * login page (each full AdminJS page load costs seconds on a busy machine);
 * the login form itself has its own test.
 */
export async function signIn(context: BrowserContext, baseURL: string, email: string, password: string): Promise<void> {
  const res = await fetch(`${baseURL}/admin/login`, {
    // The Origin the login page's own form would send (server/admin/cross-site-guard.ts refuses sign-ins without proof).
    method: 'POST', body: new URLSearchParams({ email, password }), redirect: 'manual', headers: { Origin: baseURL },
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (res.status !== 302 || !cookie) throw new Error(`Signing in as ${email} failed: HTTP ${res.status}`);
  const value = cookie.slice(SESSION_COOKIE.length + 1).split(';')[0]!;
  await context.addCookies([{ name: SESSION_COOKIE, value, url: baseURL }]);
}

/** What a browser test suite works with; fields are set by the hooks `browserSuite` registers. */
export interface BrowserSuite {
  app: RunningApp;
  browser: Browser;
  isolated: IsolatedContext;
  page: Page;
}

/** AdminJS's front end is a few MB of scripts per full page load: slow on a busy 2-core machine. */
export const SLOW = 120_000;

/**
 * Registers the hooks every browser suite needs: the app on a database of its
 * own (seeded by `seed`) and one Chromium for the file, a fresh isolated
 * context and page per test, and after each test the check that nothing was
 * fetched from the internet and no page script failed.
 */
/** `env` is added to the admin's configuration (e.g. `{ DOCUMENTS_DIR }`). */
export function browserSuite(label: string, seed: (sequelize: Sequelize) => Promise<void>, env: Record<string, string> = {}): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    [suite.app, suite.browser] = await Promise.all([startApp(label, seed, env), launchBrowser()]);
  }, SLOW);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.app?.close();
  });
  beforeEach(async () => {
    suite.isolated = await newIsolatedContext(suite.browser, suite.app.baseURL);
    suite.isolated.context.setDefaultTimeout(60_000);
    suite.page = await suite.isolated.context.newPage();
  });
  afterEach(async () => {
    await suite.isolated?.context.close();
    expect(suite.isolated.blocked).toEqual([]); // the admin needs nothing from the internet
    expect(suite.isolated.pageErrors).toEqual([]);
  });
  return suite;
}
