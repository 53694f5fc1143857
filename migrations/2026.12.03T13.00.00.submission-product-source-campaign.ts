import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/**
 * What each submission asked for and came through: the product, lead source
 * and campaign intake_submit() resolved for it. A repeat inquiry (a duplicate
 * by email or phone) adds no lead, so until now the only trace of "also asked
 * for Home" was the raw `product` string in its payload. Additive columns (not
 * in the seed schema), and a new version of intake_submit() that fills them.
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

/**
 * The function is changed where it writes the submission, on the version the
 * database has (pg_get_functiondef gives its exact text back), rather than by a
 * second copy of its 200 lines: a copy would silently undo any other change
 * made to it since. A text that is not the one expected fails loudly.
 */
const INSERT_FROM = [
  'attribution, score_breakdown, ip_address, user_agent)',
  "(r->>'ip')::inet, r->>'user_agent')",
] as const;
const INSERT_TO = [
  'attribution, score_breakdown, ip_address, user_agent, insurance_product_id, lead_source_id, campaign_id)',
  "(r->>'ip')::inet, r->>'user_agent', v_product_id, v_source_id, v_campaign_id)",
] as const;

async function rewriteIntakeSubmit(qi: QueryInterface, from: readonly string[], to: readonly string[]): Promise<void> {
  const [rows] = await qi.sequelize.query(`SELECT pg_get_functiondef('intake_submit(jsonb)'::regprocedure) AS def`);
  let def = (rows as { def: string }[])[0]!.def;
  from.forEach((text, i) => {
    if (def.split(text).length !== 2) throw new Error(`intake_submit() does not write lead_submissions as expected (looking for: ${text})`);
    def = def.replace(text, to[i]!);
  });
  await qi.sequelize.query(def);
}

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  for (const [column, table] of COLUMNS) {
    await qi.sequelize.query(`ALTER TABLE lead_submissions ADD COLUMN ${column} integer
      CONSTRAINT fk_lead_submissions_${column} REFERENCES ${table} (id) ON DELETE SET NULL`);
  }
  await rewriteIntakeSubmit(qi, INSERT_FROM, INSERT_TO);
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await rewriteIntakeSubmit(qi, INSERT_TO, INSERT_FROM);
  for (const [column] of COLUMNS) await qi.sequelize.query(`ALTER TABLE lead_submissions DROP COLUMN ${column}`);
};
