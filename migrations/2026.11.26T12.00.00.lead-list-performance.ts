import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/**
 * Indexes that keep the admin's lead list fast at a million leads. They are
 * not in the spec (its `ix_*` indexes stay exactly as specified), so they are
 * named `perf_*`:
 *
 * - the list's order, newest first with `id` as the tie-breaker, per
 *   organization (staff) and overall (superusers), and per organization and
 *   status (the status filter): the first page reads 10 index entries, a
 *   capped count reads at most a few thousand, and a deep OFFSET is skipped
 *   inside the index (index-only) before 10 rows are fetched by id;
 * - trigram indexes for the search box's `ILIKE '%word%'` over names, email
 *   and phone, and its digits-only phone match (the expression must stay
 *   exactly the one server/admin/search-filter.ts builds).
 *
 * pg_trgm is created only if missing, and marked, so `down` drops it only when
 * this migration created it.
 */
const TRGM_MARK = 'pg_trgm: created by LeadHarbor migration lead-list-performance';

const INDEXES: Record<string, string> = {
  perf_leads_org_created: 'leads (organization_id, created_at DESC, id DESC)',
  perf_leads_org_status_created: 'leads (organization_id, status, created_at DESC, id DESC)',
  perf_leads_created: 'leads (created_at DESC, id DESC)',
  perf_leads_search_trgm: 'leads USING gin (first_name gin_trgm_ops, last_name gin_trgm_ops, email gin_trgm_ops, phone gin_trgm_ops)',
  perf_leads_phone_digits_trgm: `leads USING gin ((regexp_replace(phone, '\\D', '', 'g')) gin_trgm_ops)`,
};

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  const [existing] = await qi.sequelize.query(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`);
  if (existing.length === 0) {
    await qi.sequelize.query('CREATE EXTENSION pg_trgm');
    await qi.sequelize.query(`COMMENT ON EXTENSION pg_trgm IS '${TRGM_MARK}'`);
  }
  for (const [name, definition] of Object.entries(INDEXES)) {
    await qi.sequelize.query(`CREATE INDEX ${name} ON ${definition}`);
  }
  // Plans for the list depend on fresh statistics (the counts above the exact threshold are the planner's estimate).
  await qi.sequelize.query('ANALYZE leads');
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  for (const name of Object.keys(INDEXES).reverse()) {
    await qi.sequelize.query(`DROP INDEX IF EXISTS ${name}`);
  }
  const [[mark]] = await qi.sequelize.query(
    `SELECT obj_description(oid, 'pg_extension') AS comment FROM pg_extension WHERE extname = 'pg_trgm'`,
  ) as [{ comment: string | null }[], unknown];
  if (mark?.comment === TRGM_MARK) await qi.sequelize.query('DROP EXTENSION pg_trgm');
};
