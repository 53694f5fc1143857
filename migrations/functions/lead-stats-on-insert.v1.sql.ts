import type { FunctionVersion } from './database-function.js';

/** Adds a whole statement's inserted leads to `lead_stats` (one upsert per statement, through its transition table). */
export const leadStatsOnInsertV1: FunctionVersion = {
  name: 'lead_stats_on_insert',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  version: 1,
  body: String.raw`
    BEGIN 
  INSERT INTO lead_stats AS s (organization_key, day, status, product_key, source_key, campaign_key, leads) SELECT coalesce(organization_id, 0) AS organization_key, (created_at AT TIME ZONE 'UTC')::date AS day, status AS status, coalesce(insurance_product_id, 0) AS product_key, coalesce(lead_source_id, 0) AS source_key, coalesce(campaign_id, 0) AS campaign_key, count(*) AS n FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (organization_key, day, status, product_key, source_key, campaign_key) DO UPDATE SET leads = s.leads + EXCLUDED.leads; RETURN NULL; END `,
  triggers: [
    {
      name: 'trg_leads_stats_insert',
      table: 'leads',
      create: 'CREATE TRIGGER trg_leads_stats_insert AFTER INSERT ON public.leads REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_stats_on_insert()',
    },
  ],
};
