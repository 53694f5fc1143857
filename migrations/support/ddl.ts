import type { QueryInterface } from 'sequelize';

/**
 * DDL fragments every table migration shares. Migrations speak raw SQL so the
 * live schema is exactly what the spec says (types, constraint and index
 * names), not whatever an ORM abstraction chooses.
 */

/** Timestamps are UTC wall-clock values in `timestamp without time zone` columns, whatever the session's TimeZone. */
export const NOW_UTC = "timezone('utc', now())";

export const TIMESTAMP_COLUMNS = `
  created_at timestamp NOT NULL DEFAULT ${NOW_UTC},
  updated_at timestamp NOT NULL DEFAULT ${NOW_UTC}`;

export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A named CHECK constraint that accepts exactly one of the spec's values. */
export function checkIn(table: string, column: string, values: readonly string[]): string {
  return `CONSTRAINT ck_${table}_${column} CHECK (${column} IN (${values.map(quoteLiteral).join(', ')}))`;
}

/** Creates `ix_<table>_<column>` for each column; unique ones as UNIQUE indexes. */
export async function createIndexes(
  qi: QueryInterface, table: string, columns: readonly string[], unique: readonly string[] = [],
): Promise<void> {
  for (const column of columns) {
    const kind = unique.includes(column) ? 'UNIQUE INDEX' : 'INDEX';
    await qi.sequelize.query(`CREATE ${kind} ix_${table}_${column} ON ${table} (${column})`);
  }
}

/** Attaches the shared `set_updated_at()` trigger so any UPDATE, even raw SQL, refreshes `updated_at`. */
export async function addUpdatedAtTrigger(qi: QueryInterface, table: string): Promise<void> {
  await qi.sequelize.query(
    `CREATE TRIGGER trg_${table}_updated_at BEFORE UPDATE ON ${table}
     FOR EACH ROW EXECUTE FUNCTION set_updated_at()`,
  );
}

export async function dropTable(qi: QueryInterface, table: string): Promise<void> {
  // Dropping the table drops its indexes, constraints and trigger with it.
  await qi.sequelize.query(`DROP TABLE IF EXISTS ${table}`);
}
