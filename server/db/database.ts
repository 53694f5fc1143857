import type { Sequelize } from 'sequelize';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createSequelize } from './connection.js';
import { initModels } from '../../models/index.js';

export interface Database {
  sequelize: Sequelize;
  /** Connection URL (with its password): for the migrator, never for logs. */
  url: string;
  /** `external` when DATABASE_URL is set, `embedded` for the bundled default. */
  kind: 'external' | 'embedded';
  /** The URL with its password masked, for logs. */
  displayUrl: string;
  close(): Promise<void>;
}

function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '****';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Opens the configured database: `DATABASE_URL` when set, otherwise the
 * embedded PostgreSQL (started, and created on first use). Models are bound
 * to the returned connection; `shareEmbedded` lets a command use the embedded
 * server a running app already started. `close()` releases the pool and, for the
 * embedded server, stops it.
 */
export async function openDatabase(config: Config, logger: Logger, { shareEmbedded = false } = {}): Promise<Database> {
  let url = config.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!url) {
    // Loaded only when used: a deployment with DATABASE_URL never pays for it.
    const { startEmbeddedPostgres } = await import('./embedded-postgres.js');
    const embedded = await startEmbeddedPostgres({ dataDir: config.embeddedPgDir, port: config.EMBEDDED_PG_PORT, logger, shareRunning: shareEmbedded });
    url = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const sequelize = createSequelize(url, config, logger);
  initModels(sequelize);
  return {
    sequelize,
    url,
    kind: stopEmbedded ? 'embedded' : 'external',
    displayUrl: maskUrl(url),
    async close() {
      await sequelize.close();
      await stopEmbedded?.();
    },
  };
}
