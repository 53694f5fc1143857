import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';
import { NOW_UTC } from './support/ddl.js';

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query(`
    CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.updated_at := ${NOW_UTC};
      RETURN NEW;
    END;
    $$`);
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query('DROP FUNCTION IF EXISTS set_updated_at()');
};
