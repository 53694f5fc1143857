import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';
import { dropFunction, installFunction } from './functions/database-function.js';
import { leadContactDateV1 } from './functions/lead-contact-date.v1.sql.js';

/**
 * Moves "a contact status records last_contact_date" from the admin's
 * pipeline code into the database, so the edit form (which never set it)
 * and every later path get it too.
 */
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await installFunction(qi, leadContactDateV1);
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await dropFunction(qi, leadContactDateV1);
};
