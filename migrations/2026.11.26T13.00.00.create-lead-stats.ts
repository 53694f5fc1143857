import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';
import { dropFunction, installFunction } from './functions/database-function.js';
import { leadStatsOnDeleteV1 } from './functions/lead-stats-on-delete.v1.sql.js';
import { leadStatsOnInsertV1 } from './functions/lead-stats-on-insert.v1.sql.js';
import { leadStatsOnUpdateV1 } from './functions/lead-stats-on-update.v1.sql.js';

/**
 * Pre-aggregated lead counts for the dashboard and the board: one row per
 * (organization, creation day, status, product, source, campaign) with its
 * number of leads, kept exact by statement-level triggers on `leads`.
 * Counting a million leads by status takes seconds; summing this table (tens
 * of thousands of rows at most per organization) takes milliseconds.
 *
 * Missing references are stored as 0 so the key can be a plain primary key.
 * Statement triggers with transition tables aggregate a whole INSERT, COPY,
 * UPDATE or DELETE (including FK cascades and SET NULLs) in one upsert
 * instead of one per row.
 */
const KEY_COLUMNS = 'organization_key, day, status, product_key, source_key, campaign_key';
const TRIGGER_FUNCTIONS = [leadStatsOnInsertV1, leadStatsOnDeleteV1, leadStatsOnUpdateV1];

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query(`
    CREATE TABLE lead_stats (
      organization_key integer NOT NULL,
      day date NOT NULL,
      status varchar(50) NOT NULL,
      product_key integer NOT NULL,
      source_key integer NOT NULL,
      campaign_key integer NOT NULL,
      leads integer NOT NULL,
      PRIMARY KEY (${KEY_COLUMNS})
    )`);
  for (const fn of TRIGGER_FUNCTIONS) await installFunction(qi, fn);
  // Counts for the leads already there.
  await qi.sequelize.query(`
    INSERT INTO lead_stats (${KEY_COLUMNS}, leads)
    SELECT coalesce(organization_id, 0), (created_at AT TIME ZONE 'UTC')::date, status,
           coalesce(insurance_product_id, 0), coalesce(lead_source_id, 0), coalesce(campaign_id, 0), count(*)
      FROM leads GROUP BY 1, 2, 3, 4, 5, 6`);
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  for (const fn of [...TRIGGER_FUNCTIONS].reverse()) await dropFunction(qi, fn);
  await qi.sequelize.query('DROP TABLE IF EXISTS lead_stats');
};
