import type { FunctionVersion } from './database-function.js';

/** Moves a whole statement's updated leads between `lead_stats` keys. */
export const leadStatsOnUpdateV1: FunctionVersion = {
  name: 'lead_stats_on_update',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  version: 1,
  body: String.raw`
    BEGIN 
  UPDATE lead_stats s SET leads = s.leads - o.n FROM (SELECT coalesce(organization_id, 0) AS organization_key, (created_at AT TIME ZONE 'UTC')::date AS day, status AS status, coalesce(insurance_product_id, 0) AS product_key, coalesce(lead_source_id, 0) AS source_key, coalesce(campaign_id, 0) AS campaign_key, count(*) AS n FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6) o
   WHERE s.organization_key = o.organization_key AND s.day = o.day AND s.status = o.status AND s.product_key = o.product_key AND s.source_key = o.source_key AND s.campaign_key = o.campaign_key; 
  INSERT INTO lead_stats AS s (organization_key, day, status, product_key, source_key, campaign_key, leads) SELECT coalesce(organization_id, 0) AS organization_key, (created_at AT TIME ZONE 'UTC')::date AS day, status AS status, coalesce(insurance_product_id, 0) AS product_key, coalesce(lead_source_id, 0) AS source_key, coalesce(campaign_id, 0) AS campaign_key, count(*) AS n FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (organization_key, day, status, product_key, source_key, campaign_key) DO UPDATE SET leads = s.leads + EXCLUDED.leads; RETURN NULL; END `,
  triggers: [
    {
      name: 'trg_leads_stats_update',
      table: 'leads',
      create: 'CREATE TRIGGER trg_leads_stats_update AFTER UPDATE ON public.leads REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_stats_on_update()',
    },
  ],
};
