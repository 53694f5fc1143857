import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';
import { dropFunction, installFunction } from './functions/database-function.js';
import { searchFoldV1 } from './functions/search-fold.v1.sql.js';

/**
 * The leads search ignores accents and case ("nunez" finds "Núñez"): it
 * compares search_fold() of each column, so its trigram index is rebuilt on
 * those expressions (they must stay exactly the ones server/admin/search-filter.ts builds).
 */
const FOLDED = 'leads USING gin (search_fold(first_name) gin_trgm_ops, search_fold(last_name) gin_trgm_ops, search_fold(email) gin_trgm_ops, search_fold(phone) gin_trgm_ops)';
const PLAIN = 'leads USING gin (first_name gin_trgm_ops, last_name gin_trgm_ops, email gin_trgm_ops, phone gin_trgm_ops)';

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await installFunction(qi, searchFoldV1);
  await qi.sequelize.query(`CREATE INDEX perf_leads_search_folded_trgm ON ${FOLDED}`);
  await qi.sequelize.query('DROP INDEX IF EXISTS perf_leads_search_trgm');
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query(`CREATE INDEX IF NOT EXISTS perf_leads_search_trgm ON ${PLAIN}`);
  await qi.sequelize.query('DROP INDEX IF EXISTS perf_leads_search_folded_trgm');
  await dropFunction(qi, searchFoldV1);
};
