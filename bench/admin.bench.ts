/**
 * Admin speed at scale: with 1,000,000 leads, time the leads list as staff
 * and as a superuser use it (first page, a status filter, the search box, the
 * email filter, the middle page) through the real admin API, logged in, over
 * HTTP on loopback, beside the stock AdminJS behaviour measured in the same
 * run: a second AdminJS instance at /admin-stock whose resources are the
 * stock `@adminjs/sequelize` adapter over the same models, tables and data
 * (its `count(*)` on every page, its plain OFFSET). Staff confinement is
 * given to the stock list as the equivalent `filters.organization_id`.
 *
 * Times are round trips measured by the client on loopback: an upper bound of
 * the server's time (the client's own share is well under a millisecond).
 * Each figure is the median of BENCH_ROUNDS requests after one untimed
 * warm-up, timed in a block per scenario and implementation (the stock
 * list's full scans evict the shared buffers; interleaving would bill that
 * to ours).
 *
 * The data lives in its own database (BENCH_DB, default lh_bench_admin) on
 * DATABASE_URL's server. It is created, migrated and seeded on the first run
 * (1M leads with the COPY seeder, with progress) and kept, so reruns start
 * measuring within seconds. BENCH_DROP_DB=true drops it at the end.
 *
 *   npm run bench:admin
 *   BENCH_LEADS=200000 BENCH_ROUNDS=9 npm run bench:admin
 */
import type { AddressInfo } from 'node:net';
import AdminJS from 'adminjs';
import AdminJSExpress from '@adminjs/express';
import pg from 'pg';
import { QueryTypes } from 'sequelize';
import { Activity, Campaign, InsuranceProduct, Lead, LeadSource, Organization, User, initModels } from '../models/index.js';
import { TIMELINE_PAGE } from '../server/admin/resources/activity-timeline.js';
import { ADMIN_ROOT, buildAdmin } from '../server/admin/build-admin.js';
import { createAuthenticate } from '../server/admin/auth.js';
import { createApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { createSequelize } from '../server/db/connection.js';
import { createMigrator } from '../server/db/migrator.js';
import { createLogger } from '../server/logger.js';
import { TIMELINE_ENTRIES, seedBenchData } from './admin-bench-data.js';

const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = process.env.BENCH_DB || 'lh_bench_admin';
const LEADS = Number(process.env.BENCH_LEADS || 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 7);
const DROP_DB = process.env.BENCH_DROP_DB === 'true';
const PASSWORD = 'bench-admin-password';
const SUPER_EMAIL = 'bench-super@leadharbor.local';
const STAFF_EMAIL = 'bench-staff@leadharbor.local';
const STOCK_ROOT = '/admin-stock';
const PER_PAGE = 10;

if (!/^[a-z_][a-z0-9_]*$/.test(DB_NAME)) throw new Error(`BENCH_DB must be a plain lower-case identifier, got "${DB_NAME}"`);
if (!Number.isInteger(LEADS) || LEADS < 1000) throw new Error('BENCH_LEADS must be a whole number of at least 1000');

const log = (line: string) => process.stderr.write(`${line}\n`);
const withDatabase = (url: string, database: string) => Object.assign(new URL(url), { pathname: `/${database}` }).toString();

async function serverQuery(sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try { return await client.query(sql); } finally { await client.end(); }
}

/** Creates (first run) or reuses the bench database, migrated to the latest version; returns its URL. */
async function prepareDatabase(): Promise<string> {
  const exists = (await serverQuery(`SELECT 1 FROM pg_database WHERE datname = '${DB_NAME}'`)).rowCount;
  if (!exists) {
    log(`Creating database ${DB_NAME}`);
    await serverQuery(`CREATE DATABASE ${DB_NAME}`);
  }
  const url = withDatabase(SERVER_URL, DB_NAME);
  const migrator = createMigrator(url, createLogger('warn'));
  try { await migrator.up(); } finally { await migrator.close(); }
  return url;
}

/** The stock AdminJS: the default adapter over the same models, the lead list in the same order. */
function stockAdmin(sequelize: ReturnType<typeof createSequelize>, secret: string) {
  const admin = new AdminJS({
    rootPath: STOCK_ROOT,
    loginPath: `${STOCK_ROOT}/login`,
    logoutPath: `${STOCK_ROOT}/logout`,
    resources: [
      { resource: Lead, options: { sort: { sortBy: 'created_at', direction: 'desc' } } },
      { resource: Activity, options: { sort: { sortBy: 'occurred_at', direction: 'desc' } } },
      Campaign, LeadSource, InsuranceProduct, Organization, User,
    ],
  });
  return AdminJSExpress.buildAuthenticatedRouter(
    admin,
    { authenticate: createAuthenticate(sequelize), cookieName: 'lh_stock_admin', cookiePassword: secret },
    null,
    { secret, resave: false, saveUninitialized: false },
  );
}

async function login(base: string, root: string, email: string): Promise<string> {
  const res = await fetch(`${base}${root}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, // as the login page's own form
    body: new URLSearchParams({ email, password: PASSWORD }),
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (res.status !== 302 || !cookie) throw new Error(`login to ${root} as ${email} failed: HTTP ${res.status}`);
  return cookie;
}

/** One timed GET; fails loudly on anything but a JSON 200 without an error notice. */
async function timed(url: string, cookie: string, check?: (body: ListBody) => void): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, { headers: { cookie, accept: 'application/json', 'sec-fetch-site': 'same-origin' } });
  const text = await res.text();
  const elapsed = performance.now() - started;
  if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status} ${text.slice(0, 200)}`);
  const body = JSON.parse(text) as ListBody;
  if (body.notice?.type === 'error') throw new Error(`GET ${url}: ${body.notice.message}`);
  check?.(body);
  return elapsed;
}

interface ListBody { records?: { params: Record<string, unknown> }[]; meta?: { total: number }; notice?: { type: string; message: string } }

interface Scenario {
  name: string;
  role: 'staff' | 'superuser';
  ours: string;
  stock?: string;
  target: number;
  check?: (body: ListBody) => void;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number | undefined) => (ms === undefined ? 'n/a' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

async function main(): Promise<void> {
  const url = await prepareDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DB_POOL_SIZE: '5', DB_POOL_MAX_OVERFLOW: '5' });
  const sequelize = createSequelize(url, config);
  initModels(sequelize);
  const { orgId, middleEmail, middleLastName, busyLeadId, tagId } = await seedBenchData(sequelize, { leads: LEADS, superEmail: SUPER_EMAIL, staffEmail: STAFF_EMAIL, password: PASSWORD }, log);
  const total = await Lead.count();
  log(`Data: ${total} leads (${await Lead.count({ where: { organization_id: orgId } })} in the staff member's organization)`);

  const ours = buildAdmin({ sequelize, databaseUrl: url, config });
  const stock = stockAdmin(sequelize, config.SESSION_SECRET);
  const app = createApp({
    sequelize,
    logger: createLogger('warn'),
    mountAdmin: (a) => { ours.mount(a); a.use(STOCK_ROOT, stock); },
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  try {
    const cookies = {
      staff: { ours: await login(base, ADMIN_ROOT, STAFF_EMAIL), stock: await login(base, STOCK_ROOT, STAFF_EMAIL) },
      superuser: { ours: await login(base, ADMIN_ROOT, SUPER_EMAIL), stock: await login(base, STOCK_ROOT, SUPER_EMAIL) },
    };
    const list = (root: string, query: Record<string, string | number>) =>
      `${base}${root}/api/resources/leads/actions/list?${new URLSearchParams(
        Object.fromEntries(Object.entries({ perPage: PER_PAGE, sortBy: 'created_at', direction: 'desc', ...query }).map(([k, v]) => [k, String(v)])),
      )}`;
    const middleOffset = Math.floor(LEADS / 2 / PER_PAGE) * PER_PAGE; // 500,000 at a million leads
    const middlePage = middleOffset / PER_PAGE + 1;
    const findsMiddle = (body: ListBody) => {
      if (!body.records?.some((r) => r.params.email === middleEmail)) throw new Error(`search did not find ${middleEmail}`);
    };
    const someFound = (body: ListBody) => {
      if (!body.records?.length) throw new Error(`search for ${middleLastName} found nothing`);
    };
    const fullPage = (body: ListBody) => {
      if (body.records?.length !== PER_PAGE) throw new Error(`expected a full page, got ${body.records?.length} records`);
    };
    // The timeline's last page: ours from the cursor of the entry before it, the stock list by page number (an OFFSET).
    const lastPage = Math.ceil(TIMELINE_ENTRIES / TIMELINE_PAGE);
    const [before] = await sequelize.query<{ occurred_at: Date; id: string }>(
      `SELECT occurred_at, id::text AS id FROM activities WHERE lead_id = $1 ORDER BY occurred_at DESC, id DESC OFFSET $2 LIMIT 1`,
      { bind: [busyLeadId, (lastPage - 1) * TIMELINE_PAGE - 1], type: QueryTypes.SELECT },
    );
    const timeline = (query = '') => `${base}${ADMIN_ROOT}/api/resources/leads/records/${busyLeadId}/timeline${query}`;
    const stockTimeline = (page: number) => `${base}${STOCK_ROOT}/api/resources/activities/actions/list?${new URLSearchParams({
      'filters.lead_id': String(busyLeadId), sortBy: 'occurred_at', direction: 'desc', perPage: String(TIMELINE_PAGE), page: String(page),
    })}`;
    const timelinePage = (body: unknown) => {
      const entries = (body as { timeline?: { entries?: unknown[] }; records?: unknown[] }).timeline?.entries ?? (body as { records?: unknown[] }).records;
      if (!entries?.length) throw new Error('the timeline page was empty');
    };
    const scenarios: Scenario[] = [];
    for (const role of ['staff', 'superuser'] as const) {
      // The stock list has no confinement: staff's is given to it as the equivalent filter.
      const confine: Record<string, number> = role === 'staff' ? { 'filters.organization_id': orgId } : {};
      scenarios.push(
        { name: 'leads list, first page', role, ours: list(ADMIN_ROOT, { page: 1 }), stock: list(STOCK_ROOT, { page: 1, ...confine }), target: 100, check: fullPage },
        { name: 'filtered by status (qualified)', role, ours: list(ADMIN_ROOT, { page: 1, 'filters.status': 'qualified' }), stock: list(STOCK_ROOT, { page: 1, 'filters.status': 'qualified', ...confine }), target: 100, check: fullPage },
        // The stock list has no search box; its nearest equivalent is the email filter.
        { name: 'search box (filters.search=<email>)', role, ours: list(ADMIN_ROOT, { page: 1, 'filters.search': middleEmail }), stock: list(STOCK_ROOT, { page: 1, 'filters.email': middleEmail, ...confine }), target: 100, check: findsMiddle },
        // A name typed into the search box matches many leads; the stock list's nearest equivalent is its last-name filter.
        { name: 'search box, a last name (filters.search=<last name>)', role, ours: list(ADMIN_ROOT, { page: 1, 'filters.search': middleLastName }), stock: list(STOCK_ROOT, { page: 1, 'filters.last_name': middleLastName, ...confine }), target: 100, check: someFound },
        { name: `middle page (page=${middlePage}, offset ${middleOffset.toLocaleString('en-US')})`, role, ours: list(ADMIN_ROOT, { page: middlePage }), stock: list(STOCK_ROOT, { page: middlePage, ...confine }), target: 100, check: fullPage },
        // The stock list cannot filter by tag at all: no equivalent.
        { name: 'filtered by a tag (1 lead in 100)', role, ours: list(ADMIN_ROOT, { page: 1, 'filters.tags': tagId }), target: 100, check: fullPage },
        { name: `lead timeline, first page (${TIMELINE_ENTRIES.toLocaleString('en-US')} entries)`, role, ours: timeline(), stock: stockTimeline(1), target: 50, check: timelinePage },
        { name: `lead timeline, oldest page (${lastPage})`, role, ours: timeline(`?before_at=${encodeURIComponent(before!.occurred_at.toISOString())}&before_id=${before!.id}`), stock: stockTimeline(lastPage), target: 50, check: timelinePage },
        // Custom pages: no stock equivalent.
        { name: 'dashboard', role, ours: `${base}${ADMIN_ROOT}/api/dashboard`, target: 300 },
        { name: 'board', role, ours: `${base}${ADMIN_ROOT}/api/pages/board`, target: 100 },
      );
    }

    // Each scenario is timed in a block per implementation, after one untimed warm-up request: the
    // stock list's full scans push the shared buffers out, and interleaving would bill that to ours.
    const times = new Map<Scenario, { ours: number[]; stock: number[] }>();
    log(`Timing ${scenarios.length} scenarios: 1 warm-up + ${ROUNDS} timed requests each, per implementation`);
    for (const s of scenarios) {
      const t = { ours: [] as number[], stock: [] as number[] };
      for (const side of ['ours', 'stock'] as const) {
        const target = side === 'ours' ? s.ours : s.stock;
        if (!target) continue;
        for (let i = 0; i <= ROUNDS; i += 1) {
          const ms = await timed(target, cookies[s.role][side], s.check);
          if (i > 0) t[side].push(ms);
        }
      }
      times.set(s, t);
      log(`  ${s.role}, ${s.name}: ${fmt(median(t.ours))} ms${t.stock.length ? ` (stock ${fmt(median(t.stock))} ms)` : ''}`);
    }

    const lines = [
      `Admin at ${total.toLocaleString('en-US')} leads, median of ${ROUNDS} requests, HTTP round trip on loopback (ms)`,
      '',
      '| Scenario | Role | LeadHarbor | stock AdminJS | stock / LeadHarbor | Target | Met |',
      '|---|---|---:|---:|---:|---:|:---:|',
    ];
    let failed = 0;
    for (const s of scenarios) {
      const t = times.get(s)!;
      const o = median(t.ours);
      const k = t.stock.length ? median(t.stock) : undefined;
      const met = o < s.target;
      if (!met) failed += 1;
      lines.push(`| ${s.name} | ${s.role} | ${fmt(o)} | ${fmt(k)} | ${k === undefined ? 'n/a' : `${(k / o).toFixed(1)}x`} | < ${s.target} | ${met ? 'yes' : 'NO'} |`);
    }
    process.stdout.write(`\n${lines.join('\n')}\n\n${failed ? `${failed} scenario(s) over target` : 'Every scenario within target'}\n`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await ours.close();
    await sequelize.close();
    if (DROP_DB) {
      await serverQuery(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
      log(`Dropped ${DB_NAME} (BENCH_DROP_DB=true)`);
    } else {
      log(`Kept ${DB_NAME} for the next run (BENCH_DROP_DB=true drops it)`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:admin failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
