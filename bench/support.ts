import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

/** The PostgreSQL server benchmarks create their databases on. */
export const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** A fresh database on SERVER_URL's server; returns its URL. */
export async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return Object.assign(new URL(SERVER_URL), { pathname: `/${name}` }).toString();
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

/**
 * The baseline every benchmark compares with: a bare Express + pg server that
 * connects and answers /ready with one query. Written to `dir` as a plain ESM file.
 */
export function writeBaselineServer(dir: string): string {
  const file = path.join(dir, 'baseline.mjs');
  writeFileSync(file, `
    import express from '${path.resolve('node_modules/express/index.js')}';
    import pg from '${path.resolve('node_modules/pg/lib/index.js')}';
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
    await pool.query('SELECT 1');
    const app = express();
    app.get('/ready', async (_q, r) => { await pool.query('SELECT 1'); r.send('ok'); });
    app.listen(Number(process.env.PORT), '127.0.0.1');
    process.on('SIGTERM', () => process.exit(0));
  `);
  return file;
}

/** Spawns `node args` with PORT set, resolves once GET /ready answers 200. */
export async function startServer(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number; ms: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', NODE_OPTIONS: '' }, stdio: 'ignore' });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    if (await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false)) return { child, port, ms: performance.now() - started };
    if (performance.now() - started > 60_000) { child.kill('SIGKILL'); throw new Error('not ready after 60 s'); }
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Resident memory of a process, in MB, from /proc. */
export function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return kb / 1024;
}

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc. Per
 * request, it compares servers with less sway from other work on the machine
 * than throughput does.
 */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** Linux's USER_HZ, which /proc reports times in: 100 on every mainstream build. */
const CLOCK_TICKS = 100;
