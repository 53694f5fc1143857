import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';
import { NOW_UTC } from './support/ddl.js';

/**
 * Sign-in attempts counted per email and per client address (replacing the
 * per-email `login_throttles`), a per-user session generation that ending all
 * of a user's sessions bumps (a request already in flight cannot write an
 * ended session back), and an index on the session's user id so ending a
 * user's sessions is not a scan of every session. None is in the seed
 * schema: all are infrastructure.
 */
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query(`CREATE INDEX ix_admin_sessions_user_id ON admin_sessions ((sess->'adminUser'->>'id'))`);
  await qi.sequelize.query(`
    CREATE TABLE admin_session_generations (
      user_id integer PRIMARY KEY
        CONSTRAINT fk_admin_session_generations_user_id REFERENCES users (id) ON DELETE CASCADE,
      generation integer NOT NULL DEFAULT 0
    )`);
  await qi.sequelize.query(`
    CREATE TABLE sign_in_attempts (
      scope varchar(10) NOT NULL CONSTRAINT ck_sign_in_attempts_scope CHECK (scope IN ('email', 'address')),
      key varchar(255) NOT NULL,
      attempts integer NOT NULL,
      window_started_at timestamp NOT NULL DEFAULT ${NOW_UTC},
      locked_until timestamp,
      PRIMARY KEY (scope, key)
    )`);
  await qi.sequelize.query('DROP TABLE login_throttles');
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query(`
    CREATE TABLE login_throttles (
      email varchar(255) NOT NULL PRIMARY KEY,
      failures integer NOT NULL DEFAULT 0,
      first_failure_at timestamp NOT NULL DEFAULT timezone('utc', now()),
      locked_until timestamp
    )`);
  await qi.sequelize.query('DROP TABLE sign_in_attempts');
  await qi.sequelize.query('DROP TABLE admin_session_generations');
  await qi.sequelize.query('DROP INDEX ix_admin_sessions_user_id');
};
