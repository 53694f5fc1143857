import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';
import { dropFunction, installFunction } from './functions/database-function.js';
import { intakeSubmitV4 } from './functions/intake-submit.v4.sql.js';
import { intakeSubmitV5 } from './functions/intake-submit.v5.sql.js';
import { usableSiteKeysV1 } from './functions/usable-site-keys.v1.sql.js';

/** "An active site key of an active organization" defined once, in usable_site_keys(); intake_submit v5 uses it. */
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await installFunction(qi, usableSiteKeysV1);
  await installFunction(qi, intakeSubmitV5);
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await installFunction(qi, intakeSubmitV4);
  await dropFunction(qi, usableSiteKeysV1);
};
