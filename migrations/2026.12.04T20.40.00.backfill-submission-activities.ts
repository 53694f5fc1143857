import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/**
 * Submissions stored before activities existed get their `submission`
 * activity, as later ones get from the trigger
 * (functions/activity-on-submission.v1.sql.ts), so a lead's timeline starts
 * with how it came in however old it is. Status changes made before then
 * left no trace to rebuild. Rows that already have their activity are
 * skipped, so the migration can run on a database where the trigger has
 * been writing for a while.
 */
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query(`
    INSERT INTO activities (lead_id, organization_id, type, occurred_at, summary, metadata)
    SELECT s.lead_id, s.organization_id, 'submission', s.created_at,
           CASE WHEN s.outcome = 'duplicate' THEN 'Asked again through the intake' ELSE 'Came in through the intake' END || coalesce(' for ' || p.name, ''),
           jsonb_build_object('submission_id', s.id, 'reference', s.reference, 'outcome', s.outcome,
                              'insurance_product_id', s.insurance_product_id, 'product', p.name, 'backfilled', true)
      FROM lead_submissions s LEFT JOIN insurance_products p ON p.id = s.insurance_product_id
     WHERE s.lead_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.lead_id = s.lead_id AND a.type = 'submission' AND a.metadata->>'submission_id' = s.id::text)`);
};

/** Only what this migration wrote goes: the trigger's own activities stay. */
export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query(`DELETE FROM activities WHERE type = 'submission' AND metadata->>'backfilled' = 'true'`);
};
