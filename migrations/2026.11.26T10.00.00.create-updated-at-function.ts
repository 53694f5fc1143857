import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';
import { dropFunction, installFunction } from './functions/database-function.js';
import { setUpdatedAtV1 } from './functions/set-updated-at.v1.sql.js';

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await installFunction(qi, setUpdatedAtV1);
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await dropFunction(qi, setUpdatedAtV1);
};
