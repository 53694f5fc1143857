import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Sequelize } from 'sequelize';
import { loadConfig } from '../../server/config.js';
import { createSequelize } from '../../server/db/connection.js';
import { createMigrator } from '../../server/db/migrator.js';
import { createLogger } from '../../server/logger.js';
import { initModels } from '../../models/index.js';

export const quietLogger = createLogger('silent');

/** The server tests run against (set by global-setup when not given). */
export function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run tests through `npm test`');
  return url;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl(), 'postgres') });
  await client.connect();
  try { await client.query(sql); } finally { await client.end(); }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database of its own for one test file, so files can run in parallel. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `lh_test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  return {
    name,
    url: withDatabase(serverUrl(), name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export async function migrate(url: string): Promise<void> {
  const migrator = createMigrator(url, quietLogger);
  try { await migrator.up(); } finally { await migrator.close(); }
}

/** A small pool bound to `url` with the models initialised on it. */
export function connect(url: string): Sequelize {
  const config = loadConfig({ DB_POOL_SIZE: '2', DB_POOL_MAX_OVERFLOW: '3' });
  const sequelize = createSequelize(url, config);
  initModels(sequelize);
  return sequelize;
}
