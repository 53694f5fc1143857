import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';
import { installFunction } from './functions/database-function.js';
import { intakeSubmitV3 } from './functions/intake-submit.v3.sql.js';
import { intakeSubmitV4 } from './functions/intake-submit.v4.sql.js';

/** intake_submit() v4: the idempotency window is the app's one constant, sent with each request. */
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await installFunction(qi, intakeSubmitV4);
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await installFunction(qi, intakeSubmitV3);
};
