import type { FunctionVersion } from './database-function.js';

/** Subtracts a whole statement's deleted leads from `lead_stats`. */
export const leadStatsOnDeleteV1: FunctionVersion = {
  name: 'lead_stats_on_delete',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  version: 1,
  body: String.raw`
    BEGIN 
  UPDATE lead_stats s SET leads = s.leads - o.n FROM (SELECT coalesce(organization_id, 0) AS organization_key, (created_at AT TIME ZONE 'UTC')::date AS day, status AS status, coalesce(insurance_product_id, 0) AS product_key, coalesce(lead_source_id, 0) AS source_key, coalesce(campaign_id, 0) AS campaign_key, count(*) AS n FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6) o
   WHERE s.organization_key = o.organization_key AND s.day = o.day AND s.status = o.status AND s.product_key = o.product_key AND s.source_key = o.source_key AND s.campaign_key = o.campaign_key; RETURN NULL; END `,
  triggers: [
    {
      name: 'trg_leads_stats_delete',
      table: 'leads',
      create: 'CREATE TRIGGER trg_leads_stats_delete AFTER DELETE ON public.leads REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_stats_on_delete()',
    },
  ],
};
