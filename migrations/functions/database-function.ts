import type { QueryInterface } from 'sequelize';

/**
 * One version of a database function, and the triggers that call it, frozen
 * once shipped. A change is a new version file beside the old one plus a
 * migration whose `up` installs the new version and whose `down` reinstalls
 * the previous one, so a reviewer reads the change as a diff of two files
 * (umzug records migration names only: a shipped migration edited in place
 * never reaches a database that already ran it). test/server/database-functions.test.ts
 * checks that the live database runs exactly the latest version of each
 * function and trigger, and that no shipped version file has changed.
 */
export interface FunctionVersion {
  /** The function's name; with `args`, its identity in pg_proc. */
  name: string;
  /** Argument types as PostgreSQL prints them, e.g. `r jsonb`; empty for a trigger function. */
  args: string;
  returns: string;
  language: 'plpgsql' | 'sql';
  /** Volatility and parallel safety when not the defaults, e.g. `IMMUTABLE PARALLEL SAFE`. */
  attributes?: string;
  version: number;
  /** The body between the dollar quotes, exactly as pg_proc.prosrc will hold it (written as String.raw, so backslashes reach PostgreSQL as written). */
  body: string;
  /** Triggers that run this function, each as pg_get_triggerdef() prints it. */
  triggers?: readonly TriggerDefinition[];
}

export interface TriggerDefinition {
  name: string;
  table: string;
  /** The full CREATE TRIGGER statement, in PostgreSQL's own spelling (so it compares equal to pg_get_triggerdef). */
  create: string;
}

/** Installs (or replaces) this version of the function, then (re)creates its triggers. */
export async function installFunction(qi: QueryInterface, fn: FunctionVersion): Promise<void> {
  await qi.sequelize.query(
    `CREATE OR REPLACE FUNCTION ${fn.name}(${fn.args}) RETURNS ${fn.returns} LANGUAGE ${fn.language} ${fn.attributes ?? ''} AS $function$${fn.body}$function$`,
  );
  for (const trigger of fn.triggers ?? []) {
    await qi.sequelize.query(`DROP TRIGGER IF EXISTS ${trigger.name} ON ${trigger.table}`);
    await qi.sequelize.query(trigger.create);
  }
}

/** Removes the function and its triggers (the `down` of the migration that first installed it). */
export async function dropFunction(qi: QueryInterface, fn: FunctionVersion): Promise<void> {
  for (const trigger of fn.triggers ?? []) await qi.sequelize.query(`DROP TRIGGER IF EXISTS ${trigger.name} ON ${trigger.table}`);
  await qi.sequelize.query(`DROP FUNCTION IF EXISTS ${fn.name}(${fn.args})`);
}
