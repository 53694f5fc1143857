import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import type { Browser, BrowserContext } from 'playwright-core';
import type { Sequelize } from 'sequelize';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { newPublishableKey } from '../../server/auth/keys.js';
import { startDemoServer, type DemoServer } from '../../widget/demo/demo-server.js';
import { CONSENT_TEXT, TEST_ENV } from './intake-fixture.js';
import { seedIntakeCatalog } from './intake-catalog.js';
import { launchBrowser, newIsolatedContext, type IsolatedContext } from './browser.js';
import { connect, createTestDatabase, migrate, quietLogger, type TestDatabase } from './test-database.js';

/**
 * The widget's real situation on one machine: LeadHarbor (intake API and
 * /widget.js, no admin) on one port, the partner demo page (widget/demo) on
 * another, so every call is cross-origin, over a migrated database with an
 * organization, a product and source of each type, and a site key allowing
 * the demo page's origin. The app can be stopped and started again on the
 * same port, to test a server that goes away mid-submit.
 */
export interface WidgetWorld {
  /** `http://127.0.0.1:<port>` of the app. */
  appURL: string;
  /** `http://127.0.0.1:<port>` of the partner page (another origin). */
  demoURL: string;
  siteKey: string;
  organizationId: number;
  database: TestDatabase;
  sequelize: Sequelize;
  /** A plain client for assertions on what landed in the database. */
  client: pg.Client;
  browser: Browser;
  /** Serves a host page of the test's own at `${demoURL}/<name>` (see DemoServer.setPage for why not a route). */
  servePage(name: string, html: string, headers?: Record<string, string>): void;
  /** A fresh context whose pages reach only this machine (see browser.ts); close it after the test. */
  newContext(): Promise<IsolatedContext & { context: BrowserContext }>;
  /** Stops the app's HTTP server (connections cut), as a crashed or redeploying server. */
  stopApp(): Promise<void>;
  /** Listens again on the same port. */
  startApp(): Promise<void>;
  close(): Promise<void>;
}

export async function startWidgetWorld(label: string): Promise<WidgetWorld> {
  const database = await createTestDatabase(label);
  await migrate(database.url);
  const sequelize = connect(database.url);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await seedIntakeCatalog(client);
  const organizationId = (await client.query(`INSERT INTO organizations (name, slug) VALUES ('Harborview Insurance', 'harborview') RETURNING id`)).rows[0].id;
  const siteKey = newPublishableKey();
  const app = createApp({ sequelize, logger: quietLogger, config: loadConfig(TEST_ENV) });
  let server: Server | undefined;
  let port = 0;
  const startApp = async () => {
    server = app.listen(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => { server!.once('listening', resolve).once('error', reject); });
    port = (server.address() as AddressInfo).port;
  };
  const stopApp = async () => {
    const s = server;
    server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await startApp();
  const appURL = `http://127.0.0.1:${port}`;
  const demo: DemoServer = await startDemoServer({ appOrigin: appURL, siteKey });
  await client.query(`
    INSERT INTO site_keys (organization_id, name, key, allowed_origins, consent_text, consent_version, default_lead_source_id)
    VALUES ($1, 'Demo partner', $2, $3, $4, 'v1', (SELECT id FROM lead_sources WHERE source_type = 'web'))`,
  [organizationId, siteKey, [demo.url, demo.url.replace('127.0.0.1', 'localhost')], CONSENT_TEXT]);
  const browser = await launchBrowser();
  return {
    appURL, demoURL: demo.url, siteKey, organizationId, database, sequelize, client, browser,
    newContext: () => newIsolatedContext(browser, demo.url),
    servePage: (name, html, headers) => demo.setPage(name, html, headers),
    stopApp, startApp,
    async close() {
      await browser.close();
      await demo.close();
      await stopApp();
      await client.end();
      await sequelize.close();
      await database.drop();
    },
  };
}
