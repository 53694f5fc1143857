import { QueryTypes } from 'sequelize';
import { Activity, Lead, Note } from '../../models/index.js';
import { OrganizationScope } from '../../server/admin/access/organization-scope.js';
import { TIMELINE_PAGE, activityTimeline } from '../../server/admin/resources/activity-timeline.js';
import { adminApi as api, createAdminFixture, type AdminFixture } from '../support/admin-fixture.js';

let fixture: AdminFixture;
let busy = 0;
beforeAll(async () => {
  fixture = await createAdminFixture('lead_timeline');
  const lead = await Lead.create({ first_name: 'Tim', last_name: 'Line', email: 'tim@alpha.co', organization_id: fixture.ids.orgA } as never);
  busy = lead.id;
  const start = Date.UTC(2026, 10, 1);
  await Activity.bulkCreate(Array.from({ length: TIMELINE_PAGE * 2 + 5 }, (_, i) => ({
    lead_id: busy, organization_id: fixture.ids.orgA, type: i % 2 ? 'call' : 'email', direction: 'outbound', summary: `Touch ${i}`,
    occurred_at: new Date(start + Math.floor(i / 3) * 60_000), // three entries share each minute: the cursor must tell them apart
  })) as never[]);
});
afterAll(async () => { await fixture?.close(); });

type Page = { timeline: { entries: { id: string; summary: string; type: string }[]; next: { occurredAt: string; id: string } | null } };
const timeline = async (email: string, id: number, query = '') => {
  const { agent } = await fixture.login(email);
  return agent.get(api('leads', `records/${id}/timeline${query}`));
};

describe('the lead page\'s timeline', () => {
  it('pages newest first with a cursor, every entry once, none skipped where entries share a time', async () => {
    const seen: string[] = [];
    let query = '';
    for (let page = 0; page < 5; page += 1) {
      const res = await timeline('agent-a@test.co', busy, query);
      expect(res.status).toBe(200);
      const { entries, next } = (res.body as Page).timeline;
      seen.push(...entries.map((e) => e.summary));
      if (!next) break;
      query = `?before_at=${encodeURIComponent(next.occurredAt)}&before_id=${next.id}`;
    }
    expect(seen).toHaveLength(TIMELINE_PAGE * 2 + 5);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen[0]).toBe(`Touch ${TIMELINE_PAGE * 2 + 4}`);
  });

  it('shows only the kinds asked for, and refuses a kind that does not exist with a field error', async () => {
    const calls = (await timeline('agent-a@test.co', busy, '?types=call')).body as Page;
    expect(calls.timeline.entries.every((e) => e.type === 'call')).toBe(true);
    for (const bad of ['?types=call,hack', '?types=call&types=email']) {
      const res = await timeline('agent-a@test.co', busy, bad);
      expect(res.status).toBe(422);
      expect(res.body.errors?.[0]?.field ?? res.body.errors).toBeDefined();
    }
  });

  it('refuses a cursor that is not one it gave, with a field error, never a 500', async () => {
    for (const bad of ['?before_at=yesterday&before_id=1', '?before_at=2026-11-01T00:00:00Z', '?before_at=2026-11-01T00:00:00Z&before_id=1;drop']) {
      const res = await timeline('agent-a@test.co', busy, bad);
      expect(res.status).toBe(422);
    }
  });

  it('another organization\'s lead has no timeline to read, by any staff of this one; its own staff read it', async () => {
    const refused = await timeline('staff-a@test.co', fixture.ids.leadB);
    expect(refused.body.timeline).toBeUndefined();
    expect(JSON.stringify(refused.body)).not.toContain('Bob');
    expect((await timeline('staff-b@test.co', fixture.ids.leadB)).status).toBe(200);
    expect((await timeline('super@test.co', busy)).body.timeline.entries).toHaveLength(TIMELINE_PAGE);
  });

  it('merges notes into the timeline at their time, pinned ones apart; activities and notes at one instant are each shown once', async () => {
    const lead = await Lead.create({ first_name: 'Nell', last_name: 'Notes', email: 'nell@alpha.co', organization_id: fixture.ids.orgA } as never);
    const at = new Date('2026-11-20T15:00:00Z');
    await Activity.bulkCreate(Array.from({ length: 30 }, (_, i) => ({ lead_id: lead.id, organization_id: fixture.ids.orgA, type: 'call', summary: `Call ${i}`, occurred_at: at })) as never[]);
    await Note.bulkCreate(Array.from({ length: 30 }, (_, i) => ({ lead_id: lead.id, organization_id: fixture.ids.orgA, body: `Note ${i}`, created_at: at })) as never[]);
    await Note.create({ lead_id: lead.id, organization_id: fixture.ids.orgA, body: 'Pinned: prefers texts', is_pinned: true } as never);
    const seen: string[] = [];
    let query = '';
    for (let page = 0; page < 4; page += 1) {
      const { entries, next } = ((await timeline('agent-a@test.co', lead.id, query)).body as Page).timeline;
      seen.push(...entries.map((e) => e.summary ?? (e as unknown as { details: string }).details));
      if (!next) break;
      query = `?before_at=${encodeURIComponent(next.occurredAt)}&before_id=${encodeURIComponent(next.id)}`;
    }
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
    expect(seen).not.toContain('Pinned: prefers texts');
    const notesRes = await timeline('agent-a@test.co', lead.id, '?types=note');
    const notesOnly = (notesRes.body as Page).timeline.entries;
    expect(notesOnly).toHaveLength(30);
    expect(notesOnly.every((e) => e.type === 'note')).toBe(true);
    // B's staff see none of A's notes in the timeline of A's lead.
    expect((await timeline('staff-b@test.co', lead.id)).body.timeline).toBeUndefined();
  });
});

describe('the lead page\'s timeline query', () => {
  const scopeOf = (organization: number) => OrganizationScope.of({ is_superuser: false, organization_id: organization } as never);
  let lead: number;
  beforeAll(async () => {
    lead = (await Lead.create({ first_name: 'Quinn', last_name: 'Query', email: 'quinn@alpha.co', organization_id: fixture.ids.orgA } as never)).id;
    // 120 entries, ten at each instant, so pages must tell same-instant entries apart by id.
    await fixture.sequelize.query(`
      INSERT INTO activities (lead_id, organization_id, type, summary, occurred_at)
      SELECT $1, $2, 'call', 'Call ' || g, timestamp '2026-12-01 09:00' + (g / 10) * interval '1 hour' FROM generate_series(1, 120) g`, { bind: [lead, fixture.ids.orgA] });
  });

  it('pages newest first through every entry exactly once', async () => {
    const seen: string[] = [];
    let before: Awaited<ReturnType<typeof activityTimeline>>['next'] = null;
    let pages = 0;
    do {
      const page = await activityTimeline(fixture.sequelize, scopeOf(fixture.ids.orgA), lead, { limit: 50, ...(before ? { before } : {}) });
      seen.push(...page.entries.map((e) => e.id));
      before = page.next;
      pages += 1;
    } while (before);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(120);
    const all = await Activity.findAll({ where: { lead_id: lead }, order: [['occurred_at', 'DESC'], ['id', 'DESC']], raw: true });
    expect(seen).toEqual(all.map((a) => String(a.id)));
  });

  it('filters by type, and shows another organization\'s staff nothing', async () => {
    expect((await activityTimeline(fixture.sequelize, scopeOf(fixture.ids.orgA), lead, { types: ['email'] })).entries).toEqual([]);
    expect((await activityTimeline(fixture.sequelize, scopeOf(fixture.ids.orgB), lead)).entries).toEqual([]);
  });

  it('can read the timeline index from the cursor in order, with no sort', async () => {
    // A table this small is read whole; forbidding that shows what the index alone can do.
    const plan = await fixture.sequelize.transaction(async (transaction) => {
      await fixture.sequelize.query('SET LOCAL enable_seqscan = off', { transaction });
      const rows = await fixture.sequelize.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT id FROM activities WHERE lead_id = $1 AND (occurred_at, id) < ($2, $3)
        ORDER BY occurred_at DESC, id DESC LIMIT 51`, { bind: [lead, '2026-12-01 12:00', '999999'], type: QueryTypes.SELECT, transaction });
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index (Only )?Scan using ix_activities_lead_id_occurred_at/);
    expect(plan).not.toMatch(/Sort/);
  });
});
