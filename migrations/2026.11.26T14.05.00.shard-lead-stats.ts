import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';
import { installFunction } from './functions/database-function.js';
import { leadStatsOnDeleteV1 } from './functions/lead-stats-on-delete.v1.sql.js';
import { leadStatsOnDeleteV2 } from './functions/lead-stats-on-delete.v2.sql.js';
import { leadStatsOnInsertV1 } from './functions/lead-stats-on-insert.v1.sql.js';
import { leadStatsOnInsertV2 } from './functions/lead-stats-on-insert.v2.sql.js';
import { leadStatsOnUpdateV1 } from './functions/lead-stats-on-update.v1.sql.js';
import { leadStatsOnUpdateV2 } from './functions/lead-stats-on-update.v2.sql.js';

/**
 * Spreads each `lead_stats` count over shards, one per database backend.
 * Before this, every lead an intake request inserted incremented the same
 * row (same organization, day, status, product, source, campaign), so
 * concurrent submissions queued on that row's lock until each other's
 * commit. Now a backend writes signed deltas into its own shard and readers
 * (which already `sum(leads)`) add the shards up.
 */
const KEY_COLUMNS = 'organization_key, day, status, product_key, source_key, campaign_key';

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query(`
    ALTER TABLE lead_stats ADD COLUMN shard smallint NOT NULL DEFAULT 0;
    ALTER TABLE lead_stats DROP CONSTRAINT lead_stats_pkey;
    ALTER TABLE lead_stats ADD PRIMARY KEY (${KEY_COLUMNS}, shard)`);
  for (const fn of [leadStatsOnInsertV2, leadStatsOnDeleteV2, leadStatsOnUpdateV2]) await installFunction(qi, fn);
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query(`
    CREATE TEMP TABLE lead_stats_merged ON COMMIT DROP AS
      SELECT ${KEY_COLUMNS}, sum(leads)::integer AS leads FROM lead_stats GROUP BY ${KEY_COLUMNS};
    DELETE FROM lead_stats;
    ALTER TABLE lead_stats DROP CONSTRAINT lead_stats_pkey;
    ALTER TABLE lead_stats DROP COLUMN shard;
    ALTER TABLE lead_stats ADD PRIMARY KEY (${KEY_COLUMNS});
    INSERT INTO lead_stats (${KEY_COLUMNS}, leads) SELECT * FROM lead_stats_merged`);
  for (const fn of [leadStatsOnInsertV1, leadStatsOnDeleteV1, leadStatsOnUpdateV1]) await installFunction(qi, fn);
};
