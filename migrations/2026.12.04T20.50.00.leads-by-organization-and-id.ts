import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/**
 * `perf_leads_org_id` (organization_id, id): a list filtered by a set of lead
 * ids (a tag's leads, a selection) within one organization is answered from
 * this index alone, without reading each lead's row to check its
 * organization. Measured at 1,020,000 leads with a tag on 1 lead in 100:
 * counting a staff member's tagged leads took 272 ms (PostgreSQL read every
 * lead to join them), 21 ms with it. It is one narrow B-tree more for each
 * intake insert to keep.
 */
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query('CREATE INDEX perf_leads_org_id ON leads (organization_id, id)');
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query('DROP INDEX perf_leads_org_id');
};
