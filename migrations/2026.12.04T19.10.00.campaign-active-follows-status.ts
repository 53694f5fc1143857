import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';
import { campaignsActiveFollowsStatusV1 } from './functions/campaigns-active-follows-status.v1.sql.js';
import { dropFunction, installFunction } from './functions/database-function.js';

/**
 * is_active follows the status from now on (see the function's file). Rows
 * where the two disagree today are put right from their status, because the
 * status is what the admin shows: what the intake does must match what staff
 * read. Rows that also end before they start are left for their next edit,
 * which must fix the dates first (ck_campaigns_end_after_start would refuse
 * this UPDATE, and with it the whole migration). `down` removes the trigger
 * and keeps the values, which were valid before it too.
 */
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await installFunction(qi, campaignsActiveFollowsStatusV1);
  await qi.sequelize.query(`UPDATE campaigns SET status = status
    WHERE is_active IS DISTINCT FROM (status IN ('draft', 'scheduled', 'active', 'paused'))
      AND NOT (start_date IS NOT NULL AND end_date IS NOT NULL AND end_date < start_date)`);
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await dropFunction(qi, campaignsActiveFollowsStatusV1);
};
