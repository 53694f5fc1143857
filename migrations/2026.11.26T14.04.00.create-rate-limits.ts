import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';
import { dropTable } from './support/ddl.js';

/**
 * Fixed one-minute request counters shared by every app instance. A budget
 * (`ip:<address>` or `key:<scope>`) is split into shards, one per database
 * backend (`pg_backend_pid() % 64`), and summed when checked: concurrent
 * requests then update different rows instead of queueing on one row lock
 * until each other's commit. UNLOGGED: counters need no crash safety.
 */
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query(`
    CREATE UNLOGGED TABLE rate_limit_counters (
      bucket varchar(100) NOT NULL,
      window_start timestamp NOT NULL,
      shard smallint NOT NULL,
      hits integer NOT NULL,
      PRIMARY KEY (bucket, window_start, shard)
    )`);
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await dropTable(qi, 'rate_limit_counters');
};
