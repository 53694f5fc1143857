import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import type { QueryInterface } from 'sequelize';
import type { RunnableMigration } from 'umzug';
import { MIGRATIONS } from '../../migrations/index.js';
import { createMigrator, MIGRATIONS_TABLE } from '../../server/db/migrator.js';
import { dumpCatalog, loadSpec, snapshotSchema } from '../support/schema-snapshot.js';
import { createTestDatabase, quietLogger, type TestDatabase } from '../support/test-database.js';

const run = promisify(execFile);
const TABLES = Object.keys(loadSpec().tables);
const created: TestDatabase[] = [];

async function freshDatabase(label: string): Promise<TestDatabase> {
  const db = await createTestDatabase(label);
  created.push(db);
  return db;
}
afterAll(async () => { await Promise.all(created.map((db) => db.drop())); });

/** The schema without the bookkeeping table, which (by design) survives a full rollback. */
async function schemaOf(url: string): Promise<string[]> {
  return (await dumpCatalog(url)).filter((line) => !line.includes(MIGRATIONS_TABLE));
}

async function cli(url: string, ...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', 'server/db/cli.ts', ...args], {
    env: { ...process.env, DATABASE_URL: url, NODE_OPTIONS: '' },
  });
}

describe('migrations', () => {
  it('lists every file of migrations/ once, in name order', () => {
    const files = readdirSync('migrations').filter((f) => /^\d{4}\..*\.ts$/.test(f)).map((f) => f.replace(/\.ts$/, ''));
    const names = MIGRATIONS.map((m) => m.name);
    expect(names).toEqual(files.sort());
    expect(names).toEqual([...names].sort());
  });

  it('every down undoes its whole up, and down to zero then up again gives an identical schema', async () => {
    const db = await freshDatabase('roundtrip');
    const migrator = createMigrator(db.url, quietLogger);
    try {
      const states = [await schemaOf(db.url)];
      for (let i = 0; i < MIGRATIONS.length; i += 1) {
        expect(await migrator.up(1)).toEqual([MIGRATIONS[i]!.name]);
        states.push(await schemaOf(db.url));
        expect(states[i + 1]).not.toEqual(states[i]); // each migration changes something
      }
      const full = await snapshotSchema(db.url, TABLES);
      for (let i = MIGRATIONS.length; i > 0; i -= 1) {
        expect(await migrator.down(1)).toEqual([MIGRATIONS[i - 1]!.name]);
        expect(await schemaOf(db.url)).toEqual(states[i - 1]);
      }
      expect(states[0]).toEqual([]);
      await migrator.up();
      expect(await schemaOf(db.url)).toEqual(states[MIGRATIONS.length]);
      expect(await snapshotSchema(db.url, TABLES)).toEqual(full);
    } finally {
      await migrator.close();
    }
  });

  it("the organization time zone: existing organizations get New York time, and down drops the column", async () => {
    const db = await freshDatabase('org_timezone');
    const migrator = createMigrator(db.url, quietLogger);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const at = MIGRATIONS.findIndex((m) => m.name === '2026.12.04T15.00.00.organization-timezone');
      await migrator.up(at);
      await client.query("INSERT INTO organizations (name, slug) VALUES ('Acme', 'acme')");
      expect(await migrator.up(1)).toEqual([MIGRATIONS[at]!.name]);
      expect((await client.query('SELECT timezone FROM organizations')).rows).toEqual([{ timezone: 'America/New_York' }]);
      await client.query("INSERT INTO organizations (name, slug, timezone) VALUES ('Bay', 'bay', 'America/Los_Angeles')");
      await expect(client.query("INSERT INTO organizations (name, slug, timezone) VALUES ('Nil', 'nil', NULL)")).rejects.toThrow(/not-null/);
      expect(await migrator.down(1)).toEqual([MIGRATIONS[at]!.name]);
      const columns = await client.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'organizations' AND column_name = 'timezone'");
      expect(columns.rowCount).toBe(0);
    } finally {
      await client.end();
      await migrator.close();
    }
  });

  it('submissions stored before activities existed get their submission activity, once', async () => {
    const db = await freshDatabase('backfill_submissions');
    const migrator = createMigrator(db.url, quietLogger);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const activities = async () => (await client.query("SELECT lead_id, summary, metadata->>'reference' AS reference FROM activities WHERE type = 'submission' ORDER BY id")).rows;
    try {
      await migrator.up(MIGRATIONS.findIndex((m) => m.name === '2026.12.04T20.00.00.create-activities'));
      const org = (await client.query("INSERT INTO organizations (name, slug) VALUES ('Acme', 'acme') RETURNING id")).rows[0].id;
      const lead = (await client.query("INSERT INTO leads (first_name, last_name, email, organization_id) VALUES ('Old', 'Lead', 'old@acme.co', $1) RETURNING id", [org])).rows[0].id;
      await client.query("INSERT INTO lead_submissions (reference, organization_id, lead_id, outcome, payload) VALUES ('LH-OLD00001', $1, $2, 'created', '{}'), ('LH-OLD00002', $1, NULL, 'spam', '{}')", [org, lead]);
      await migrator.up();
      expect(await activities()).toEqual([{ lead_id: lead, summary: 'Came in through the intake', reference: 'LH-OLD00001' }]);
      // A submission after the migration gets its activity from the trigger, once.
      await client.query("INSERT INTO lead_submissions (reference, organization_id, lead_id, outcome, payload) VALUES ('LH-NEW00001', $1, $2, 'duplicate', '{}')", [org, lead]);
      expect((await activities()).map((a) => a.reference)).toEqual(['LH-OLD00001', 'LH-NEW00001']);
    } finally {
      await client.end();
      await migrator.close();
    }
  });

  it('two instances migrating at once apply each migration exactly once', async () => {
    const db = await freshDatabase('race');
    const a = createMigrator(db.url, quietLogger);
    const b = createMigrator(db.url, quietLogger);
    try {
      const [ranA, ranB] = await Promise.all([a.up(), b.up()]);
      expect([...ranA, ...ranB].sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
      expect((await a.status()).pending).toEqual([]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('a failing migration leaves nothing half-done and stays pending', async () => {
    const db = await freshDatabase('failing');
    const broken: RunnableMigration<QueryInterface>[] = [
      MIGRATIONS[0]!,
      {
        name: '9999.broken',
        up: async ({ context }) => {
          await context.sequelize.query('CREATE TABLE half_done (id int)');
          await context.sequelize.query('SELECT * FROM no_such_table');
        },
        down: async () => undefined,
      },
    ];
    const migrator = createMigrator(db.url, quietLogger, broken);
    try {
      await expect(migrator.up()).rejects.toThrow(/no_such_table/);
      const status = await migrator.status();
      expect(status.applied.map((m) => m.name)).toEqual([MIGRATIONS[0]!.name]);
      expect(status.pending).toEqual(['9999.broken']);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query(`SELECT to_regclass('half_done') AS t`);
      await client.end();
      expect(rows).toEqual([{ t: null }]);
    } finally {
      await migrator.close();
    }
  });

  it('db:migrate, db:status and db:rollback report what they did', async () => {
    const db = await freshDatabase('cli');
    const before = await cli(db.url, 'status');
    expect(before.stdout).toContain('Current:  (none: empty schema)');
    expect(before.stdout).toContain(`0 applied, ${MIGRATIONS.length} pending`);

    expect((await cli(db.url, 'migrate')).stdout).toContain(`Applied ${MIGRATIONS.length} migration(s).`);
    expect((await cli(db.url, 'migrate')).stdout).toContain('Already up to date');
    const after = await cli(db.url, 'status');
    expect(after.stdout).toContain(`Current:  ${MIGRATIONS.at(-1)!.name} (head)`);
    for (const m of MIGRATIONS) expect(after.stdout).toMatch(new RegExp(`\\[applied\\]  ${m.name.replace(/\./g, '\\.')}  \\d{4}-`));

    expect((await cli(db.url, 'rollback')).stdout).toContain('Reverted 1 migration(s).');
    expect((await cli(db.url, 'status')).stdout).toContain(`[pending]  ${MIGRATIONS.at(-1)!.name}`);
    expect((await cli(db.url, 'rollback', '--all')).stdout).toContain(`Reverted ${MIGRATIONS.length - 1} migration(s).`);
    expect(await schemaOf(db.url)).toEqual([]);
  });

  it('db commands refuse bad arguments with the usage, not a stack trace', async () => {
    const db = await freshDatabase('cli_args');
    for (const args of [['rollback', '--steps', 'two'], ['frobnicate'], ['seed', '--leads', '0']]) {
      const error = await cli(db.url, ...args).then(() => null, (e: { code: number; stderr: string }) => e);
      expect(error?.code).toBe(2);
      expect(error?.stderr).toContain('Usage: leadharbor-db');
      expect(error?.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
