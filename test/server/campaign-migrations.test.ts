import pg from 'pg';
import { MIGRATIONS } from '../../migrations/index.js';
import { createMigrator } from '../../server/db/migrator.js';
import { createTestDatabase, quietLogger, type TestDatabase } from '../support/test-database.js';

/** The campaign rules' migrations on databases of their own: the CHECK added to existing rows, and is_active made to follow the status. */
describe('the campaign migrations', () => {
  let db: TestDatabase;
  let client: pg.Client;
  const name = '2026.12.04T19.00.00.campaign-end-after-start';
  beforeAll(async () => {
    db = await createTestDatabase('campaign-check');
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => { await client?.end(); await db?.drop(); });

  const constraint = async () => (await client.query(
    `SELECT convalidated FROM pg_constraint WHERE conname = 'ck_campaigns_end_after_start' AND conrelid = 'campaigns'::regclass`)).rows[0];

  it('on a table with a row that breaks the rule: added NOT VALID, the row kept, new rows refused; down drops it', async () => {
    const migrator = createMigrator(db.url, quietLogger);
    await migrator.up(MIGRATIONS.findIndex((m) => m.name === name));
    await client.query(`INSERT INTO campaigns (name, slug, campaign_type, start_date, end_date)
      VALUES ('Old', 'old', 'seasonal', '2026-05-01', '2026-04-01')`);
    expect(await migrator.up(1)).toEqual([name]);
    expect(await constraint()).toEqual({ convalidated: false });
    expect((await client.query(`SELECT count(*)::int AS n FROM campaigns`)).rows[0].n).toBe(1);
    await expect(client.query(`INSERT INTO campaigns (name, slug, campaign_type, start_date, end_date) VALUES ('New', 'new', 'seasonal', '2026-05-01', '2026-04-01')`))
      .rejects.toMatchObject({ code: '23514', constraint: 'ck_campaigns_end_after_start' });
    await expect(client.query(`UPDATE campaigns SET name = 'Old renamed' WHERE slug = 'old'`)).rejects.toMatchObject({ code: '23514' });
    expect(await migrator.down(1)).toEqual([name]);
    expect(await constraint()).toBeUndefined();
    await client.query(`UPDATE campaigns SET end_date = NULL`);
    await migrator.close();
  });

  it('the status migration puts disagreeing rows right from their status, leaves a row with broken dates for its next edit, and down keeps the values', async () => {
    const statusMigration = '2026.12.04T19.10.00.campaign-active-follows-status';
    const other = await createTestDatabase('campaign-status');
    const raw = new pg.Client({ connectionString: other.url });
    await raw.connect();
    const migrator = createMigrator(other.url, quietLogger);
    try {
      await migrator.up(MIGRATIONS.findIndex((m) => m.name === statusMigration));
      await raw.query(`ALTER TABLE campaigns DROP CONSTRAINT ck_campaigns_end_after_start`);
      await raw.query(`INSERT INTO campaigns (name, slug, campaign_type, status, is_active, start_date, end_date) VALUES
        ('Done', 'done', 'seasonal', 'completed', true, NULL, NULL),
        ('Live', 'live', 'seasonal', 'active', false, NULL, NULL),
        ('Broken', 'broken', 'seasonal', 'cancelled', true, '2026-05-01', '2026-04-01')`);
      await raw.query(`ALTER TABLE campaigns ADD CONSTRAINT ck_campaigns_end_after_start
        CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date) NOT VALID`);
      expect(await migrator.up(1)).toEqual([statusMigration]);
      const flags = async () => Object.fromEntries((await raw.query(`SELECT slug, is_active FROM campaigns`)).rows.map((r) => [r.slug, r.is_active]));
      expect(await flags()).toEqual({ done: false, live: true, broken: true });
      expect(await migrator.down(1)).toEqual([statusMigration]);
      expect(await flags()).toEqual({ done: false, live: true, broken: true });
      await raw.query(`UPDATE campaigns SET is_active = false WHERE slug = 'live'`);
      expect((await flags()).live).toBe(false);
    } finally {
      await migrator.close();
      await raw.end();
      await other.drop();
    }
  });

  it('on a clean table: validated at once, and a raw insert that ends before it starts is refused by name', async () => {
    const migrator = createMigrator(db.url, quietLogger);
    await migrator.up();
    expect(await constraint()).toEqual({ convalidated: true });
    const error = await client.query(`INSERT INTO campaigns (name, slug, campaign_type, start_date, end_date)
      VALUES ('Raw', 'raw', 'seasonal', '2026-05-01', '2026-04-30')`).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '23514', constraint: 'ck_campaigns_end_after_start' });
    await client.query(`INSERT INTO campaigns (name, slug, campaign_type, start_date, end_date) VALUES ('Same day', 'same-day', 'seasonal', '2026-05-01', '2026-05-01')`);
    await migrator.close();
  });
});
