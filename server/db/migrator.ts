import { Sequelize, type QueryInterface } from 'sequelize';
import { SequelizeStorage, Umzug, type RunnableMigration } from 'umzug';
import pg from 'pg';
import { MIGRATIONS, MIGRATIONS_TABLE } from '../../migrations/index.js';
import type { Logger } from '../logger.js';

export { MIGRATIONS_TABLE };
/** Every LeadHarbor instance takes this advisory lock before migrating, so two starting at once cannot race. */
const LOCK_KEY = "hashtext('leadharbor.migrations')";

export interface MigrationStatus {
  applied: { name: string; appliedAt: Date | null }[];
  pending: string[];
}

export interface Migrator {
  /** Applies every pending migration (or the next `steps`); returns their names. */
  up(steps?: number): Promise<string[]>;
  /** Reverts the last `steps` migrations (all when `steps` is 'all'); returns their names. */
  down(steps: number | 'all'): Promise<string[]>;
  status(): Promise<MigrationStatus>;
  close(): Promise<void>;
}

/**
 * Runs the migrations in `migrations/` with umzug over a dedicated single
 * connection: the advisory lock and each migration's BEGIN/COMMIT must share
 * one session. Each migration and its bookkeeping row commit together, so a
 * failure leaves the database at the previous version, never half-migrated.
 */
export function createMigrator(
  url: string, logger: Logger, migrations: RunnableMigration<QueryInterface>[] = MIGRATIONS,
): Migrator {
  const sequelize = new Sequelize(url, {
    dialect: 'postgres',
    dialectModule: pg,
    logging: false,
    pool: { min: 0, max: 1, idle: 600_000 },
  });
  const storage = new SequelizeStorage({ sequelize, tableName: MIGRATIONS_TABLE, modelName: 'SchemaMigration', timestamps: true });
  const umzug = new Umzug<QueryInterface>({
    migrations,
    context: sequelize.getQueryInterface(),
    storage,
    logger: undefined,
  });
  const query = (sql: string) => sequelize.query(sql);
  umzug.on('migrating', async ({ name }) => { logger.info(`migrating  ${name}`); await query('BEGIN'); });
  umzug.on('migrated', async () => { await query('COMMIT'); });
  umzug.on('reverting', async ({ name }) => { logger.info(`reverting  ${name}`); await query('BEGIN'); });
  umzug.on('reverted', async () => { await query('COMMIT'); });

  async function locked<T>(work: () => Promise<T>): Promise<T> {
    const [[row]] = await sequelize.query(`SELECT pg_try_advisory_lock(${LOCK_KEY}) AS ok`) as [{ ok: boolean }[], unknown];
    if (!row?.ok) {
      logger.info('Waiting for another LeadHarbor instance to finish migrating...');
      await query(`SELECT pg_advisory_lock(${LOCK_KEY})`);
    }
    try {
      return await work();
    } catch (error) {
      await query('ROLLBACK').catch(() => undefined); // no-op outside a transaction
      throw error;
    } finally {
      await query(`SELECT pg_advisory_unlock(${LOCK_KEY})`).catch(() => undefined);
    }
  }

  return {
    up: (steps) => locked(async () => (await umzug.up(steps ? { step: steps } : {})).map((m) => m.name)),
    down: (steps) => locked(async () => (await umzug.down(steps === 'all' ? { to: 0 } : { step: steps })).map((m) => m.name)),
    async status() {
      const executed = new Set(await umzug.executed().then((ms) => ms.map((m) => m.name)));
      const [rows] = await sequelize.query(
        `SELECT name, "createdAt" AS applied_at FROM ${MIGRATIONS_TABLE}`,
      ).catch(() => [[]]) as [{ name: string; applied_at: Date | null }[], unknown];
      const appliedAt = new Map(rows.map((r) => [r.name, r.applied_at]));
      return {
        applied: migrations.filter((m) => executed.has(m.name)).map((m) => ({ name: m.name, appliedAt: appliedAt.get(m.name) ?? null })),
        pending: (await umzug.pending()).map((m) => m.name),
      };
    },
    close: () => sequelize.close(),
  };
}
