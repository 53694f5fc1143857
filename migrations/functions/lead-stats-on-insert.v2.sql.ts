import type { FunctionVersion } from './database-function.js';

/** Version 2: signed deltas into this backend's shard of `lead_stats` (`pg_backend_pid() % 64`), so concurrent inserts no longer queue on one counter row. */
export const leadStatsOnInsertV2: FunctionVersion = {
  name: 'lead_stats_on_insert',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  version: 2,
  body: String.raw`
    BEGIN 
  INSERT INTO lead_stats AS s (organization_key, day, status, product_key, source_key, campaign_key, shard, leads)
  SELECT organization_key, day, status, product_key, source_key, campaign_key, pg_backend_pid() % 64, sum(delta)
    FROM (SELECT coalesce(organization_id, 0) AS organization_key, (created_at AT TIME ZONE 'UTC')::date AS day, status AS status, coalesce(insurance_product_id, 0) AS product_key, coalesce(lead_source_id, 0) AS source_key, coalesce(campaign_id, 0) AS campaign_key, 1 AS delta FROM new_rows) d
   GROUP BY organization_key, day, status, product_key, source_key, campaign_key HAVING sum(delta) <> 0
  ON CONFLICT (organization_key, day, status, product_key, source_key, campaign_key, shard) DO UPDATE SET leads = s.leads + EXCLUDED.leads; RETURN NULL; END `,
  triggers: [
    {
      name: 'trg_leads_stats_insert',
      table: 'leads',
      create: 'CREATE TRIGGER trg_leads_stats_insert AFTER INSERT ON public.leads REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_stats_on_insert()',
    },
  ],
};
