import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';
import { dropFunction, installFunction } from './functions/database-function.js';
import { intakeSubmitV1 } from './functions/intake-submit.v1.sql.js';
import { rateLimitHitV1 } from './functions/rate-limit-hit.v1.sql.js';

/**
 * The whole of one intake submission in one database round trip:
 * `intake_submit(request jsonb) → jsonb` (functions/intake-submit.v1.sql.ts)
 * and the per-IP and per-key budgets it spends (functions/rate-limit-hit.v1.sql.ts).
 */
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await installFunction(qi, rateLimitHitV1);
  await installFunction(qi, intakeSubmitV1);
  // Duplicate checks look leads up by organization and email, or organization and E.164 phone. With
  // ix_leads_email alone the planner may AND it with ix_leads_organization_id, reading every lead of
  // the organization (3 ms at 100,000 leads, growing): one index with both columns is always a lookup.
  await qi.sequelize.query('CREATE INDEX perf_leads_org_email ON leads (organization_id, email)');
  await qi.sequelize.query('CREATE INDEX perf_leads_org_phone ON leads (organization_id, phone)');
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query('DROP INDEX IF EXISTS perf_leads_org_phone');
  await qi.sequelize.query('DROP INDEX IF EXISTS perf_leads_org_email');
  await dropFunction(qi, intakeSubmitV1);
  await dropFunction(qi, rateLimitHitV1);
};
