/**
 * Start-up benchmark: time from spawning a server process to its first
 * `200` on a readiness URL, median of several runs, as a ratio against a
 * baseline measured in the same run: a bare Express + pg server that only
 * connects and answers. Run with `npm run bench`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, chmodSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function timeToReady(args: string[], env: NodeJS.ProcessEnv, url: (port: number) => string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', NODE_OPTIONS: '' }, stdio: 'ignore' });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
      const ok = await fetch(url(port)).then((r) => r.ok, () => false);
      if (ok) return performance.now() - started;
      if (performance.now() - started > 60_000) throw new Error('not ready after 60 s');
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  }
}

async function median(runs: number, measure: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) times.push(await measure());
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS lh_bench_startup WITH (FORCE)');
  await admin.query('CREATE DATABASE lh_bench_startup');
  const dbUrl = Object.assign(new URL(serverUrl), { pathname: '/lh_bench_startup' }).toString();

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'lh-bench-'));
  chmodSync(tmp, 0o755); // the embedded server runs as nobody when we are root
  const baselineFile = path.join(tmp, 'baseline.mjs');
  writeFileSync(baselineFile, `
    import express from '${path.resolve('node_modules/express/index.js')}';
    import pg from '${path.resolve('node_modules/pg/lib/index.js')}';
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
    await pool.query('SELECT 1');
    const app = express();
    app.get('/ready', async (_q, r) => { await pool.query('SELECT 1'); r.send('ok'); });
    app.listen(Number(process.env.PORT), '127.0.0.1');
    process.on('SIGTERM', () => process.exit(0));
  `);
  if (!existsSync('dist/server/main.js')) throw new Error('run `npm run build` first (npm run bench does)');

  const ready = (port: number) => `http://127.0.0.1:${port}/ready`;
  const external = { DATABASE_URL: dbUrl };
  const rows: [string, number][] = [];
  process.stderr.write(`start-up, median of ${RUNS} runs (cold embedded: 3)\n`);
  const measure = async (label: string, runs: number, fn: () => Promise<number>) => {
    const ms = await median(runs, fn);
    rows.push([label, ms]);
    process.stderr.write(`  ${label}: ${ms.toFixed(0)} ms\n`);
  };
  await measure('baseline: bare express + pg', RUNS, () => timeToReady([baselineFile], external, ready));
  // First start migrates; later ones find the schema current, as a restart does.
  await timeToReady(['dist/server/main.js'], external, ready);
  await measure('LeadHarbor, compiled, DATABASE_URL', RUNS, () => timeToReady(['dist/server/main.js'], external, ready));
  await measure('LeadHarbor, npm start (tsx), DATABASE_URL', RUNS, () => timeToReady(['--import', 'tsx', 'server/main.ts'], external, ready));
  const pgPort = await freePort();
  const embeddedEnv = (dir: string) => ({ DATABASE_URL: '', EMBEDDED_PG_DIR: dir, EMBEDDED_PG_PORT: String(pgPort) });
  let cold = 0;
  await measure('LeadHarbor, npm start, embedded, cold (empty folder)', 3, () =>
    timeToReady(['--import', 'tsx', 'server/main.ts'], embeddedEnv(path.join(tmp, `cold${cold++}`)), ready));
  await measure('LeadHarbor, npm start, embedded, warm', RUNS, () =>
    timeToReady(['--import', 'tsx', 'server/main.ts'], embeddedEnv(path.join(tmp, 'cold0')), ready));

  const base = rows[0]![1];
  process.stdout.write('\n| scenario | time to /ready | vs baseline |\n|---|---|---|\n');
  for (const [label, ms] of rows) process.stdout.write(`| ${label} | ${ms.toFixed(0)} ms | ${(ms / base).toFixed(2)}x |\n`);
  await admin.query('DROP DATABASE IF EXISTS lh_bench_startup WITH (FORCE)');
  await admin.end();
  rmSync(tmp, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
