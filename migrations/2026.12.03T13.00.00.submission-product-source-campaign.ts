import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';
import { installFunction } from './functions/database-function.js';
import { intakeSubmitV1 } from './functions/intake-submit.v1.sql.js';
import { intakeSubmitV2 } from './functions/intake-submit.v2.sql.js';

/**
 * What each submission asked for and came through: the product, lead source
 * and campaign intake_submit() resolved for it. A repeat inquiry (a duplicate
 * by email or phone) adds no lead, so until now the only trace of "also asked
 * for Home" was the raw `product` string in its payload. Additive columns (not
 * in the seed schema), and intake_submit() v2 (functions/intake-submit.v2.sql.ts), which fills them.
 *
 * No index on the three columns: each index costs every intake insert, and
 * they are only read through the lead (ix_lead_submissions_lead_id). Deleting
 * a product, source or campaign then scans submissions to null them, which is
 * rare and an admin action.
 */
const COLUMNS = [
  ['insurance_product_id', 'insurance_products'],
  ['lead_source_id', 'lead_sources'],
  ['campaign_id', 'campaigns'],
] as const;

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  for (const [column, table] of COLUMNS) {
    await qi.sequelize.query(`ALTER TABLE lead_submissions ADD COLUMN ${column} integer
      CONSTRAINT fk_lead_submissions_${column} REFERENCES ${table} (id) ON DELETE SET NULL`);
  }
  await installFunction(qi, intakeSubmitV2);
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await installFunction(qi, intakeSubmitV1);
  for (const [column] of COLUMNS) await qi.sequelize.query(`ALTER TABLE lead_submissions DROP COLUMN ${column}`);
};
