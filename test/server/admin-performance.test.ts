import { jest } from '@jest/globals';
import { Filter, type ActionContext } from 'adminjs';
import request from 'supertest';
import type { Sequelize } from 'sequelize';
import { QueryTypes } from 'sequelize';
import { Lead, Organization, User } from '../../models/index.js';
import { LEAD_STATUSES } from '../../models/value-sets.js';
import { buildAdmin, type AdminMount } from '../../server/admin/build-admin.js';
import { EXACT_COUNT_LIMIT } from '../../server/admin/list-total.js';
import { ScopedResource } from '../../server/admin/scoped-resource.js';
import { createApp } from '../../server/app.js';
import { hashPassword } from '../../server/auth/password.js';
import { loadConfig } from '../../server/config.js';
import { adminAgent } from '../support/admin-fixture.js';
import { connect, createTestDatabase, migrate, quietLogger, type TestDatabase } from '../support/test-database.js';

/**
 * The lead list's counting and paging at a size past the exact-count
 * threshold: what the numbers and pages are, not how fast they come (speed
 * is measured by `npm run bench:admin`).
 */
const BIG = EXACT_COUNT_LIMIT + 2_000; // organization A: past the threshold
const SMALL = 3_000; // organization B: below it
const PASSWORD = 'correct-horse-battery';

let db: TestDatabase;
let sequelize: Sequelize;
const ids = { orgA: 0, orgB: 0 };
const resource = () => new ScopedResource(Lead, 'organization_id', ['first_name', 'last_name', 'email', 'phone']);
const staffOf = (org: number) => ({ currentAdmin: { id: '1', email: 's@t.co', title: 's', is_superuser: false, organization_id: org } }) as unknown as ActionContext;
const superuser = { currentAdmin: { id: '2', email: 'u@t.co', title: 'u', is_superuser: true, organization_id: null } } as unknown as ActionContext;
const NEWEST_FIRST = { sortBy: 'created_at', direction: 'desc' as const };

async function sql<T extends object>(text: string, bind: unknown[] = []): Promise<T[]> {
  return sequelize.query<T>(text, { bind, type: QueryTypes.SELECT });
}

/** `count` leads for `org`: statuses in turn, three leads per timestamp (ties the order must break by id). */
async function insertLeads(org: number, count: number, prefix: string): Promise<void> {
  await sequelize.query(
    `INSERT INTO leads (first_name, last_name, email, phone, status, organization_id, created_at)
     SELECT 'Lead', '${prefix}' || g, '${prefix}' || g || '@example.com', '+1206555' || lpad(g::text, 4, '0'),
            ($statuses::text[])[1 + g % ${LEAD_STATUSES.length}], $org,
            timestamp '2026-06-01' - (g / 3) * interval '1 minute'
       FROM generate_series(1, ${count}) AS g`,
    { bind: { statuses: [...LEAD_STATUSES], org } },
  );
}

beforeAll(async () => {
  db = await createTestDatabase('admin_performance');
  await migrate(db.url);
  sequelize = connect(db.url);
  const [a, b] = await Organization.bulkCreate([{ name: 'Alpha', slug: 'alpha' }, { name: 'Beta', slug: 'beta' }] as never[]);
  ids.orgA = a!.id; ids.orgB = b!.id;
  await insertLeads(ids.orgA, BIG, 'a');
  await insertLeads(ids.orgB, SMALL, 'b');
  await sequelize.query('VACUUM (ANALYZE) leads');
});
afterAll(async () => {
  await sequelize?.close();
  await db?.drop();
});

describe('lead list counts', () => {
  it('are exact below the threshold', async () => {
    expect(await resource().count(new Filter({}, resource()), staffOf(ids.orgB))).toBe(SMALL);
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM leads WHERE organization_id = $1 AND status = 'lost'`, [ids.orgA]);
    expect(n).toBeLessThan(EXACT_COUNT_LIMIT);
    const r = resource();
    expect(await r.count(new Filter({ status: 'lost' }, r), staffOf(ids.orgA))).toBe(n);
  });

  it('are exact up to the threshold itself, and past it never below what was seen', async () => {
    const r = resource();
    // A's lead g is created (g / 3) minutes before the base, so "at or before base - k minutes" holds BIG - 3k + 1 leads.
    const upTo = (k: number) => new Date(Date.UTC(2026, 5, 1) - k * 60_000).toISOString();
    const count = async (k: number) => {
      const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM leads WHERE organization_id = $1 AND created_at <= $2`, [ids.orgA, upTo(k)]);
      return { n, counted: await r.count(new Filter({ 'created_at~~to': upTo(k) }, r), staffOf(ids.orgA)) };
    };
    expect(await count(667)).toEqual({ n: EXACT_COUNT_LIMIT, counted: EXACT_COUNT_LIMIT });
    const past = await count(666);
    expect(past.n).toBe(EXACT_COUNT_LIMIT + 3);
    expect(past.counted).toBeGreaterThan(EXACT_COUNT_LIMIT);
  });

  it('above it are the estimate for the staff member\'s organization only, never below what was seen', async () => {
    const r = resource();
    const a = await r.count(new Filter({}, r), staffOf(ids.orgA));
    expect(a).toBeGreaterThan(EXACT_COUNT_LIMIT);
    expect(Math.abs(a - BIG) / BIG).toBeLessThan(0.1);
    const all = await r.count(new Filter({}, r), superuser);
    expect(Math.abs(all - (BIG + SMALL)) / (BIG + SMALL)).toBeLessThan(0.1);
    expect(all).toBeGreaterThan(a); // B's leads count for the superuser, not for A's staff
  });

  it('estimate a broad search too, still at least the threshold', async () => {
    const r = resource();
    const n = await r.count(new Filter({ search: 'example.com' }, r), staffOf(ids.orgA));
    expect(n).toBeGreaterThan(EXACT_COUNT_LIMIT);
  });

  it('stay confined: staff of B asking for A\'s leads count none', async () => {
    const r = resource();
    expect(await r.count(new Filter({ organization_id: String(ids.orgA) }, r), staffOf(ids.orgB))).toBe(0);
    expect(await r.find(new Filter({ organization_id: String(ids.orgA) }, r), { limit: 10, offset: 5_000, sort: NEWEST_FIRST }, staffOf(ids.orgB))).toEqual([]);
  });

  it('come from the page itself when it is not full, without counting again', async () => {
    const r = resource();
    const query = jest.spyOn(sequelize, 'query');
    try {
      const search = new Filter({ search: 'b12' }, r); // b12, b120-b129, b1200-b1299
      expect(await r.find(search, { limit: 500, offset: 0, sort: NEWEST_FIRST }, staffOf(ids.orgB))).toHaveLength(111);
      const deep = new Filter({}, r);
      expect(await r.find(deep, { limit: 10, offset: SMALL - 4, sort: NEWEST_FIRST }, staffOf(ids.orgB))).toHaveLength(4);
      query.mockClear();
      expect(await r.count(search, staffOf(ids.orgB))).toBe(111);
      expect(await r.count(deep, staffOf(ids.orgB))).toBe(SMALL);
      expect(query).not.toHaveBeenCalled();
      // A full page, or an empty one past the end, says nothing about the total: that is counted.
      const past = new Filter({}, r);
      expect(await r.find(past, { limit: 10, offset: SMALL + 50, sort: NEWEST_FIRST }, staffOf(ids.orgB))).toEqual([]);
      expect(await r.count(past, staffOf(ids.orgB))).toBe(SMALL);
      const full = new Filter({}, r);
      await r.find(full, { limit: 10, offset: 0, sort: NEWEST_FIRST }, staffOf(ids.orgB));
      query.mockClear();
      expect(await r.count(full, staffOf(ids.orgB))).toBe(SMALL);
      expect(query).toHaveBeenCalled();
    } finally {
      query.mockRestore();
    }
  });

  it('filter a value-set column by the exact value, as its dropdown means', async () => {
    const r = resource();
    for (const status of LEAD_STATUSES) {
      const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM leads WHERE organization_id = $1 AND status = $2`, [ids.orgB, status]);
      expect({ status, n: await r.count(new Filter({ status }, r), staffOf(ids.orgB)) }).toEqual({ status, n });
    }
    expect(await r.count(new Filter({ status: 'ne' }, r), staffOf(ids.orgB))).toBe(0); // no substring match
  });
});

describe('lead list pages', () => {
  const truth = (org: number, offset: number, limit: number, extra = '') => sql<{ id: number }>(
    `SELECT id FROM leads WHERE organization_id = $1 ${extra} ORDER BY created_at DESC, id DESC OFFSET ${offset} LIMIT ${limit}`, [org],
  ).then((rows) => rows.map((row) => row.id));
  const page = async (filters: Record<string, string>, offset: number, context: ActionContext, limit = 10) => {
    const r = resource();
    return (await r.find(new Filter(filters, r), { limit, offset, sort: NEWEST_FIRST }, context)).map((rec) => Number(rec.id()));
  };

  it.each([0, 10, 990, 1_000, 5_000, BIG - 5])('at offset %i are the same slice of newest-first (ties by id) as SQL', async (offset) => {
    expect(await page({}, offset, staffOf(ids.orgA))).toEqual(await truth(ids.orgA, offset, 10));
  });

  it('deep pages of a filtered list are its slice too, with every field loaded', async () => {
    expect(await page({ status: 'new' }, 1_200, staffOf(ids.orgA))).toEqual(await truth(ids.orgA, 1_200, 10, `AND status = 'new'`));
    const r = resource();
    const [record] = await r.find(new Filter({}, r), { limit: 1, offset: 7_000, sort: NEWEST_FIRST }, staffOf(ids.orgA));
    expect(record!.params).toMatchObject({ first_name: 'Lead', organization_id: ids.orgA, country: 'USA' });
    expect(record!.params.email).toMatch(/^a\d+@example\.com$/);
  });

  it('consecutive pages neither repeat nor skip a lead, even across equal timestamps', async () => {
    const seen: number[] = [];
    for (let offset = 2_000; offset < 2_100; offset += 10) seen.push(...await page({}, offset, staffOf(ids.orgA)));
    expect(new Set(seen).size).toBe(100);
    expect(seen).toEqual(await truth(ids.orgA, 2_000, 100));
  });

  it('past the end are empty, and a superuser\'s deep page spans every organization', async () => {
    expect(await page({}, BIG + 10, staffOf(ids.orgA))).toEqual([]);
    const all = await sql<{ id: number }>(`SELECT id FROM leads ORDER BY created_at DESC, id DESC OFFSET 3000 LIMIT 10`);
    expect(await page({}, 3_000, superuser)).toEqual(all.map((row) => row.id));
  });

  it('a search by email finds that lead, at any depth of the table', async () => {
    const r = resource();
    const found = await r.find(new Filter({ search: 'a7777@example.com' }, r), { limit: 10, offset: 0, sort: NEWEST_FIRST }, staffOf(ids.orgA));
    expect(found.map((rec) => rec.params.email)).toEqual(['a7777@example.com']);
    expect(await r.count(new Filter({ search: 'a7777@example.com' }, r), staffOf(ids.orgA))).toBe(1);
    expect(await r.count(new Filter({ search: 'a7777@example.com' }, r), staffOf(ids.orgB))).toBe(0);
  });
});

describe('through the admin API', () => {
  let admin: AdminMount;
  let agent: ReturnType<typeof request.agent>;

  beforeAll(async () => {
    await User.create({ email: 'staff-a@perf.test', hashed_password: await hashPassword(PASSWORD), first_name: 'S', last_name: 'A', organization_id: ids.orgA } as never);
    admin = buildAdmin({ sequelize, databaseUrl: db.url, config: loadConfig({ NODE_ENV: 'test' }) });
    agent = adminAgent(createApp({ sequelize, logger: quietLogger, mountAdmin: admin.mount }));
    await agent.post('/admin/login').field('email', 'staff-a@perf.test').field('password', PASSWORD).expect(302);
  });
  afterAll(async () => { await admin?.close(); });

  it('a page in the middle has its ten leads and a total of about the organization\'s size', async () => {
    const middle = Math.floor(BIG / 20) + 1;
    const res = await agent.get(`/admin/api/resources/leads/actions/list?page=${middle}&perPage=10`);
    expect(res.status).toBe(200);
    expect(res.body.records.map((r: { id: string }) => Number(r.id))).toEqual(await sql<{ id: number }>(
      `SELECT id FROM leads WHERE organization_id = $1 ORDER BY created_at DESC, id DESC OFFSET ${(middle - 1) * 10} LIMIT 10`, [ids.orgA],
    ).then((rows) => rows.map((row) => row.id)));
    expect(res.body.meta.total).toBeGreaterThan(EXACT_COUNT_LIMIT);
    expect(Math.abs(res.body.meta.total - BIG) / BIG).toBeLessThan(0.1);
  });

  it('the status filter and the search box give exact totals below the threshold', async () => {
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM leads WHERE organization_id = $1 AND status = 'qualified'`, [ids.orgA]);
    const status = await agent.get('/admin/api/resources/leads/actions/list?filters.status=qualified');
    expect(status.body.meta.total).toBe(n);
    expect(status.body.records.every((r: { params: { status: string } }) => r.params.status === 'qualified')).toBe(true);
    const search = await agent.get(`/admin/api/resources/leads/actions/list?filters.search=${encodeURIComponent('A1234@EXAMPLE.COM')}`);
    expect(search.body.meta.total).toBe(1);
    expect(search.body.records[0].params.email).toBe('a1234@example.com');
  });
});
