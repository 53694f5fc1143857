import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { VALUE_SET_COLUMNS, SCORE_MAX, SCORE_MIN } from '../../models/value-sets.js';
import { createTestDatabase, migrate, type TestDatabase } from '../support/test-database.js';
import { FIXTURE_SPEC_PATH, SHARED_SPEC_PATH, expectedTable, loadSpec, snapshotSchema } from '../support/schema-snapshot.js';

const spec = loadSpec();
const TABLES = Object.keys(spec.tables);
let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase('schema');
  await migrate(db.url);
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await db?.drop();
});

/** Runs `sql` and returns the PostgreSQL error it raised (fails the test if none). */
async function rejection(sql: string, params: unknown[] = []): Promise<pg.DatabaseError> {
  await client.query('SAVEPOINT probe');
  try {
    await client.query(sql, params);
  } catch (error) {
    await client.query('ROLLBACK TO SAVEPOINT probe');
    return error as pg.DatabaseError;
  }
  throw new Error(`expected the database to reject: ${sql} ${JSON.stringify(params)}`);
}

describe('live schema against seed_schema.json', () => {
  it('the committed copy of the contract matches the shared spec', () => {
    if (!existsSync(SHARED_SPEC_PATH)) return; // CI and developers have ../shared; a bare clone uses the copy
    expect(JSON.parse(readFileSync(FIXTURE_SPEC_PATH, 'utf8'))).toEqual(JSON.parse(readFileSync(SHARED_SPEC_PATH, 'utf8')));
  });

  it.each(TABLES)('%s: every column, type, length, nullability, default, index and foreign key (with our additive columns)', async (table) => {
    const live = await snapshotSchema(db.url, [table]);
    const expected = expectedTable(spec, table);
    expect(live[table]?.columns).toEqual(expected.columns);
    expect(live[table]?.defaults).toEqual(expected.defaults);
    // The spec's ix_* indexes exactly; performance indexes beyond the spec live in their own perf_* namespace.
    const liveIndexes = Object.entries(live[table]?.indexes ?? {});
    expect(Object.fromEntries(liveIndexes.filter(([name]) => name.startsWith('ix_')))).toEqual(expected.indexes);
    expect(liveIndexes.map(([name]) => name).filter((name) => !name.startsWith('ix_') && !name.startsWith('perf_'))).toEqual([]);
    expect(live[table]?.fks).toEqual(expected.fks);
  });

  it('the value sets in code are exactly the spec enums', () => {
    const inCode = Object.fromEntries(Object.entries(VALUE_SET_COLUMNS).flatMap(
      ([table, cols]) => Object.entries(cols).map(([col, values]) => [`${table}.${col}`, [...values]]),
    ));
    expect(inCode).toEqual(spec.enums);
  });
});

describe('constraints the database enforces itself', () => {
  let orgId: number;
  beforeAll(async () => {
    orgId = (await client.query(`INSERT INTO organizations (name, slug) VALUES ('Acme', 'acme') RETURNING id`)).rows[0].id;
    await client.query('BEGIN');
  });
  afterAll(async () => { await client.query('ROLLBACK'); });

  const insertFor: Record<string, (column: string) => string> = {
    leads: (c) => `INSERT INTO leads (first_name, last_name, email, ${c}) VALUES ('A', 'B', 'a@b.co', $1)`,
    campaigns: (c) => `INSERT INTO campaigns (name, slug, campaign_type, ${c}) VALUES ('C', 'c-' || md5(random()::text), 'seasonal', $1)`,
    lead_sources: (c) => `INSERT INTO lead_sources (name, slug, ${c}) VALUES ('S', 's-' || md5(random()::text), $1)`,
    insurance_products: (c) => `INSERT INTO insurance_products (name, slug, ${c}) VALUES ('P', 'p-' || md5(random()::text), $1)`,
  };
  const cases = Object.entries(VALUE_SET_COLUMNS).flatMap(([table, cols]) =>
    Object.entries(cols).map(([column, values]) => ({ table, column, values: [...values] as string[] })));

  it.each(cases)('$table: $column rejects a value outside its set, naming the constraint', async ({ table, column }) => {
    const error = await rejection(insertFor[table]!(column), ['not_a_real_value']);
    expect(error.code).toBe('23514'); // check_violation
    expect(error.constraint).toBe(`ck_${table}_${column}`);
    expect(error.message).toContain(`violates check constraint "ck_${table}_${column}"`);
  });

  it.each(cases)('$table: $column accepts every listed value', async ({ table, column, values }) => {
    for (const value of values) await client.query(insertFor[table]!(column), [value]);
    const { rows } = await client.query(`SELECT DISTINCT ${column} AS v FROM ${table}`);
    expect(rows.map((r) => r.v)).toEqual(expect.arrayContaining(values));
  });

  it.each([SCORE_MIN - 1, SCORE_MAX + 1])('leads.score rejects %i', async (score) => {
    const error = await rejection(insertFor.leads!('score'), [score]);
    expect(error.constraint).toBe('ck_leads_score');
  });

  it.each([SCORE_MIN, 50, SCORE_MAX])('leads.score accepts %i', async (score) => {
    await expect(client.query(insertFor.leads!('score'), [score])).resolves.toBeTruthy();
  });

  it('a duplicate slug or user email is refused by its unique index', async () => {
    const error = await rejection(`INSERT INTO organizations (name, slug) VALUES ('Other', 'acme')`);
    expect(error.code).toBe('23505');
    expect(error.constraint).toBe('ix_organizations_slug');
    await client.query(`INSERT INTO users (email, hashed_password, first_name, last_name, organization_id) VALUES ('u@x.co', 'h', 'U', 'X', $1)`, [orgId]);
    expect((await rejection(`INSERT INTO users (email, hashed_password, first_name, last_name) VALUES ('u@x.co', 'h', 'U', 'Y')`)).constraint).toBe('ix_users_email');
  });

  it('defaults apply when a row names only the required columns', async () => {
    const { rows: [lead] } = await client.query(
      `INSERT INTO leads (first_name, last_name, email) VALUES ('Dee', 'Fault', 'd@f.co') RETURNING country, status, priority, score, created_at, updated_at`);
    expect(lead).toMatchObject({ country: 'USA', status: 'new', priority: 'medium', score: null });
    expect(Math.abs(lead.created_at.getTime() - Date.now())).toBeLessThan(60_000); // stored as UTC
    const { rows: [campaign] } = await client.query(
      `INSERT INTO campaigns (name, slug, campaign_type) VALUES ('D', 'd', 'seasonal') RETURNING status, is_active`);
    expect(campaign).toEqual({ status: 'draft', is_active: true });
  });
});

describe('updated_at triggers and delete rules', () => {
  it.each(TABLES)('%s.updated_at moves on a raw SQL UPDATE that does not set it', async (table) => {
    const required: Record<string, string> = {
      organizations: `(name, slug) VALUES ('T', 't-${table}')`,
      users: `(email, hashed_password, first_name, last_name) VALUES ('t@${table}.co', 'h', 'T', 'T')`,
      lead_sources: `(name, slug, source_type) VALUES ('T', 't-${table}', 'web')`,
      campaigns: `(name, slug, campaign_type) VALUES ('T', 't-${table}', 'seasonal')`,
      insurance_products: `(name, slug, product_type) VALUES ('T', 't-${table}', 'auto')`,
      leads: `(first_name, last_name, email) VALUES ('T', 'T', 't@t.co')`,
    };
    const past = '2000-01-01 00:00:00';
    const { rows: [row] } = await client.query(`INSERT INTO ${table} ${required[table]} RETURNING id`);
    // Backdate both timestamps with the trigger off, so the update's effect is unmistakable.
    await client.query(`ALTER TABLE ${table} DISABLE TRIGGER trg_${table}_updated_at`);
    await client.query(`UPDATE ${table} SET created_at = $1, updated_at = $1 WHERE id = $2`, [past, row.id]);
    await client.query(`ALTER TABLE ${table} ENABLE TRIGGER trg_${table}_updated_at`);
    const touch = table === 'leads' ? `notes = 'touched'` : 'is_active = NOT is_active';
    await client.query(`UPDATE ${table} SET ${touch} WHERE id = $1`, [row.id]);
    const { rows: [after] } = await client.query(`SELECT created_at, updated_at FROM ${table} WHERE id = $1`, [row.id]);
    expect(after.created_at.toISOString()).toBe('2000-01-01T00:00:00.000Z');
    expect(Math.abs(after.updated_at.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('deleting an organization deletes its users, campaigns and leads', async () => {
    const org = (await client.query(`INSERT INTO organizations (name, slug) VALUES ('Gone', 'gone') RETURNING id`)).rows[0].id;
    await client.query(`INSERT INTO users (email, hashed_password, first_name, last_name, organization_id) VALUES ('g@gone.co', 'h', 'G', 'G', $1)`, [org]);
    await client.query(`INSERT INTO campaigns (name, slug, campaign_type, organization_id) VALUES ('G', 'gone-c', 'seasonal', $1)`, [org]);
    await client.query(`INSERT INTO leads (first_name, last_name, email, organization_id) VALUES ('G', 'G', 'g@g.co', $1)`, [org]);
    await client.query('DELETE FROM organizations WHERE id = $1', [org]);
    for (const table of ['users', 'campaigns', 'leads']) {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${table} WHERE organization_id = $1`, [org]);
      expect({ table, n: rows[0].n }).toEqual({ table, n: 0 });
    }
  });

  it.each([
    ['campaigns', 'campaign_id', `(name, slug, campaign_type) VALUES ('K', 'keep-c', 'seasonal')`],
    ['lead_sources', 'lead_source_id', `(name, slug, source_type) VALUES ('K', 'keep-s', 'web')`],
    ['insurance_products', 'insurance_product_id', `(name, slug, product_type) VALUES ('K', 'keep-p', 'auto')`],
  ])('deleting a row of %s keeps the lead and sets leads.%s to NULL', async (table, column, values) => {
    const ref = (await client.query(`INSERT INTO ${table} ${values} RETURNING id`)).rows[0].id;
    const lead = (await client.query(`INSERT INTO leads (first_name, last_name, email, ${column}) VALUES ('K', 'K', 'k@k.co', $1) RETURNING id`, [ref])).rows[0].id;
    await client.query(`DELETE FROM ${table} WHERE id = $1`, [ref]);
    const { rows } = await client.query(`SELECT ${column} AS ref FROM leads WHERE id = $1`, [lead]);
    expect(rows).toEqual([{ ref: null }]);
  });
});

describe('documents (issue 13, beyond seed_schema.json)', () => {
  let org: number;
  let lead: number;
  let user: number;
  const insert = (extra: Record<string, unknown> = {}) => {
    const row = { lead_id: lead, organization_id: org, uploaded_by: user, original_name: 'a.pdf', content_type: 'application/pdf', size_bytes: 10,
      storage_key: `${org}/${Math.random().toString(16).slice(2)}`, sha256: 'a'.repeat(64), ...extra };
    const columns = Object.keys(row);
    return [`INSERT INTO documents (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`, Object.values(row)] as const;
  };
  beforeAll(async () => {
    await client.query('BEGIN');
    org = (await client.query(`INSERT INTO organizations (name, slug) VALUES ('Docs', 'docs-schema') RETURNING id`)).rows[0].id;
    lead = (await client.query(`INSERT INTO leads (first_name, last_name, email, organization_id) VALUES ('D', 'S', 'd@s.co', $1) RETURNING id`, [org])).rows[0].id;
    user = (await client.query(`INSERT INTO users (email, hashed_password, first_name, last_name, organization_id) VALUES ('doc@s.co', 'h', 'D', 'S', $1) RETURNING id`, [org])).rows[0].id;
  });
  afterAll(async () => { await client.query('ROLLBACK'); });

  it('has its columns, ix_ indexes (storage_key unique) and delete rules', async () => {
    const { rows: columns } = await client.query(`SELECT column_name, data_type, character_maximum_length AS len, is_nullable FROM information_schema.columns
      WHERE table_name = 'documents' ORDER BY ordinal_position`);
    expect(columns.map((c) => `${c.column_name} ${c.data_type}${c.len ? `(${c.len})` : ''}${c.is_nullable === 'NO' ? ' not null' : ''}`)).toEqual([
      'id integer not null', 'lead_id integer not null', 'organization_id integer not null', 'uploaded_by integer', 'original_name character varying(255) not null',
      'content_type character varying(100) not null', 'size_bytes bigint not null', 'storage_key character varying(200) not null', 'sha256 character(64) not null',
      'created_at timestamp without time zone not null', 'updated_at timestamp without time zone not null',
    ]);
    const { rows: indexes } = await client.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'documents' AND indexname LIKE 'ix_%' ORDER BY 1`);
    expect(indexes.map((i) => i.indexname)).toEqual(['ix_documents_lead_id', 'ix_documents_organization_id', 'ix_documents_storage_key', 'ix_documents_uploaded_by']);
    expect(indexes.find((i) => i.indexname === 'ix_documents_storage_key').indexdef).toMatch(/UNIQUE/);
    const { rows: fks } = await client.query(`SELECT conname, confdeltype FROM pg_constraint WHERE conrelid = 'documents'::regclass AND contype = 'f' ORDER BY 1`);
    expect(fks).toEqual([
      { conname: 'fk_documents_lead_id', confdeltype: 'c' }, { conname: 'fk_documents_organization_id', confdeltype: 'c' },
      { conname: 'fk_documents_uploaded_by', confdeltype: 'n' },
    ]);
  });

  it.each([
    ['a content type outside DOCUMENT_TYPES', { content_type: 'text/html' }, 'ck_documents_content_type'],
    ['a size of 0', { size_bytes: 0 }, 'ck_documents_size_bytes'],
    ['a SHA-256 that is not 64 hex digits', { sha256: 'Z'.repeat(64) }, 'ck_documents_sha256'],
  ])('refuses %s', async (_label, extra, constraint) => {
    const [sql, params] = insert(extra);
    expect((await rejection(sql, [...params])).constraint).toBe(constraint);
  });

  it('refuses a storage key used twice, refreshes updated_at, cascades with its lead and keeps itself when its uploader goes', async () => {
    const [sql, params] = insert({ storage_key: `${org}/same` });
    const id = (await client.query(sql, [...params])).rows[0].id;
    expect((await rejection(sql, [...params])).constraint).toBe('ix_documents_storage_key');
    await client.query(`UPDATE documents SET updated_at = '2000-01-01' WHERE id = $1`, [id]);
    await client.query(`UPDATE documents SET original_name = 'b.pdf' WHERE id = $1`, [id]);
    const { rows: [row] } = await client.query('SELECT updated_at FROM documents WHERE id = $1', [id]);
    expect(Math.abs(row.updated_at.getTime() - Date.now())).toBeLessThan(60_000);
    await client.query('DELETE FROM users WHERE id = $1', [user]);
    expect((await client.query('SELECT uploaded_by FROM documents WHERE id = $1', [id])).rows).toEqual([{ uploaded_by: null }]);
    await client.query('DELETE FROM leads WHERE id = $1', [lead]);
    expect((await client.query('SELECT count(*)::int AS n FROM documents WHERE id = $1', [id])).rows[0].n).toBe(0);
  });
});
