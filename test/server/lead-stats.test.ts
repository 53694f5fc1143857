import pg from 'pg';
import { MIGRATIONS } from '../../migrations/index.js';
import { createMigrator } from '../../server/db/migrator.js';
import { createTestDatabase, quietLogger, type TestDatabase } from '../support/test-database.js';

let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase('lead_stats');
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  // Stop just before the stats migration, add leads, then apply it: they must be backfilled.
  const migrator = createMigrator(db.url, quietLogger);
  const statsAt = MIGRATIONS.findIndex((m) => m.name.endsWith('create-lead-stats'));
  await migrator.up(statsAt);
  await client.query(`INSERT INTO leads (first_name, last_name, email, status) VALUES ('Old', 'Lead', 'old@x.co', 'qualified'), ('Old', 'Two', 'old2@x.co', 'new')`);
  await migrator.up();
  await migrator.close();
});
afterAll(async () => {
  await client?.end();
  await db?.drop();
});

/** lead_stats must always equal a fresh count over leads. */
async function expectStatsExact(): Promise<void> {
  const truth = `SELECT coalesce(organization_id, 0) AS o, (created_at AT TIME ZONE 'UTC')::date AS d, status AS s,
                        coalesce(insurance_product_id, 0) AS p, coalesce(lead_source_id, 0) AS src, coalesce(campaign_id, 0) AS c, count(*)::int AS n
                   FROM leads GROUP BY 1, 2, 3, 4, 5, 6`;
  // Counts are spread over per-backend shards (migration shard-lead-stats): their sum is the count.
  const stats = `SELECT organization_key AS o, day AS d, status AS s, product_key AS p, source_key AS src, campaign_key AS c, sum(leads)::int AS n
                   FROM lead_stats GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(leads) <> 0`;
  const { rows: diff } = await client.query(`(${truth} EXCEPT ${stats}) UNION ALL (${stats} EXCEPT ${truth})`);
  expect(diff).toEqual([]);
}

describe('lead_stats, the pre-aggregated counts behind the dashboard and board', () => {
  it('is backfilled with the leads that existed before it', async () => {
    const { rows } = await client.query(`SELECT status, sum(leads)::int AS leads FROM lead_stats GROUP BY status ORDER BY status`);
    expect(rows).toEqual([{ status: 'new', leads: 1 }, { status: 'qualified', leads: 1 }]);
  });

  let org: number;
  let product: number;

  beforeAll(async () => {
    org = (await client.query(`INSERT INTO organizations (name, slug) VALUES ('O', 'o') RETURNING id`)).rows[0].id;
    product = (await client.query(`INSERT INTO insurance_products (name, slug, product_type) VALUES ('P', 'p', 'auto') RETURNING id`)).rows[0].id;
  });

  it('stays exact when several connections insert, update and delete at once, each in its own shard', async () => {
    const shardOrg = (await client.query(`INSERT INTO organizations (name, slug) VALUES ('Shards', 'shards') RETURNING id`)).rows[0].id;
    const clients = await Promise.all(Array.from({ length: 4 }, async () => {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      return c;
    }));
    try {
      await Promise.all(clients.map(async (c, n) => {
        for (let i = 0; i < 25; i++) {
          const { rows: [row] } = await c.query(`INSERT INTO leads (first_name, last_name, email, organization_id) VALUES ('C', 'C', $1, $2) RETURNING id`, [`c${n}-${i}@x.co`, shardOrg]);
          if (i % 5 === 0) await c.query(`UPDATE leads SET status = 'contacted' WHERE id = $1`, [row.id]);
          if (i % 7 === 0) await c.query('DELETE FROM leads WHERE id = $1', [row.id]);
        }
      }));
      await expectStatsExact();
      const { rows } = await client.query(`SELECT count(DISTINCT shard)::int AS shards FROM lead_stats WHERE organization_key = $1`, [shardOrg]);
      expect(rows[0].shards).toBeGreaterThan(1);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });

  it('counts a multi-row insert, including leads with no organization or product', async () => {
    await client.query(`INSERT INTO leads (first_name, last_name, email, organization_id, insurance_product_id, status, created_at)
      SELECT 'F', 'L', 'e' || g || '@x.co', CASE WHEN g % 5 = 0 THEN NULL ELSE $1::int END, CASE WHEN g % 3 = 0 THEN NULL ELSE $2::int END,
             (ARRAY['new','contacted','qualified'])[1 + g % 3], timezone('utc', now()) - (g % 4) * interval '1 day'
        FROM generate_series(1, 500) g`, [org, product]);
    await expectStatsExact();
    const { rows } = await client.query(`SELECT sum(leads)::int AS n FROM lead_stats WHERE organization_key = $1`, [org]);
    expect(rows[0].n).toBe(400);
  });

  it('follows status changes, single and bulk', async () => {
    await client.query(`UPDATE leads SET status = 'converted' WHERE id IN (SELECT id FROM leads ORDER BY id LIMIT 1)`);
    await client.query(`UPDATE leads SET status = 'lost' WHERE email LIKE 'e1%'`);
    await client.query(`UPDATE leads SET notes = 'no key change' WHERE email LIKE 'e2%'`);
    await expectStatsExact();
  });

  it('follows deletes and the FK rules: SET NULL when a product goes, CASCADE when an organization goes', async () => {
    await client.query(`DELETE FROM leads WHERE email LIKE 'e3%'`);
    await expectStatsExact();
    await client.query('DELETE FROM insurance_products WHERE id = $1', [product]);
    await expectStatsExact();
    await client.query('DELETE FROM organizations WHERE id = $1', [org]);
    await expectStatsExact();
    const { rows } = await client.query(`SELECT coalesce(sum(leads), 0)::int AS n FROM lead_stats WHERE organization_key = $1`, [org]);
    expect(rows[0].n).toBe(0);
  });

  it('rolls back with the transaction that changed the leads', async () => {
    await client.query('BEGIN');
    await client.query(`INSERT INTO leads (first_name, last_name, email) VALUES ('R', 'B', 'rb@x.co')`);
    await client.query('ROLLBACK');
    await expectStatsExact();
  });
});
