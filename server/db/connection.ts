import pg from 'pg';
import { Sequelize, type Options } from 'sequelize';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

// `timestamp without time zone` columns hold UTC (see migrations/support/ddl.ts);
// read them as UTC instead of pg's default of the process's local zone.
pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, (value: string) => new Date(`${value.replace(' ', 'T')}Z`));

export type PoolConfig = Pick<Config,
  'DB_POOL_SIZE' | 'DB_POOL_MAX_OVERFLOW' | 'DB_POOL_ACQUIRE_TIMEOUT_MS' | 'DB_POOL_IDLE_TIMEOUT_MS' | 'DB_LOG_SQL'>;

interface PgConnection { _ending?: boolean; _connected?: boolean; _queryable?: boolean }

/**
 * One Sequelize connection with the spec's pool: `DB_POOL_SIZE` connections
 * kept, up to `DB_POOL_MAX_OVERFLOW` more under load that are closed once idle.
 * Connections are validated before each use (a dropped or errored client is
 * discarded rather than handed out), and a query that fails because its
 * connection died is retried on a fresh one.
 */
export function createSequelize(url: string, config: PoolConfig, logger?: Logger): Sequelize {
  const options: Options = {
    dialect: 'postgres',
    dialectModule: pg,
    logging: config.DB_LOG_SQL && logger ? (sql: string) => logger.debug(sql) : false,
    timezone: '+00:00',
    pool: {
      // sequelize-pool opens connections lazily and its idle eviction never goes
      // below `min`: so `min` is the kept pool and anything above it is overflow.
      min: config.DB_POOL_SIZE,
      max: config.DB_POOL_SIZE + config.DB_POOL_MAX_OVERFLOW,
      acquire: config.DB_POOL_ACQUIRE_TIMEOUT_MS,
      idle: config.DB_POOL_IDLE_TIMEOUT_MS,
      evict: Math.min(config.DB_POOL_IDLE_TIMEOUT_MS, 1000),
      validate: (connection?: unknown) => {
        const c = connection as PgConnection | undefined;
        return Boolean(c && !c._ending && c._connected !== false && c._queryable !== false);
      },
    },
    retry: {
      max: 3,
      match: [/ECONNRESET/, /Connection terminated/, /SequelizeConnectionError/, /terminating connection/],
    },
    dialectOptions: { keepAlive: true, application_name: 'leadharbor' },
  };
  return new Sequelize(url, options);
}
