/**
 * Intake throughput: `POST /api/v1/leads` of the real app (createApp, one
 * intake_submit() per request) under autocannon, beside a bare Express + pg
 * server that does one INSERT of the same leads row, measured in the same run
 * on the same fresh database. Both servers are child processes started with
 * `node --import tsx` (no build needed), so the load generator has its own
 * event loop; each gets a pool of BENCH_POOL connections. Every request is a
 * distinct valid lead (its own email and phone), so the app creates a lead
 * each time rather than answering "duplicate".
 *
 *   npm run bench:intake
 *   BENCH_SECONDS=20 BENCH_CONNECTIONS=100 BENCH_POOL=10 npm run bench:intake
 *   (also BENCH_WARMUP_SECONDS, default 3; BENCH_ANALYZE=false, see measure())
 *
 * Goals: the app's throughput at least 80% of the baseline's, p99 under 50 ms.
 * The app's rate limits are raised to their maximum so the bench measures
 * throughput, not the limiter's refusals (the counters are still written).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { createMigrator } from '../server/db/migrator.js';
import { newSecretKey } from '../server/auth/keys.js';
import { createLogger } from '../server/logger.js';
import { cpuMs, dropDatabase, freshDatabase, startServer, stopServer } from './support.js';
import { seedIntakeCatalog } from '../test/support/intake-catalog.js';

const DB = 'lh_bench_intake';
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const POOL = Number(process.env.BENCH_POOL || 20);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS || 3);
/** config.ts caps both limits at 10,000,000 per window. */
const RATE_LIMIT = '10000000';
const ANALYZE = process.env.BENCH_ANALYZE !== 'false';
const GOAL_RATIO = 0.8;
const GOAL_P99_MS = 50;
const CONSENT_TEXT = 'By submitting, I agree that Bench Agency may call and text me about insurance, including by autodialer. Consent is not a condition of purchase.';

for (const [name, value] of Object.entries({ BENCH_SECONDS: SECONDS, BENCH_CONNECTIONS: CONNECTIONS, BENCH_POOL: POOL, BENCH_WARMUP_SECONDS: WARMUP_SECONDS })) {
  if (!Number.isInteger(value) || value < (name === 'BENCH_WARMUP_SECONDS' ? 0 : 1)) throw new Error(`${name} must be a whole number, got ${value}`);
}

const log = (line: string) => process.stderr.write(`${line}\n`);

interface World { url: string; secret: string; orgId: number; productId: number; sourceId: number }

/** A fresh migrated database with what intake needs, set up as test/support/intake-fixture.ts does. */
async function prepareDatabase(): Promise<World> {
  const url = await freshDatabase(DB);
  const migrator = createMigrator(url, createLogger('warn'));
  try { await migrator.up(); } finally { await migrator.close(); }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
    const orgId = (await one(`INSERT INTO organizations (name, slug) VALUES ('Bench Agency', 'bench') RETURNING id`)).id;
    await seedIntakeCatalog(client);
    const { secret, hash, prefix } = newSecretKey();
    await client.query(`INSERT INTO api_keys (organization_id, name, prefix, key_hash) VALUES ($1, 'Bench server', $2, $3)`, [orgId, prefix, hash]);
    // What intake_submit() resolves for the payload below (product 'auto', utm_source 'google' = organic), for the baseline's row.
    const productId = (await one(`SELECT id FROM insurance_products WHERE product_type = 'auto'`)).id;
    const sourceId = (await one(`SELECT id FROM lead_sources WHERE source_type = 'organic'`)).id;
    return { url, secret, orgId, productId, sourceId };
  } finally {
    await client.end();
  }
}

/**
 * Lead number n: unique email and phone, so neither server's rows ever look
 * like duplicates to the app, whichever ran first. (212) NXX-XXXX with
 * exchanges 200-999 gives 8 million numbers libphonenumber accepts.
 */
function lead(n: number): Record<string, unknown> {
  const exchange = 200 + (Math.floor(n / 10_000) % 800);
  const line = String(n % 10_000).padStart(4, '0');
  return {
    first_name: 'Maria', last_name: 'Garcia', email: `maria.bench.${n}@example.com`,
    phone: `(212) ${exchange}-${line}`, date_of_birth: '1985-04-12', zip_code: '10001', state: 'NY', product: 'auto',
    consent: { granted: true, text: CONSENT_TEXT, version: 'v1' }, utm_source: 'google',
  };
}

let counter = 0;

/** One autocannon run against POST /api/v1/leads, with a progress line every 2 seconds. */
function load(label: string, port: number, secret: string, seconds: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      duration: seconds,
      requests: [{
        method: 'POST',
        path: '/api/v1/leads',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        setupRequest: (request) => ({ ...request, body: JSON.stringify(lead(counter++)) }),
      }],
    }, (error, result) => (error ? reject(error) : resolve(result)));
    let elapsed = 0;
    let done = 0;
    // autocannon passes each second's counts to 'tick'; its types declare the listener without them.
    (instance as unknown as NodeJS.EventEmitter).on('tick', ({ counter: perSecond }: { counter: number }) => {
      elapsed += 1;
      done += perSecond;
      if (elapsed % 2 === 0 && elapsed <= seconds) log(`    ${label}: ${elapsed}/${seconds} s, ${done} responses`);
    });
  });
}

/** One request before the load: the server must answer 201, or every figure after would be about errors. */
async function checkOneRequest(label: string, port: number, secret: string): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/leads`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: JSON.stringify(lead(counter++)),
  });
  const body = await res.text();
  if (res.status !== 201) throw new Error(`${label}: expected 201, got ${res.status} ${body.slice(0, 300)}`);
  log(`  ${label}: a sample request answered 201 ${body}`);
}

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try { return await client.query(sql); } finally { await client.end(); }
}

const countLeads = async (url: string) => Number((await query(url, 'SELECT count(*) AS n FROM leads')).rows[0].n);

interface Cpu { server: number; db: Map<number, number>; loader: number }

/** CPU used so far by the server process and by the database's client backends (when PostgreSQL runs on this host). */
async function cpuSnapshot(url: string, serverPid: number): Promise<Cpu> {
  const { rows } = await query(url, `SELECT pid FROM pg_stat_activity
    WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`);
  const db = new Map<number, number>();
  for (const { pid } of rows as { pid: number }[]) {
    // A pid from a PostgreSQL on another host may name some unrelated local process, or none.
    try { if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') db.set(pid, cpuMs(pid)); } catch { /* gone, or not ours */ }
  }
  const { user, system } = process.cpuUsage();
  return { server: cpuMs(serverPid), db, loader: (user + system) / 1000 };
}

/** CPU ms per answered request between two snapshots; backends that appeared in between count from zero. */
function cpuPerRequest(before: Cpu, after: Cpu, requests: number): CpuPerRequest {
  let db = 0;
  for (const [pid, ms] of after.db) db += ms - (before.db.get(pid) ?? 0);
  return {
    server: (after.server - before.server) / requests, db: after.db.size ? db / requests : null, loader: (after.loader - before.loader) / requests,
  };
}

interface CpuPerRequest { server: number; db: number | null; loader: number }

interface Measured { result: Result; leadsCreated: number; cpu: CpuPerRequest }

/** Starts a server, checks it, warms it up, measures it, counts the leads the measured run wrote, stops it. */
async function measure(label: string, args: string[], env: NodeJS.ProcessEnv, world: World): Promise<Measured> {
  log(`${label}: starting ${args.join(' ')}`);
  const { child, port } = await startServer(args, env);
  try {
    await checkOneRequest(label, port, world.secret);
    if (WARMUP_SECONDS > 0) {
      log(`  ${label}: warming up for ${WARMUP_SECONDS} s (not measured)`);
      await load(`${label} warm-up`, port, world.secret, WARMUP_SECONDS);
    }
    await new Promise((r) => setTimeout(r, 500)); // let the warm-up's last requests finish before counting
    // A database that has taken leads for a minute has statistics (autovacuum analyzes it); a bench database
    // minutes old may not, and without them intake_submit()'s duplicate check scans all of the
    // organization's leads. BENCH_ANALYZE=false measures that fresh-database case.
    if (ANALYZE) await query(world.url, 'ANALYZE');
    const before = await countLeads(world.url);
    log(`  ${label}: measuring for ${SECONDS} s, ${CONNECTIONS} connections (load average ${os.loadavg()[0]!.toFixed(1)})`);
    const cpuBefore = await cpuSnapshot(world.url, child.pid!);
    const result = await load(label, port, world.secret, SECONDS);
    const cpu = cpuPerRequest(cpuBefore, await cpuSnapshot(world.url, child.pid!), result.requests.total);
    // Requests cut off when the run stopped may still commit: wait until the count stops moving.
    let after = await countLeads(world.url);
    for (let previous = -1; after !== previous;) {
      await new Promise((r) => setTimeout(r, 300));
      previous = after;
      after = await countLeads(world.url);
    }
    log(`  ${label}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx`);
    return { result, leadsCreated: after - before, cpu };
  } finally {
    await stopServer(child);
  }
}

async function main(): Promise<void> {
  log(`Preparing database ${DB}`);
  const world = await prepareDatabase();
  const common = { DATABASE_URL: world.url, LOG_LEVEL: 'warn' };
  let baseline: Measured;
  let app: Measured;
  try {
    baseline = await measure('baseline (express.json + one INSERT)', ['--import', 'tsx', 'bench/intake-baseline-server.ts'], {
      ...common, BENCH_POOL: String(POOL), BENCH_ORG_ID: String(world.orgId),
      BENCH_PRODUCT_ID: String(world.productId), BENCH_SOURCE_ID: String(world.sourceId),
    }, world);
    app = await measure('LeadHarbor (createApp, intake_submit)', ['--import', 'tsx', 'bench/intake-server.ts'], {
      ...common, NODE_ENV: 'production', SESSION_SECRET: 'bench-intake-session-secret-'.padEnd(40, 'x'),
      DB_POOL_SIZE: String(POOL), DB_POOL_MAX_OVERFLOW: '0', // the same number of connections as the baseline's pg.Pool
      RATE_LIMIT_IP_PER_WINDOW: RATE_LIMIT, RATE_LIMIT_KEY_PER_WINDOW: RATE_LIMIT,
    }, world);
  } finally {
    await dropDatabase(DB);
  }
  report(baseline, app);
}

function report(baseline: Measured, app: Measured): void {
  const ms = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));
  const row = (label: string, { result, cpu }: Measured) =>
    `| ${label} | ${Math.round(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} | ${result.non2xx} | ${result.errors + result.timeouts} | ${ms(cpu.server)} | ${ms(cpu.db)} | ${ms(cpu.loader)} |`;
  const ratio = app.result.requests.average / baseline.result.requests.average;
  const p99 = app.result.latency.p99;
  const { result } = app;
  const cutOff = result.requests.sent - result.requests.total; // sent but not answered when autocannon stopped
  const rowsOk = app.leadsCreated >= result['2xx'] && app.leadsCreated <= result['2xx'] + cutOff;
  const out = [
    '',
    `POST /api/v1/leads, ${SECONDS} s after ${WARMUP_SECONDS} s warm-up, ${CONNECTIONS} connections, loopback, pool ${POOL} each,`,
    `servers run with node --import tsx; app rate limits raised to ${RATE_LIMIT}/window (so nothing is refused); ${os.cpus().length} CPUs shared by load generator, server and PostgreSQL`,
    '',
    '| server | req/s (mean) | p50 ms | p99 ms | non-2xx | errors + timeouts | CPU ms/req: server | PostgreSQL | autocannon |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    row('baseline: express.json + one INSERT', baseline),
    row('LeadHarbor: createApp, intake_submit()', app),
    '',
    `throughput app/baseline: ${(ratio * 100).toFixed(0)}% (goal >= ${GOAL_RATIO * 100}%): ${ratio >= GOAL_RATIO ? 'met' : 'NOT met'}`,
    `app p99: ${p99} ms (goal < ${GOAL_P99_MS} ms): ${p99 < GOAL_P99_MS ? 'met' : 'NOT met'}`,
    'CPU ms/req: user + system time per answered request, of the server process, of this database\'s PostgreSQL client',
    'backends (not the WAL writer; n/a when PostgreSQL is not on this host) and of this load generator: less swayed',
    `than req/s by other work on the machine (load average ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} now).`,
    `app correctness: ${app.leadsCreated} leads rows written, ${result['2xx']} 2xx responses, ${cutOff} request(s) cut off unanswered at the end: ${rowsOk ? 'consistent' : 'MISMATCH'}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  if (!rowsOk || app.result.non2xx > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:intake failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
