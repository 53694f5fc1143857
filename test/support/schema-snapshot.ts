import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/** The shape of `seed_schema.json`: the contract the live schema must equal. */
export interface TableSpec {
  columns: Record<string, [string, boolean]>;
  defaults: Record<string, string>;
  indexes: Record<string, [string[], boolean]>;
  fks: Record<string, [string, string]>;
}
export interface SchemaSpec {
  tables: Record<string, TableSpec>;
  enums: Record<string, string[]>;
}

export const SHARED_SPEC_PATH = path.resolve('../shared/spec/seed_schema.json');
export const FIXTURE_SPEC_PATH = path.resolve('test/fixtures/seed_schema.json');

/**
 * Columns our migrations add to the contract's tables, beyond seed_schema.json.
 * The contract allows additive columns; each is listed here so the schema
 * test still checks every column exactly, these included.
 */
export const ADDITIVE_COLUMNS: Record<string, Pick<TableSpec, 'columns' | 'defaults'>> = {
  organizations: { columns: { timezone: ['varchar(64)', false] }, defaults: { timezone: "'America/New_York'" } },
};

/** The contract's table with our additive columns: what the live table must equal. */
export function expectedTable(spec: SchemaSpec, table: string): TableSpec {
  const base = spec.tables[table]!;
  const extra = ADDITIVE_COLUMNS[table];
  return extra ? { ...base, columns: { ...base.columns, ...extra.columns }, defaults: { ...base.defaults, ...extra.defaults } } : base;
}

/** The shared contract when it sits beside the checkout (as on CI), else the committed copy. */
export function loadSpec(): SchemaSpec {
  const file = existsSync(SHARED_SPEC_PATH) ? SHARED_SPEC_PATH : FIXTURE_SPEC_PATH;
  return JSON.parse(readFileSync(file, 'utf8')) as SchemaSpec;
}

function typeName(c: { data_type: string; character_maximum_length: number | null; numeric_precision: number | null; numeric_scale: number | null }): string {
  switch (c.data_type) {
    case 'character varying': return `varchar(${c.character_maximum_length})`;
    case 'numeric': return `numeric(${c.numeric_precision},${c.numeric_scale})`;
    case 'timestamp without time zone': return 'timestamp';
    case 'timestamp with time zone': return 'timestamptz';
    default: return c.data_type;
  }
}

/** Normalises a catalog default to the contract's notation: `true`, `'draft'`, `now`. */
function defaultName(raw: string): string {
  if (/\bnow\(\)/.test(raw)) return 'now';
  return raw.replace(/::[a-z ]+$/i, '');
}

const RULES: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** Reads the live schema of `tables` in the `seed_schema.json` notation. */
export async function snapshotSchema(url: string, tables: string[]): Promise<Record<string, TableSpec>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result: Record<string, TableSpec> = {};
    for (const table of tables) {
      const spec: TableSpec = { columns: {}, defaults: {}, indexes: {}, fks: {} };
      const cols = await client.query(
        `SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, is_nullable, column_default
           FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`, [table]);
      if (cols.rowCount === 0) continue;
      for (const c of cols.rows) {
        spec.columns[c.column_name] = [typeName(c), c.is_nullable === 'YES'];
        if (c.column_default !== null) spec.defaults[c.column_name] = defaultName(c.column_default);
      }
      const idx = await client.query(
        `SELECT i.relname AS name, ix.indisunique AS uniq,
                array(SELECT a.attname::text FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, n)
                      JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum ORDER BY k.n) AS cols
           FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
          WHERE t.relname = $1 AND NOT ix.indisprimary`, [table]);
      for (const i of idx.rows) spec.indexes[i.name] = [i.cols, i.uniq];
      const fks = await client.query(
        `SELECT a.attname AS col, r.relname AS ref, c.confdeltype AS rule
           FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          WHERE c.contype = 'f' AND t.relname = $1`, [table]);
      for (const f of fks.rows) spec.fks[f.col] = [f.ref, RULES[f.rule] ?? f.rule];
      result[table] = spec;
    }
    return result;
  } finally {
    await client.end();
  }
}

/**
 * Everything a migration can create in `public`, as text: tables, columns,
 * constraints with their definitions, indexes, triggers and functions. Two
 * equal dumps mean two identical schemas.
 */
export async function dumpCatalog(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const queries = [
      `SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(character_maximum_length::text, '')
              || ' ' || is_nullable || ' ' || coalesce(column_default, '') || ' ' || is_identity AS line
         FROM information_schema.columns WHERE table_schema = 'public'`,
      `SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS line
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace`,
      `SELECT 'index ' || indexdef AS line FROM pg_indexes WHERE schemaname = 'public'`,
      `SELECT 'trigger ' || tgrelid::regclass || ' ' || pg_get_triggerdef(oid) AS line FROM pg_trigger WHERE NOT tgisinternal`,
      `SELECT 'function ' || proname || ' ' || md5(prosrc) AS line FROM pg_proc WHERE pronamespace = 'public'::regnamespace`,
    ];
    const lines: string[] = [];
    for (const q of queries) lines.push(...(await client.query<{ line: string }>(q)).rows.map((r) => r.line));
    return lines.sort();
  } finally {
    await client.end();
  }
}
