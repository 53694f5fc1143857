import { QueryTypes } from 'sequelize';
import { Activity, Lead } from '../../models/index.js';
import { ACTIVITY_DIRECTIONS, ACTIVITY_TYPES, CALL_OUTCOMES, CONTACT_ACTIVITY_TYPES, LOGGED_ACTIVITY_TYPES } from '../../models/value-sets.js';
import { activityContactDateV1 } from '../../migrations/functions/activity-contact-date.v1.sql.js';
import { ACTOR_SETTING, withActor } from '../../server/db/actor.js';
import { activityResource } from '../../server/admin/resources/activity.resource.js';
import { LOGGED_TYPE } from '../../server/admin/resources/activity-adapter.js';
import { adminApi as api, createAdminFixture, type AdminFixture } from '../support/admin-fixture.js';

type Agent = Awaited<ReturnType<AdminFixture['login']>>['agent'];

let fixture: AdminFixture;
let ids: AdminFixture['ids'];
let staffA: Agent;
let staffB: Agent;
let agentA: Agent;
let agentAId: number;

beforeAll(async () => {
  fixture = await createAdminFixture('activities');
  ids = fixture.ids;
  staffA = (await fixture.login('staff-a@test.co')).agent;
  staffB = (await fixture.login('staff-b@test.co')).agent;
  agentA = (await fixture.login('agent-a@test.co')).agent;
  agentAId = (await fixture.sequelize.query<{ id: number }>(`SELECT id FROM users WHERE email = 'agent-a@test.co'`, { type: QueryTypes.SELECT }))[0]!.id;
});
afterAll(async () => { await fixture?.close(); });

let n = 0;
async function freshLead(organization = ids.orgA, status = 'new'): Promise<number> {
  n += 1;
  return (await Lead.create({ first_name: 'Ava', last_name: `Act${n}`, email: `ava${n}@act.co`, organization_id: organization, status } as never)).id;
}
const activitiesOf = (leadId: number) => Activity.findAll({ where: { lead_id: leadId }, order: [['id', 'ASC']], raw: true });
const q = <T extends object>(sql: string, bind: unknown[] = []) => fixture.sequelize.query<T>(sql, { bind, type: QueryTypes.SELECT });

describe('the activities table', () => {
  it('has its columns, with their types, nullability and defaults', async () => {
    const columns = await q<{ column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
      `SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_name = 'activities' ORDER BY ordinal_position`);
    expect(Object.fromEntries(columns.map((c) => [c.column_name, [c.data_type, c.is_nullable === 'YES']]))).toEqual({
      id: ['bigint', false], lead_id: ['integer', false], organization_id: ['integer', true], user_id: ['integer', true],
      type: ['character varying', false], direction: ['character varying', true], outcome: ['character varying', true],
      summary: ['character varying', true], details: ['text', true], occurred_at: ['timestamp without time zone', false],
      duration_seconds: ['integer', true], metadata: ['jsonb', false],
      created_at: ['timestamp without time zone', false], updated_at: ['timestamp without time zone', false],
    });
    const defaults = Object.fromEntries(columns.filter((c) => c.column_default && c.column_name !== 'id').map((c) => [c.column_name, c.column_default]));
    expect(defaults).toEqual({
      occurred_at: "timezone('utc'::text, now())", metadata: "'{}'::jsonb",
      created_at: "timezone('utc'::text, now())", updated_at: "timezone('utc'::text, now())",
    });
  });

  it('names its foreign keys with their delete rules', async () => {
    const fks = await q<{ conname: string; rule: string; target: string }>(`
      SELECT conname, confdeltype AS rule, confrelid::regclass::text AS target FROM pg_constraint
       WHERE conrelid = 'activities'::regclass AND contype = 'f' ORDER BY conname`);
    expect(fks).toEqual([
      { conname: 'fk_activities_lead_id', rule: 'c', target: 'leads' },
      { conname: 'fk_activities_organization_id', rule: 'c', target: 'organizations' },
      { conname: 'fk_activities_user_id', rule: 'n', target: 'users' },
    ]);
  });

  it('has the timeline index (lead, newest first, id as tie-breaker) and its others', async () => {
    const indexes = await q<{ indexname: string; indexdef: string }>(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'activities' ORDER BY indexname`);
    expect(Object.fromEntries(indexes.map((i) => [i.indexname, i.indexdef.replace(/^.* USING btree /, '')]))).toEqual({
      activities_pkey: '(id)',
      ix_activities_lead_id_occurred_at: '(lead_id, occurred_at DESC, id DESC)',
      ix_activities_organization_id_occurred_at: '(organization_id, occurred_at DESC, id DESC)',
      ix_activities_user_id: '(user_id)',
    });
  });

  describe('CHECK constraints', () => {
    const insert = (values: Record<string, unknown>) => {
      const row = { lead_id: ids.leadA, organization_id: ids.orgA, type: 'call', ...values };
      const keys = Object.keys(row);
      return fixture.sequelize.query(`INSERT INTO activities (${keys.join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')})`, { bind: Object.values(row) });
    };
    const refusedBy = async (values: Record<string, unknown>) => {
      try { await insert(values); } catch (error) { return (error as { original?: { constraint?: string } }).original?.constraint; }
      return 'accepted';
    };

    it.each([
      [{ type: 'visit' }, 'ck_activities_type'],
      [{ direction: 'sideways' }, 'ck_activities_direction'],
      [{ outcome: 'hung_up' }, 'ck_activities_outcome'],
      [{ duration_seconds: -1 }, 'ck_activities_duration_seconds'],
      [{ type: 'email', outcome: 'connected' }, 'ck_activities_outcome_only_for_calls'],
      [{ type: 'status_change', direction: 'outbound' }, 'ck_activities_direction_only_where_it_applies'],
      [{ type: 'other', direction: 'inbound' }, 'ck_activities_direction_only_where_it_applies'],
      [{ metadata: '[]' }, 'ck_activities_metadata'],
    ])('refuses %j by %s', async (values, constraint) => {
      expect(await refusedBy(values)).toBe(constraint);
    });

    it('accepts every value of each value set where it applies', async () => {
      for (const type of ACTIVITY_TYPES) expect(await refusedBy({ type })).toBe('accepted');
      for (const direction of ACTIVITY_DIRECTIONS) expect(await refusedBy({ type: 'meeting', direction })).toBe('accepted');
      for (const outcome of CALL_OUTCOMES) expect(await refusedBy({ outcome, duration_seconds: 0 })).toBe('accepted');
    });
  });

  it('the contact types frozen in the database function are CONTACT_ACTIVITY_TYPES', () => {
    const frozen = [...activityContactDateV1.triggers![0]!.create.matchAll(/'(\w+)'::character varying/g)].map((m) => m[1]);
    expect(frozen).toEqual([...CONTACT_ACTIVITY_TYPES]);
  });

  it('deleting a lead deletes its activities; deleting their user keeps them, without a user', async () => {
    const id = await freshLead();
    const user = (await q<{ id: number }>(`INSERT INTO users (email, hashed_password, first_name, last_name, organization_id) VALUES ('gone@act.co', 'h', 'G', 'G', $1) RETURNING id`, [ids.orgA]))[0]!.id;
    await Activity.create({ lead_id: id, organization_id: ids.orgA, user_id: user, type: 'call' } as never);
    await fixture.sequelize.query('DELETE FROM users WHERE id = $1', { bind: [user] });
    expect((await activitiesOf(id)).map((a) => a.user_id)).toEqual([null]);
    await fixture.sequelize.query('DELETE FROM leads WHERE id = $1', { bind: [id] });
    expect(await activitiesOf(id)).toEqual([]);
  });
});

describe('a status change writes exactly one activity, whatever made it', () => {
  const statusChanges = async (leadId: number) => (await activitiesOf(leadId)).filter((a) => a.type === 'status_change');

  it('the admin edit form, naming who made it', async () => {
    const id = await freshLead();
    const res = await staffA.post(api('leads', `records/${id}/edit`)).field('status', 'qualified').field('city', 'Austin');
    expect(res.body.notice?.type).toBe('success');
    const [activity, ...rest] = await statusChanges(id);
    expect(rest).toEqual([]);
    expect(activity).toMatchObject({ organization_id: ids.orgA, user_id: ids.staffA, metadata: { from: 'new', to: 'qualified' } });
  });

  it('saving the edit form with the status unchanged writes none', async () => {
    const id = await freshLead(ids.orgA, 'contacted');
    await staffA.post(api('leads', `records/${id}/edit`)).field('status', 'contacted').field('city', 'Reno').expect(200);
    expect(await statusChanges(id)).toEqual([]);
  });

  it('a pipeline step and the board, naming who made them', async () => {
    const id = await freshLead();
    await agentA.get(api('leads', `records/${id}/markContacted`)).expect(200);
    const res = await staffA.post('/admin/api/pages/board').send({ leadId: id, status: 'converted' });
    expect(res.body.notice?.type).toBe('success');
    expect((await statusChanges(id)).map((a) => [a.user_id, a.metadata])).toEqual([
      [agentAId, { from: 'new', to: 'contacted' }],
      [ids.staffA, { from: 'contacted', to: 'converted' }],
    ]);
  });

  it('a bulk change of N leads writes N activities, each naming who made it', async () => {
    const leads = [await freshLead(), await freshLead(), await freshLead(ids.orgA, 'lost')];
    const res = await staffA.post(api('leads', `bulk/changeStatus?recordIds=${leads.join(',')}`)).send({ status: 'nurturing' });
    expect(res.body.notice?.type).toBe('success');
    const written = (await Promise.all(leads.map(statusChanges))).map((list) => list.map((a) => [a.user_id, a.metadata]));
    expect(written).toEqual([
      [[ids.staffA, { from: 'new', to: 'nurturing' }]],
      [[ids.staffA, { from: 'new', to: 'nurturing' }]],
      [[ids.staffA, { from: 'lost', to: 'nurturing' }]],
    ]);
  });

  it('a change of all matching leads writes one activity per lead changed', async () => {
    const marker = `Matching${n + 1}`;
    const leads = [await freshLead(), await freshLead()];
    await Lead.update({ last_name: marker }, { where: { id: leads } });
    const path = api('leads', `actions/changeStatusMatching?filters.search=${marker}`);
    const res = await staffA.post(path).send({ status: 'qualified', expected: 2 });
    expect(res.body.changed).toBe(2);
    for (const id of leads) expect((await statusChanges(id)).map((a) => a.user_id)).toEqual([ids.staffA]);
  });

  it('raw SQL, with no user unless the transaction names one', async () => {
    const [plain, named] = [await freshLead(), await freshLead()];
    await fixture.sequelize.query("UPDATE leads SET status = 'lost' WHERE id = $1", { bind: [plain] });
    await withActor(fixture.sequelize, ids.staffB, (transaction) =>
      fixture.sequelize.query("UPDATE leads SET status = 'archived' WHERE id = $1", { bind: [named], transaction }));
    expect((await statusChanges(plain)).map((a) => [a.user_id, a.metadata])).toEqual([[null, { from: 'new', to: 'lost' }]]);
    expect((await statusChanges(named)).map((a) => [a.user_id, a.metadata])).toEqual([[ids.staffB, { from: 'new', to: 'archived' }]]);
  });

  it('the actor setting ends with its transaction: the next change on the same pool names nobody', async () => {
    const id = await freshLead();
    await withActor(fixture.sequelize, ids.staffA, async (transaction) => {
      await fixture.sequelize.query('SELECT 1', { transaction });
    });
    const [{ setting }] = await q<{ setting: string | null }>(`SELECT current_setting('${ACTOR_SETTING}', true) AS setting`);
    expect(setting ?? '').toBe('');
    await fixture.sequelize.query("UPDATE leads SET status = 'qualified' WHERE id = $1", { bind: [id] });
    expect((await statusChanges(id)).map((a) => a.user_id)).toEqual([null]);
  });

  it('an actor naming nobody (a deleted user, garbage) records no user and never fails the change', async () => {
    const id = await freshLead();
    await withActor(fixture.sequelize, 999_999, (transaction) => Lead.update({ status: 'contacted' }, { where: { id }, transaction }));
    await fixture.sequelize.transaction(async (transaction) => {
      await fixture.sequelize.query(`SELECT set_config('${ACTOR_SETTING}', 'x; DROP', true)`, { transaction });
      await Lead.update({ status: 'qualified' }, { where: { id }, transaction });
    });
    expect((await statusChanges(id)).map((a) => [a.user_id, a.metadata])).toEqual([
      [null, { from: 'new', to: 'contacted' }], [null, { from: 'contacted', to: 'qualified' }],
    ]);
  });

  it('a change that fails leaves neither the change nor its activity', async () => {
    const id = await freshLead();
    await expect(withActor(fixture.sequelize, ids.staffA, async (transaction) => {
      await Lead.update({ status: 'qualified' }, { where: { id }, transaction });
      expect((await Activity.count({ where: { lead_id: id }, transaction }))).toBe(1);
      await fixture.sequelize.query("UPDATE leads SET priority = 'urgent' WHERE id = $1", { bind: [id], transaction });
    })).rejects.toThrow(/ck_leads_priority/);
    expect((await Lead.findByPk(id))!.status).toBe('new');
    expect(await activitiesOf(id)).toEqual([]);
  });

  it('a form the database refuses leaves neither', async () => {
    const id = await freshLead();
    const res = await staffA.post(api('leads', `records/${id}/edit`)).field('status', 'qualified').field('score', '500');
    expect(res.body.notice?.type).toBe('error');
    expect((await Lead.findByPk(id))!.status).toBe('new');
    expect(await activitiesOf(id)).toEqual([]);
  });
});

describe('logging a call, email or text by hand', () => {
  const log = (agent: Agent, fields: Record<string, string>) => {
    const req = agent.post(api('activities', 'actions/new'));
    for (const [key, value] of Object.entries(fields)) req.field(key, value);
    return req;
  };
  const lastContact = async (id: number) => (await Lead.findByPk(id))!.last_contact_date;

  it('an outbound call sets the lead\'s last contact date, filed under the lead\'s organization and whoever logged it', async () => {
    const id = await freshLead();
    const res = await log(agentA, {
      lead_id: String(id), logged_type: 'call', direction: 'outbound', outcome: 'connected', duration_seconds: '240',
      summary: 'Talked through auto quote', occurred_at: '2026-12-01T15:30:00.000Z',
      // Sent to try: the author and organization are not the form's to choose.
      user_id: String(ids.staffB), organization_id: String(ids.orgB),
    });
    expect(res.body.notice?.type).toBe('success');
    const [activity] = await activitiesOf(id);
    expect(activity).toMatchObject({ type: 'call', direction: 'outbound', outcome: 'connected', duration_seconds: 240, user_id: agentAId, organization_id: ids.orgA });
    expect((await lastContact(id))!.toISOString()).toBe('2026-12-01T15:30:00.000Z');
  });

  it('an earlier outbound email never moves the date back; an inbound call or a meeting does not move it', async () => {
    const id = await freshLead();
    await log(staffA, { lead_id: String(id), logged_type: 'sms', direction: 'outbound', occurred_at: '2026-12-02T10:00:00.000Z' }).expect(200);
    await log(staffA, { lead_id: String(id), logged_type: 'email', direction: 'outbound', occurred_at: '2026-11-20T10:00:00.000Z' }).expect(200);
    await log(staffA, { lead_id: String(id), logged_type: 'call', direction: 'inbound', occurred_at: '2026-12-03T10:00:00.000Z' }).expect(200);
    await log(staffA, { lead_id: String(id), logged_type: 'meeting', direction: 'outbound', occurred_at: '2026-12-03T11:00:00.000Z' }).expect(200);
    expect(await Activity.count({ where: { lead_id: id } })).toBe(4);
    expect((await lastContact(id))!.toISOString()).toBe('2026-12-02T10:00:00.000Z');
  });

  it('an inbound call alone leaves the date empty', async () => {
    const id = await freshLead();
    await log(staffA, { lead_id: String(id), logged_type: 'call', direction: 'inbound' }).expect(200);
    expect(await Activity.count({ where: { lead_id: id } })).toBe(1);
    expect(await lastContact(id)).toBeNull();
  });

  it('left blank, it happened now', async () => {
    const id = await freshLead();
    const since = Date.now();
    await log(staffA, { lead_id: String(id), logged_type: 'call', direction: 'outbound', occurred_at: '' }).expect(200);
    const [activity] = await activitiesOf(id);
    expect(Math.abs(activity!.occurred_at.getTime() - since)).toBeLessThan(60_000);
    expect(await lastContact(id)).not.toBeNull();
  });

  it.each([
    [{ logged_type: 'status_change' }, 'logged_type'],
    [{ logged_type: 'submission' }, 'logged_type'],
    [{ type: 'status_change' }, 'logged_type'],
    [{ logged_type: 'email', outcome: 'connected' }, 'outcome'],
    [{ logged_type: 'other', direction: 'outbound' }, 'direction'],
    [{ logged_type: 'call', duration_seconds: '-5' }, 'duration_seconds'],
  ])('refuses %j, naming %s, and writes nothing', async (fields, field) => {
    const id = await freshLead();
    const res = await log(staffA, { lead_id: String(id), ...fields as Record<string, string> });
    expect(res.status).toBeLessThan(500);
    expect(res.body.notice?.type).toBe('error');
    expect(Object.keys(res.body.record?.errors ?? {})).toContain(field);
    expect(await activitiesOf(id)).toEqual([]);
  });

  it('the form offers only the types a person logs', () => {
    const { options } = activityResource({} as never);
    const offered = (options.properties?.[LOGGED_TYPE]?.availableValues ?? []).map((v) => v.value);
    expect(offered).toEqual([...LOGGED_ACTIVITY_TYPES]);
    expect(options.editProperties).toContain(LOGGED_TYPE);
    expect(options.editProperties).not.toContain('type');
  });
});

describe('isolation: staff of A never reach B\'s activities', () => {
  let activityA: string;
  let activityB: string;
  let leadB: number;
  beforeAll(async () => {
    leadB = await freshLead(ids.orgB);
    activityA = (await Activity.create({ lead_id: ids.leadA, organization_id: ids.orgA, type: 'call', summary: 'Alpha call' } as never)).id;
    activityB = (await Activity.create({ lead_id: leadB, organization_id: ids.orgB, type: 'call', summary: 'Beta secret call' } as never)).id;
  });

  it('list: A sees A\'s, never B\'s, even filtering by B\'s lead or organization', async () => {
    const mine = await staffA.get(api('activities', 'actions/list?perPage=500'));
    const ids_ = mine.body.records.map((r: { id: string }) => String(r.id));
    expect(ids_).toContain(String(activityA));
    expect(ids_).not.toContain(String(activityB));
    const probing = await staffA.get(api('activities', `actions/list?filters.lead_id=${leadB}`));
    expect(probing.text).not.toContain('Beta secret call');
    expect(probing.body.records ?? []).toEqual([]);
    expect((await staffB.get(api('activities', `actions/list?filters.lead_id=${leadB}`))).text).toContain('Beta secret call');
  });

  it('show: B\'s by direct URL is refused; A\'s shows', async () => {
    expect((await staffA.get(api('activities', `records/${activityA}/show`))).body.record?.params.summary).toBe('Alpha call');
    const res = await staffA.get(api('activities', `records/${activityB}/show`));
    expect(res.text).not.toContain('Beta secret call');
    expect(res.body.record?.params ?? {}).toEqual({});
  });

  it.each([
    ['lead_id', (lead: number) => ({ lead_id: String(lead) })],
    ['lead_id.0', (lead: number) => ({ 'lead_id.0': String(lead) })],
    ['lead_id and organization_id', (lead: number) => ({ lead_id: String(lead), organization_id: String(ids.orgB) })],
  ])('create on B\'s lead (sent as %s) is refused, and on A\'s succeeds', async (_how, fields) => {
    const before = await Activity.count({ where: { lead_id: leadB } });
    const refused = staffA.post(api('activities', 'actions/new')).field('logged_type', 'call');
    for (const [key, value] of Object.entries(fields(leadB))) refused.field(key, value);
    const res = await refused;
    expect(res.status).toBeLessThan(500);
    expect(res.body.notice?.type).toBe('error');
    expect(await Activity.count({ where: { lead_id: leadB } })).toBe(before);
    const ownLead = await freshLead();
    // The legitimate request names its lead once (a list for lead_id, as lead_id.0 makes it, is refused for any lead).
    const ok = await staffA.post(api('activities', 'actions/new')).field('logged_type', 'call').field('lead_id', String(ownLead));
    expect(ok.body.notice?.type).toBe('success');
    expect(await activitiesOf(ownLead)).toEqual([expect.objectContaining({ organization_id: ids.orgA, user_id: ids.staffA })]);
  });

  it('edit: B\'s is refused and unchanged; A\'s is saved, on its own lead', async () => {
    const res = await staffA.post(api('activities', `records/${activityB}/edit`)).field('summary', 'Hijacked');
    expect(res.status).toBeLessThan(500);
    expect((await Activity.findByPk(activityB))!.summary).toBe('Beta secret call');
    const ok = await staffA.post(api('activities', `records/${activityA}/edit`)).field('summary', 'Alpha call, edited').field('lead_id', String(leadB));
    expect(ok.body.notice?.type).toBe('success');
    expect(await Activity.findByPk(activityA, { raw: true })).toMatchObject({ summary: 'Alpha call, edited', lead_id: ids.leadA, organization_id: ids.orgA });
  });

  it('delete: B\'s is refused and kept; A\'s own is deleted', async () => {
    const res = await staffA.post(api('activities', `records/${activityB}/delete`));
    expect(res.status).toBeLessThan(500);
    expect(await Activity.findByPk(activityB)).not.toBeNull();
    const own = (await Activity.create({ lead_id: ids.leadA, organization_id: ids.orgA, type: 'email' } as never)).id;
    expect((await staffA.post(api('activities', `records/${own}/delete`))).body.notice?.type).toBe('success');
    expect(await Activity.findByPk(own)).toBeNull();
  });
});

describe('roles: an agent logs, an admin corrects', () => {
  it('an agent logs a call but cannot edit or delete one, even their own', async () => {
    const id = await freshLead();
    const res = await agentA.post(api('activities', 'actions/new')).field('lead_id', String(id)).field('logged_type', 'call').field('summary', 'Agent call');
    expect(res.body.notice?.type).toBe('success');
    const [activity] = await activitiesOf(id);
    expect(activity!.user_id).toBe(agentAId);
    const edit = await agentA.post(api('activities', `records/${activity!.id}/edit`)).field('summary', 'Rewritten');
    expect(edit.body.notice?.type).toBe('error');
    const del = await agentA.post(api('activities', `records/${activity!.id}/delete`));
    expect(del.body.notice?.type).toBe('error');
    expect(await Activity.findByPk(activity!.id, { raw: true })).toMatchObject({ summary: 'Agent call' });
  });

  it('an org admin edits an activity the database wrote without changing its type', async () => {
    const id = await freshLead();
    await fixture.sequelize.query("UPDATE leads SET status = 'lost' WHERE id = $1", { bind: [id] });
    const [auto] = await activitiesOf(id);
    const res = await staffA.post(api('activities', `records/${auto!.id}/edit`)).field('details', 'Went with a competitor.');
    expect(res.body.notice?.type).toBe('success');
    expect(await Activity.findByPk(auto!.id, { raw: true })).toMatchObject({ type: 'status_change', details: 'Went with a competitor.', metadata: { from: 'new', to: 'lost' } });
  });
});
