import express, { type Express } from 'express';
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { Sequelize } from 'sequelize';
import { Campaign, InsuranceProduct, Lead, LeadSource, Organization, User, UserRole } from '../../models/index.js';
import { buildAdmin, type AdminMount } from '../../server/admin/build-admin.js';
import { csvField } from '../../server/admin/export/csv.js';
import { leadsCsvExport } from '../../server/admin/export/export-route.js';
import { leadCsvHeader } from '../../server/admin/export/leads-csv.js';
import { createApp } from '../../server/app.js';
import { hashPassword } from '../../server/auth/password.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { adminAgent } from '../support/admin-fixture.js';
import { connect, createTestDatabase, migrate, quietLogger, type TestDatabase } from '../support/test-database.js';

const PASSWORD = 'correct-horse-battery';
const NOTE = 'Called, said "maybe"\nfollow up';
const EXPORT = '/admin/export/leads.csv';
let db: TestDatabase;
let sequelize: Sequelize;
let admin: AdminMount;
let app: Express;
const ids = { orgA: 0, orgB: 0, orgC: 0, orgD: 0 };

beforeAll(async () => {
  db = await createTestDatabase('admin_export');
  await migrate(db.url);
  sequelize = connect(db.url);
  const orgs = await Organization.bulkCreate(['alpha', 'beta', 'gamma', 'delta'].map((slug) => ({ name: slug, slug })) as never[]);
  [ids.orgA, ids.orgB, ids.orgC, ids.orgD] = orgs.map((o) => o.id);
  const hashed_password = await hashPassword(PASSWORD);
  await User.bulkCreate([['super@test.co', null], ['staff-a@test.co', ids.orgA], ['staff-c@test.co', ids.orgC]].map(([email, organization_id]) => (
    { email, hashed_password, first_name: 'T', last_name: 'U', organization_id, is_superuser: organization_id === null })) as never[]);
  // Exporting is for managers and admins (agents are refused: see admin-roles.test.ts).
  const staff = await User.findAll({ where: { email: ['staff-a@test.co', 'staff-c@test.co'] } });
  await UserRole.bulkCreate(staff.map((u) => ({ user_id: u.id, role: 'manager' as const })));
  const product = await InsuranceProduct.create({ name: 'Auto Shield', slug: 'auto-shield', product_type: 'auto' } as never);
  const source = await LeadSource.create({ name: 'Website forms', slug: 'web', source_type: 'web' } as never);
  const campaign = await Campaign.create({ name: 'Alpha Spring', slug: 'alpha-spring', campaign_type: 'seasonal', organization_id: ids.orgA } as never);
  const lead = (first_name: string, last_name: string, email: string, organization_id: number, created_at: string, extra = {}) => (
    { first_name, last_name, email, organization_id, created_at: new Date(created_at), ...extra });
  await Lead.bulkCreate([
    lead('Ann', 'Alpha', 'ann@alpha.co', ids.orgA, '2026-01-03T10:00:00Z', {
      score: 50, phone: '+12065550142', notes: NOTE, estimated_value: '1234.5', date_of_birth: '1980-05-17',
      insurance_product_id: product.id, lead_source_id: source.id, campaign_id: campaign.id,
    }),
    lead('Ada', '=HYPERLINK("x")', 'ada@alpha.co', ids.orgA, '2026-01-02T10:00:00Z', { score: 90, status: 'contacted' }),
    lead('Zoë', 'Abe', 'abe@alpha.co', ids.orgA, '2026-01-01T10:00:00Z', { score: 10 }),
    lead('Bob', 'Beta', 'bob@beta.co', ids.orgB, '2026-01-04T10:00:00Z'),
  ] as never[]);
  // NODE_ENV=test: the admin neither watches nor bundles its components (they would keep Jest alive).
  admin = buildAdmin({ sequelize, databaseUrl: db.url, config: loadConfig({ NODE_ENV: 'test' }) });
  app = createApp({ sequelize, logger: quietLogger, mountAdmin: admin.mount });
});
afterAll(async () => {
  await admin?.close();
  await sequelize?.close();
  await db?.drop();
});

/** RFC 4180 as a spreadsheet reads it: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = !quoted;
    else if (!quoted && c === ',') { row.push(field); field = ''; } else if (!quoted && c === '\r' && text[i + 1] === '\n') { rows.push([...row, field]); row = []; field = ''; i += 1; } else field += c;
  }
  return rows;
}

async function agentFor(email: string) {
  const agent = adminAgent(app);
  expect((await agent.post('/admin/login').field('email', email).field('password', PASSWORD)).status).toBe(302);
  return agent;
}
async function exportAs(email: string, query = '') {
  const res = await (await agentFor(email)).get(`${EXPORT}${query}`);
  expect(res.status).toBe(200);
  const [header, ...rows] = parseCsv(res.text.replace(/^\uFEFF/, ''));
  return { res, header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}
const emails = async (email: string, query = '') => (await exportAs(email, query)).rows.map((r) => r.email);

describe('lead CSV export', () => {
  it('streams a UTF-8 CSV with a BOM, the exact header row (times named with their zone), and newest leads first', async () => {
    const { res, header, rows } = await exportAs('staff-a@test.co');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="leads-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.text.startsWith(`\uFEFF${leadCsvHeader('America/New_York').join(',')}\r\n`)).toBe(true);
    expect(header.join(',')).toBe('id,first_name,last_name,email,phone,date_of_birth,address,city,state,zip_code,country,status,priority,score,estimated_value,product,lead_source,campaign,notes,'
      + 'last_contact_date (America/New_York),next_follow_up_date (America/New_York),created_at (America/New_York),updated_at (America/New_York)');
    expect(rows.map((r) => r.email)).toEqual(['ann@alpha.co', 'ada@alpha.co', 'abe@alpha.co']);
    // 10:00 UTC is 05:00 in New York in January; a date of birth is a calendar day and does not move.
    expect(rows[0]).toMatchObject({ product: 'Auto Shield', lead_source: 'Website forms', campaign: 'Alpha Spring', date_of_birth: '1980-05-17', estimated_value: '1234.50', 'created_at (America/New_York)': '2026-01-03 05:00:00', score: '50' });
    expect(rows[2].first_name).toBe('Zoë');
  });

  it("writes times in the organization's time zone: the same instant is a different local time for Chicago and New York", async () => {
    await Organization.update({ timezone: 'America/Chicago' }, { where: { id: ids.orgC } });
    const at = new Date('2026-07-04T03:30:00Z'); // summer: CDT (UTC-5) and EDT (UTC-4), and the day before in both
    await Lead.bulkCreate([
      { first_name: 'Cal', last_name: 'Chicago', email: 'cal@gamma.co', organization_id: ids.orgC, created_at: at, next_follow_up_date: at },
      { first_name: 'Nia', last_name: 'York', email: 'nia@alpha.co', organization_id: ids.orgA, created_at: at },
    ] as never[]);
    try {
      const chicago = await exportAs('staff-c@test.co');
      expect(chicago.header).toContain('created_at (America/Chicago)');
      expect(chicago.rows.find((r) => r.email === 'cal@gamma.co')).toMatchObject({
        'created_at (America/Chicago)': '2026-07-03 22:30:00', 'next_follow_up_date (America/Chicago)': '2026-07-03 22:30:00',
      });
      const newYork = await exportAs('staff-a@test.co');
      expect(newYork.rows.find((r) => r.email === 'nia@alpha.co')?.['created_at (America/New_York)']).toBe('2026-07-03 23:30:00');
    } finally {
      await Lead.destroy({ where: { email: ['cal@gamma.co', 'nia@alpha.co'] } });
      await Organization.update({ timezone: 'America/New_York' }, { where: { id: ids.orgC } });
    }
  });

  it('confines staff to their organization, whatever filter they send; a superuser exports every organization', async () => {
    // The list offers no organization filter, so the export refuses one rather than ignore it.
    const escape = await (await agentFor('staff-a@test.co')).get(`${EXPORT}?filters.organization_id=${ids.orgB}`);
    expect(escape.status).toBe(422);
    expect(escape.body).toMatchObject({ code: 'unknown_filter', errors: [{ field: 'filters.organization_id' }] });
    expect(await emails('staff-a@test.co')).not.toContain('bob@beta.co');
    expect(await emails('super@test.co')).toEqual(['bob@beta.co', 'ann@alpha.co', 'ada@alpha.co', 'abe@alpha.co']);
  });

  it.each([
    ['?filters.status=new', ['ann@alpha.co', 'abe@alpha.co']],
    ['?filters.score~~from=20&filters.score~~to=95', ['ann@alpha.co', 'ada@alpha.co']],
    ['?filters.search=ANN', ['ann@alpha.co']],
    ['?filters.created_at~~from=2026-01-02', ['ann@alpha.co', 'ada@alpha.co']],
    ['?sortBy=score&direction=asc', ['abe@alpha.co', 'ann@alpha.co', 'ada@alpha.co']],
  ])('applies the list query %s', async (query, expected) => {
    expect(await emails('staff-a@test.co', query)).toEqual(expected);
  });

  it('keeps commas, quotes and line breaks intact, neutralises formulas, and leaves phone numbers alone', async () => {
    const { res, rows } = await exportAs('staff-a@test.co');
    expect(res.text).toContain('"Called, said ""maybe""\nfollow up"');
    expect(rows[0].notes).toBe(NOTE);
    expect(rows[0].phone).toBe('+12065550142');
    expect(rows[1].last_name).toBe(`'=HYPERLINK("x")`);
  });

  it('prefixes text that starts like a formula, unless it is a plain phone or number', () => {
    for (const text of ['=1+1', '@SUM(A1)', '+cmd|x', '-2+A1', '\tx', '\rx', '＝1']) expect(csvField(text)).toMatch(/^"?'/);
    for (const text of ['+12065550142', '+1 (206) 555-0142', '-12.50', 'plain', 'a=b']) expect(csvField(text)).toBe(text);
  });

  it('exports 2,500 leads completely across batch boundaries, in order, however the sort column ties or holds NULLs', async () => {
    await sequelize.query(`INSERT INTO leads (first_name, last_name, email, organization_id, created_at, score)
      SELECT 'Bulk', 'Lead' || g, 'bulk' || g || '@gamma.co', :org, timestamp '2026-02-01' + (g % 3) * interval '1 microsecond',
             CASE WHEN g % 5 = 0 THEN NULL ELSE g % 100 END FROM generate_series(1, 2500) g`, { replacements: { org: ids.orgC } });
    for (const [query, order] of [['', 'created_at DESC, id DESC'], ['?sortBy=score&direction=desc', 'score DESC, id DESC'], ['?sortBy=score&direction=asc', 'score ASC, id ASC']]) {
      const [expected] = await sequelize.query(`SELECT id FROM leads WHERE organization_id = :org ORDER BY ${order}`, { replacements: { org: ids.orgC } });
      const { rows } = await exportAs('staff-c@test.co', query);
      expect(rows).toHaveLength(2500);
      expect(rows.map((r) => r.id)).toEqual((expected as { id: number }[]).map((r) => String(r.id)));
    }
  });

  it('sends an unauthenticated request to the login page', async () => {
    const res = await request(app).get(EXPORT);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/admin/login');
  });

  it.each([
    ['filters.score~~from=abc', 'filters.score~~from'],
    ['filters.created_at~~to=2026-02-30', 'filters.created_at~~to'],
    ['filters.lead_source_id=1x', 'filters.lead_source_id'],
    ['sortBy=no_such_column', 'sortBy'],
  ])('answers %s with a 422 problem naming the field, and no CSV', async (query, field) => {
    const res = await (await agentFor('staff-a@test.co')).get(`${EXPORT}?${query}`);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
  });

  it('waits for a client that is not reading, and cuts the download (logged, no stack in the file) when the database fails mid-stream', async () => {
    // 18 MB of leads: far more than the socket buffers hold, so the server can only go on when the client reads.
    await sequelize.query(`INSERT INTO leads (first_name, last_name, email, notes, organization_id)
      SELECT 'Big', 'Row' || g, 'big' || g || '@delta.co', repeat('n', 6000), :org FROM generate_series(1, 3000) g`, { replacements: { org: ids.orgD } });
    const logged: string[] = [];
    const mini = express();
    mini.use((req, _res, next) => { Object.assign(req, { session: { adminUser: { id: '0', email: 'd@test.co', is_superuser: false, organization_id: ids.orgD, role: 'manager' } } }); next(); });
    mini.get('/leads.csv', leadsCsvExport({ admin: admin.admin, logger: createLogger('error', (line) => logged.push(line)) }));
    const server = mini.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    let body = '';
    let res: IncomingMessage | undefined;
    try {
      res = await new Promise<IncomingMessage>((resolve, reject) => http.get(`http://127.0.0.1:${(server.address() as AddressInfo).port}/leads.csv`, resolve).on('error', reject));
      expect(res.statusCode).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 300)); // nothing read yet: a server ignoring backpressure would be done by now
      await sequelize.query('ALTER TABLE leads RENAME TO leads_away');
      res.on('data', (chunk: Buffer) => { body += chunk.toString(); }).on('error', () => undefined);
      await new Promise((resolve) => res!.on('close', resolve));
    } finally {
      await sequelize.query('ALTER TABLE IF EXISTS leads_away RENAME TO leads');
      server.closeAllConnections();
      server.close();
    }
    expect(res?.complete).toBe(false);
    expect(body.startsWith(`\uFEFF${leadCsvHeader('America/New_York').join(',')}\r\n`)).toBe(true); // a session without a zone: the default
    expect(body.split('\r\n').length).toBeLessThan(3000);
    expect(body).not.toMatch(/leads_away|does not exist|Error|\n {4}at /);
    expect(logged.join('\n')).toMatch(/Lead CSV export failed while streaming.*relation "leads" does not exist/);
  });
});
