import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';
import { KEYS, KEY_COLUMNS, add, subtract } from './2026.11.26T13.00.00.create-lead-stats.js';

/**
 * Spreads each `lead_stats` count over shards, one per database backend.
 * Before this, every lead an intake request inserted incremented the same
 * row (same organization, day, status, product, source, campaign), so
 * concurrent submissions queued on that row's lock until each other's
 * commit. Now a backend writes signed deltas into its own shard and readers
 * (which already `sum(leads)`) add the shards up.
 */
// Enough that a pool's connections rarely share one (a shared shard queues its writers until commit).
const SHARDS = 64;
const rows = (table: string, sign: 1 | -1) =>
  `SELECT ${KEYS.map(([column, expression]) => `${expression} AS ${column}`).join(', ')}, ${sign} AS delta FROM ${table}`;

/** One upsert of the summed deltas of `sources` into this backend's shard. */
const upsert = (...sources: string[]) => `
  INSERT INTO lead_stats AS s (${KEY_COLUMNS}, shard, leads)
  SELECT ${KEY_COLUMNS}, pg_backend_pid() % ${SHARDS}, sum(delta)
    FROM (${sources.join(' UNION ALL ')}) d
   GROUP BY ${KEY_COLUMNS} HAVING sum(delta) <> 0
  ON CONFLICT (${KEY_COLUMNS}, shard) DO UPDATE SET leads = s.leads + EXCLUDED.leads;`;

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query(`
    ALTER TABLE lead_stats ADD COLUMN shard smallint NOT NULL DEFAULT 0;
    ALTER TABLE lead_stats DROP CONSTRAINT lead_stats_pkey;
    ALTER TABLE lead_stats ADD PRIMARY KEY (${KEY_COLUMNS}, shard);
    CREATE OR REPLACE FUNCTION lead_stats_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${upsert(rows('new_rows', 1))} RETURN NULL; END $$;
    CREATE OR REPLACE FUNCTION lead_stats_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${upsert(rows('old_rows', -1))} RETURN NULL; END $$;
    CREATE OR REPLACE FUNCTION lead_stats_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${upsert(rows('old_rows', -1), rows('new_rows', 1))} RETURN NULL; END $$;`);
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query(`
    CREATE TEMP TABLE lead_stats_merged ON COMMIT DROP AS
      SELECT ${KEY_COLUMNS}, sum(leads)::integer AS leads FROM lead_stats GROUP BY ${KEY_COLUMNS};
    DELETE FROM lead_stats;
    ALTER TABLE lead_stats DROP CONSTRAINT lead_stats_pkey;
    ALTER TABLE lead_stats DROP COLUMN shard;
    ALTER TABLE lead_stats ADD PRIMARY KEY (${KEY_COLUMNS});
    INSERT INTO lead_stats (${KEY_COLUMNS}, leads) SELECT * FROM lead_stats_merged;
    CREATE OR REPLACE FUNCTION lead_stats_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${add('new_rows')} RETURN NULL; END $$;
    CREATE OR REPLACE FUNCTION lead_stats_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${subtract('old_rows')} RETURN NULL; END $$;
    CREATE OR REPLACE FUNCTION lead_stats_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${subtract('old_rows')} ${add('new_rows')} RETURN NULL; END $$;`);
};
