/**
 * Start-up benchmark: time from spawning a server process to its first
 * `200` on a readiness URL, median of several runs, as a ratio against a
 * baseline measured in the same run: a bare Express + pg server that only
 * connects and answers. Run with `npm run bench`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, chmodSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { SERVER_URL as serverUrl, freePort, startServer, stopServer, writeBaselineServer } from './support.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function timeToReady(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { child, ms } = await startServer(args, env);
  await stopServer(child);
  return ms;
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
  const baselineFile = writeBaselineServer(tmp);
  if (!existsSync('dist/server/main.js')) throw new Error('run `npm run build` first (npm run bench does)');

  const external = { DATABASE_URL: dbUrl };
  const rows: [string, number][] = [];
  process.stderr.write(`start-up, median of ${RUNS} runs (cold embedded: 3)\n`);
  const measure = async (label: string, runs: number, fn: () => Promise<number>) => {
    const ms = await median(runs, fn);
    rows.push([label, ms]);
    process.stderr.write(`  ${label}: ${ms.toFixed(0)} ms\n`);
  };
  await measure('baseline: bare express + pg', RUNS, () => timeToReady([baselineFile], external));
  // First start migrates; later ones find the schema current, as a restart does.
  // Compiled = production: the pre-built admin bundle, no bundling or watching at start.
  const production = { ...external, NODE_ENV: 'production', SESSION_SECRET: randomBytes(48).toString('base64') };
  await timeToReady(['dist/server/main.js'], production);
  await measure('LeadHarbor, compiled, production, DATABASE_URL', RUNS, () => timeToReady(['dist/server/main.js'], production));
  await measure('LeadHarbor, npm start (tsx), DATABASE_URL', RUNS, () => timeToReady(['--import', 'tsx', 'server/main.ts'], external));
  const pgPort = await freePort();
  const embeddedEnv = (dir: string) => ({ DATABASE_URL: '', EMBEDDED_PG_DIR: dir, EMBEDDED_PG_PORT: String(pgPort) });
  let cold = 0;
  await measure('LeadHarbor, npm start, embedded, cold (empty folder)', 3, () =>
    timeToReady(['--import', 'tsx', 'server/main.ts'], embeddedEnv(path.join(tmp, `cold${cold++}`))));
  await measure('LeadHarbor, npm start, embedded, warm', RUNS, () =>
    timeToReady(['--import', 'tsx', 'server/main.ts'], embeddedEnv(path.join(tmp, 'cold0'))));

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
