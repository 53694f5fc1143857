import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/**
 * Admin sessions (connect-pg-simple's table layout), so every app instance
 * shares them, and the login throttle, so 5 failures lock an email across
 * instances too. Neither is in the seed schema: both are infrastructure.
 */
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query(`
    CREATE TABLE admin_sessions (
      sid varchar NOT NULL PRIMARY KEY,
      sess json NOT NULL,
      expire timestamp(6) NOT NULL
    )`);
  await qi.sequelize.query('CREATE INDEX ix_admin_sessions_expire ON admin_sessions (expire)');
  await qi.sequelize.query(`
    CREATE TABLE login_throttles (
      email varchar(255) NOT NULL PRIMARY KEY,
      failures integer NOT NULL DEFAULT 0,
      first_failure_at timestamp NOT NULL DEFAULT timezone('utc', now()),
      locked_until timestamp
    )`);
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query('DROP TABLE IF EXISTS login_throttles');
  await qi.sequelize.query('DROP TABLE IF EXISTS admin_sessions');
};
