import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { EMBEDDED_DATABASE, EMBEDDED_PASSWORD, EMBEDDED_USER } from '../../server/db/embedded-defaults.js';

/**
 * `npm start` with no DATABASE_URL, as real processes: the app boots its own
 * PostgreSQL in an empty folder, keeps the data across restarts, takes over
 * after being SIGKILLed, and explains a taken port in one line.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LISTENING = /LeadHarbor listening on http:\/\/[^:]+:(\d+)/;

interface App {
  child: ChildProcess;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let tmp: string;
let dataDir: string;
let pgPort: number;
const apps: App[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function startApp(dir: string, port: number): App {
  const env: NodeJS.ProcessEnv = {
    ...process.env, LOG_LEVEL: 'info', PORT: '0', EMBEDDED_PG_DIR: dir, EMBEDDED_PG_PORT: String(port),
  };
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS; // Jest's --experimental-vm-modules is not the app's business
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  const app = { child, output: () => output, exit };
  apps.push(app);
  return app;
}

/** Resolves with the HTTP port once the app says it listens; fails with its output if it exits or stalls. */
async function listening(app: App, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void app.exit.then(() => { exited = true; });
  while (Date.now() < deadline) {
    const match = LISTENING.exec(app.output());
    if (match) return Number(match[1]);
    if (exited) throw new Error(`The app exited before listening:\n${app.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`The app did not listen within ${timeoutMs} ms:\n${app.output()}`);
}

async function stopApp(app: App, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill(signal);
  const timer = setTimeout(() => app.child.kill('SIGKILL'), 20_000);
  await app.exit;
  clearTimeout(timer);
}

/** Pids of processes whose command line names `folder` (a postmaster runs as `postgres -D <folder> ...`). */
function processesFor(folder: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').some((arg) => arg.includes(folder))) pids.push(Number(entry));
    } catch { /* gone meanwhile */ }
  }
  return pids;
}

async function killProcessesFor(folder: string): Promise<void> {
  const pids = processesFor(folder);
  for (const pid of pids) { try { process.kill(pid, 'SIGINT'); } catch { /* gone */ } }
  for (let waited = 0; waited < 10_000 && processesFor(folder).length > 0; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const pid of processesFor(folder)) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
}

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ host: '127.0.0.1', port: pgPort, user: EMBEDDED_USER, password: EMBEDDED_PASSWORD, database: EMBEDDED_DATABASE });
  await client.connect();
  try { return (await client.query<T>(sql, params)).rows; } finally { await client.end(); }
}

async function expectReady(httpPort: number): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${httpPort}/ready`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: 'ready' });
}

const SLUG = 'embedded-harbor';
const TIMEOUT = 120_000; // each test starts PostgreSQL at least once
async function organizationNames(): Promise<string[]> {
  return (await query<{ name: string }>('SELECT name FROM organizations WHERE slug = $1', [SLUG])).map((r) => r.name);
}

describe('embedded default database (npm start without DATABASE_URL)', () => {
  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'lh-embedded-'));
    await fs.chmod(tmp, 0o755); // PostgreSQL runs as "nobody", which must enter the parent folder
    dataDir = path.join(tmp, 'pg');
    pgPort = await freePort();
  }, TIMEOUT);

  afterAll(async () => {
    for (const app of apps) await stopApp(app);
    if (tmp) {
      await killProcessesFor(tmp);
      await fs.rm(tmp, { recursive: true, force: true });
    }
  }, TIMEOUT);

  test('boots from an empty folder and answers /ready', async () => {
    const app = startApp(dataDir, pgPort);
    await expectReady(await listening(app));
    expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    await query('INSERT INTO organizations (name, slug) VALUES ($1, $2)', ['Embedded Harbor', SLUG]);
    expect(await organizationNames()).toEqual(['Embedded Harbor']);
  }, TIMEOUT);

  test('keeps its data across a SIGTERM restart and leaves no PostgreSQL running', async () => {
    const running = apps.at(-1)!;
    await stopApp(running, 'SIGTERM');
    expect(processesFor(dataDir)).toEqual([]);

    const app = startApp(dataDir, pgPort);
    await expectReady(await listening(app));
    expect(await organizationNames()).toEqual(['Embedded Harbor']);
  }, TIMEOUT);

  test('takes over the PostgreSQL left running after a SIGKILL', async () => {
    const running = apps.at(-1)!;
    await stopApp(running, 'SIGKILL');
    expect(processesFor(dataDir)).toHaveLength(1); // the orphaned postmaster

    const app = startApp(dataDir, pgPort);
    await expectReady(await listening(app));
    expect(app.output()).toMatch(/warn\s+Stopping an embedded PostgreSQL \(pid \d+\) left running/);
    expect(await organizationNames()).toEqual(['Embedded Harbor']);
  }, TIMEOUT);

  test('fails with one clear line when EMBEDDED_PG_PORT is taken', async () => {
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const freshDir = path.join(tmp, 'pg-port-taken');
      const app = startApp(freshDir, port);
      const { code } = await app.exit;
      expect(code).not.toBe(0);
      expect(app.output()).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(app.output()).toContain('EMBEDDED_PG_PORT');
      expect(app.output()).not.toMatch(/^ {4}at /m);
      expect(processesFor(freshDir)).toEqual([]);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  }, TIMEOUT);
});
