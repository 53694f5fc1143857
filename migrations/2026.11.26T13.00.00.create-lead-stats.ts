import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

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
/** Each stats key column and the expression that derives it from a lead row. */
export const KEYS: [column: string, expression: string][] = [
  ['organization_key', 'coalesce(organization_id, 0)'],
  ['day', "(created_at AT TIME ZONE 'UTC')::date"],
  ['status', 'status'],
  ['product_key', 'coalesce(insurance_product_id, 0)'],
  ['source_key', 'coalesce(lead_source_id, 0)'],
  ['campaign_key', 'coalesce(campaign_id, 0)'],
];
export const KEY_COLUMNS = KEYS.map(([column]) => column).join(', ');
const GROUPED = (rows: string) =>
  `SELECT ${KEYS.map(([column, expression]) => `${expression} AS ${column}`).join(', ')}, count(*) AS n FROM ${rows} GROUP BY 1, 2, 3, 4, 5, 6`;

export const add = (rows: string) => `
  INSERT INTO lead_stats AS s (${KEY_COLUMNS}, leads) ${GROUPED(rows)}
  ON CONFLICT (${KEY_COLUMNS}) DO UPDATE SET leads = s.leads + EXCLUDED.leads;`;

export const subtract = (rows: string) => `
  UPDATE lead_stats s SET leads = s.leads - o.n FROM (${GROUPED(rows)}) o
   WHERE ${KEYS.map(([column]) => `s.${column} = o.${column}`).join(' AND ')};`;

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
  await qi.sequelize.query(`
    CREATE FUNCTION lead_stats_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${add('new_rows')} RETURN NULL; END $$;
    CREATE FUNCTION lead_stats_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${subtract('old_rows')} RETURN NULL; END $$;
    CREATE FUNCTION lead_stats_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${subtract('old_rows')} ${add('new_rows')} RETURN NULL; END $$;
    CREATE TRIGGER trg_leads_stats_insert AFTER INSERT ON leads
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_stats_on_insert();
    CREATE TRIGGER trg_leads_stats_delete AFTER DELETE ON leads
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_stats_on_delete();
    CREATE TRIGGER trg_leads_stats_update AFTER UPDATE ON leads
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_stats_on_update();`);
  await qi.sequelize.query(add('leads'));
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query(`
    DROP TRIGGER IF EXISTS trg_leads_stats_update ON leads;
    DROP TRIGGER IF EXISTS trg_leads_stats_delete ON leads;
    DROP TRIGGER IF EXISTS trg_leads_stats_insert ON leads;
    DROP FUNCTION IF EXISTS lead_stats_on_update();
    DROP FUNCTION IF EXISTS lead_stats_on_delete();
    DROP FUNCTION IF EXISTS lead_stats_on_insert();
    DROP TABLE IF EXISTS lead_stats;`);
};
