/**
 * Memory benchmark: the resident memory (RSS, from /proc) of the compiled
 * production server when idle after start and after a real browser session
 * through the admin (sign in, dashboard, leads list and filter, a lead, the
 * board, a CSV export), beside a bare Express + pg server measured in the same
 * run as the baseline. Part of `npm run bench` (which builds first).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initModels } from '../models/index.js';
import { loadConfig } from '../server/config.js';
import { createSequelize } from '../server/db/connection.js';
import { createMigrator } from '../server/db/migrator.js';
import { createLogger } from '../server/logger.js';
import { seedDemoData } from '../server/seed/seed.js';
import { launchBrowser } from '../test/support/chromium.js';
import { dropDatabase, freshDatabase, rssMb, startServer, stopServer, writeBaselineServer } from './support.js';

const DB = 'lh_bench_rss';
const EMAIL = 'rss-bench@leadharbor.local';
const PASSWORD = 'rss-bench-password';

async function prepareDatabase(): Promise<string> {
  const url = await freshDatabase(DB);
  const migrator = createMigrator(url, createLogger('silent'));
  await migrator.up();
  await migrator.close();
  const sequelize = createSequelize(url, loadConfig({ DB_POOL_SIZE: '2' }));
  initModels(sequelize);
  await seedDemoData(sequelize, { leads: 2000, adminEmail: EMAIL, adminPassword: PASSWORD });
  await sequelize.close();
  return url;
}

/** What a staff member does in a first session, in headless Chromium. */
async function browse(baseURL: string): Promise<void> {
  const browser = await launchBrowser();
  try {
    // As behind a TLS proxy: production cookies are Secure, and trust proxy believes this header.
    const context = await browser.newContext({ baseURL, acceptDownloads: true, extraHTTPHeaders: { 'X-Forwarded-Proto': 'https' } });
    await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto('/admin/login');
    await page.locator('input[name=email]').fill(EMAIL);
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.getByTestId('dashboard').waitFor();
    await page.goto('/admin/resources/leads');
    await page.locator('table tbody tr').first().waitFor();
    await page.goto('/admin/resources/leads?filters.status=qualified&page=3');
    await page.locator('table tbody tr').first().waitFor();
    await page.goto('/admin/resources/leads/records/1/show');
    await page.getByText('Move in pipeline').waitFor();
    await page.goto('/admin/pages/board');
    await page.getByTestId('board').waitFor();
    const csv = await page.request.get('/admin/export/leads.csv');
    if (!csv.ok()) throw new Error(`export answered ${csv.status()}`);
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const url = await prepareDatabase();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'lh-rss-'));
  const env = { DATABASE_URL: url };
  const rows: [string, number][] = [];
  try {
    const baseline = await startServer([writeBaselineServer(tmp)], env);
    await fetch(`http://127.0.0.1:${baseline.port}/ready`);
    rows.push(['baseline: bare express + pg, idle', rssMb(baseline.child.pid!)]);
    await stopServer(baseline.child);

    const app = await startServer(['dist/server/main.js'], {
      ...env, NODE_ENV: 'production', TRUST_PROXY_HOPS: '1', SESSION_SECRET: 'rss-bench-session-secret'.padEnd(40, 'x'),
    });
    rows.push(['LeadHarbor, production, idle after start', rssMb(app.child.pid!)]);
    await browse(`http://127.0.0.1:${app.port}`);
    rows.push(['LeadHarbor, production, after a browser session', rssMb(app.child.pid!)]);
    await stopServer(app.child);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    await dropDatabase(DB);
  }
  const base = rows[0]![1];
  process.stdout.write('\n| process | RSS | vs baseline |\n|---|---|---|\n');
  for (const [label, mb] of rows) process.stdout.write(`| ${label} | ${mb.toFixed(0)} MB | ${(mb / base).toFixed(2)}x |\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
