import { Op, QueryTypes } from 'sequelize';
import { Lead, LeadTag, Tag, User } from '../../models/index.js';
import { tagCondition } from '../../server/admin/tags/tag-filter.js';
import { TAG_COLOURS } from '../../models/value-sets.js';
import { TAG_COLOUR_PAIRS } from '../../server/admin/components/badge-colours.js';
import { AA_NORMAL_TEXT, contrastRatio } from '../support/contrast.js';
import { adminApi as api, createAdminFixture, type AdminFixture } from '../support/admin-fixture.js';
import { snapshotSchema } from '../support/schema-snapshot.js';

type Agent = Awaited<ReturnType<AdminFixture['login']>>['agent'];
type Res = { status: number; body: { notice?: { type?: string; message?: string }; records?: { id: string; params: Record<string, unknown> }[]; record?: { errors?: Record<string, { message: string }> } } };

let fixture: AdminFixture;
let ids: AdminFixture['ids'];
let admin: Agent;
let manager: Agent;
let agent: Agent;
let superuser: Agent;
let adminB: Agent;
/** Tags of A (vip, spanish) and of B (vip, with the same slug). */
const tag = { vip: 0, spanish: 0, bVip: 0 };
/** Leads of A: one with both tags, one with vip only, one with spanish only, one with none. */
const lead = { both: 0, vip: 0, spanish: 0, none: 0 };

const refused = (res: Res) => res.status === 403 || (res.status === 200 && res.body.notice?.type === 'error');
const listIds = (res: Res) => (res.body.records ?? []).map((r) => Number(r.id)).sort((a, b) => a - b);
const sorted = (...n: number[]) => [...n].sort((a, b) => a - b);
const leadOfA = async (name: string) => (await Lead.create({ first_name: 'Tia', last_name: name, email: `${name.toLowerCase()}@alpha.co`, organization_id: ids.orgA } as never)).id;

beforeAll(async () => {
  fixture = await createAdminFixture('tags');
  ids = fixture.ids;
  admin = (await fixture.login('staff-a@test.co')).agent;
  manager = (await fixture.login('manager-a@test.co')).agent;
  agent = (await fixture.login('agent-a@test.co')).agent;
  superuser = (await fixture.login('super@test.co')).agent;
  adminB = (await fixture.login('staff-b@test.co')).agent;
  tag.vip = (await Tag.create({ organization_id: ids.orgA, name: 'VIP', slug: 'vip', colour: 'purple' })).id;
  tag.spanish = (await Tag.create({ organization_id: ids.orgA, name: 'Spanish speaker', slug: 'spanish-speaker', colour: 'teal' })).id;
  tag.bVip = (await Tag.create({ organization_id: ids.orgB, name: 'VIP', slug: 'vip', colour: 'red' })).id;
  lead.both = await leadOfA('Both');
  lead.vip = await leadOfA('Vip');
  lead.spanish = await leadOfA('Spanish');
  lead.none = await leadOfA('None');
  await LeadTag.bulkCreate([
    { lead_id: lead.both, tag_id: tag.vip }, { lead_id: lead.both, tag_id: tag.spanish },
    { lead_id: lead.vip, tag_id: tag.vip }, { lead_id: lead.spanish, tag_id: tag.spanish },
    { lead_id: ids.leadB, tag_id: tag.bVip },
  ]);
});
afterAll(async () => { await fixture?.close(); });

describe('tags and lead_tags in the database', () => {
  it('have their columns, named indexes and delete rules', async () => {
    const url = (fixture.sequelize.config as { database: string }).database;
    const live = await snapshotSchema(`${process.env.DATABASE_URL!.replace(/\/[^/]*$/, '')}/${url}`, ['tags', 'lead_tags']);
    expect(live.tags!.columns).toEqual({
      id: ['integer', false], organization_id: ['integer', false], name: ['varchar(50)', false], slug: ['varchar(60)', false],
      colour: ['varchar(20)', false], created_at: ['timestamp', false], updated_at: ['timestamp', false],
    });
    expect(live.tags!.indexes).toEqual({ ux_tags_organization_id_slug: [['organization_id', 'slug'], true] });
    expect(live.tags!.fks).toEqual({ organization_id: ['organizations', 'CASCADE'] });
    expect(live.lead_tags!.columns).toEqual({
      id: ['bigint', false], lead_id: ['integer', false], tag_id: ['integer', false], created_at: ['timestamp', false], created_by: ['integer', true],
    });
    expect(live.lead_tags!.indexes).toEqual({
      ux_lead_tags_lead_id_tag_id: [['lead_id', 'tag_id'], true], ix_lead_tags_tag_id_lead_id: [['tag_id', 'lead_id'], false],
      ix_lead_tags_created_by: [['created_by'], false],
    });
    expect(live.lead_tags!.fks).toEqual({ lead_id: ['leads', 'CASCADE'], tag_id: ['tags', 'CASCADE'], created_by: ['users', 'SET NULL'] });
  });

  it('refuse a colour outside the palette, a second slug in one organization, and a second copy of a pair, each by its constraint', async () => {
    const q = fixture.sequelize;
    await expect(q.query(`INSERT INTO tags (organization_id, name, slug, colour) VALUES (${ids.orgA}, 'X', 'x', 'pink')`))
      .rejects.toMatchObject({ original: { constraint: 'ck_tags_colour' } });
    await expect(q.query(`INSERT INTO tags (organization_id, name, slug) VALUES (${ids.orgA}, 'Vip again', 'vip')`))
      .rejects.toMatchObject({ original: { constraint: 'ux_tags_organization_id_slug' } });
    await expect(q.query(`INSERT INTO lead_tags (lead_id, tag_id) VALUES (${lead.both}, ${tag.vip})`))
      .rejects.toMatchObject({ original: { constraint: 'ux_lead_tags_lead_id_tag_id' } });
    // The same slug in another organization is its own tag (B's vip exists beside A's).
    expect(await Tag.count({ where: { slug: 'vip' } })).toBe(2);
  });

  it('refuse, in raw SQL, a tag of B on a lead of A, and a tagged lead or tag moved to another organization; a same-organization pair is fine', async () => {
    const q = fixture.sequelize;
    await expect(q.query(`INSERT INTO lead_tags (lead_id, tag_id) VALUES (${lead.none}, ${tag.bVip})`))
      .rejects.toMatchObject({ original: { code: '23514', constraint: 'ck_lead_tags_same_organization' } });
    await expect(q.query(`UPDATE leads SET organization_id = ${ids.orgB} WHERE id = ${lead.vip}`))
      .rejects.toMatchObject({ original: { constraint: 'ck_lead_tags_same_organization' } });
    await expect(q.query(`UPDATE tags SET organization_id = ${ids.orgB} WHERE id = ${tag.spanish}`))
      .rejects.toMatchObject({ original: { constraint: 'ck_lead_tags_same_organization' } });
    await q.query(`INSERT INTO lead_tags (lead_id, tag_id) VALUES (${lead.none}, ${tag.vip})`);
    await q.query(`DELETE FROM lead_tags WHERE lead_id = ${lead.none}`);
    expect(await LeadTag.count({ where: { lead_id: lead.none } })).toBe(0);
  });

  it('delete a lead\'s tags with the lead, and a tag\'s pairs with the tag', async () => {
    const gone = await leadOfA('Gone');
    const temp = await Tag.create({ organization_id: ids.orgA, name: 'Temp', slug: 'temp' });
    await LeadTag.bulkCreate([{ lead_id: gone, tag_id: tag.vip }, { lead_id: lead.none, tag_id: temp.id }]);
    await Lead.destroy({ where: { id: gone } });
    await temp.destroy();
    expect(await LeadTag.count({ where: { lead_id: gone } })).toBe(0);
    expect(await LeadTag.count({ where: { tag_id: temp.id } })).toBe(0);
  });

  it('the palette\'s every pair reads at WCAG AA', () => {
    expect(Object.keys(TAG_COLOUR_PAIRS)).toEqual([...TAG_COLOURS]);
    for (const { text, background } of Object.values(TAG_COLOUR_PAIRS)) expect(contrastRatio(text, background)).toBeGreaterThanOrEqual(AA_NORMAL_TEXT);
  });
});

describe('who keeps the tag list', () => {
  it('an agent reads the tags but cannot create, edit or delete one; a manager can', async () => {
    const before = await Tag.count();
    expect(listIds(await agent.get(api('tags', 'actions/list')))).toEqual(sorted(tag.vip, tag.spanish));
    expect(refused(await agent.post(api('tags', 'actions/new')).field('name', 'Agent tag'))).toBe(true);
    expect(refused(await agent.post(api('tags', `records/${tag.vip}/edit`)).field('name', 'Renamed'))).toBe(true);
    expect(refused(await agent.post(api('tags', `records/${tag.vip}/delete`)))).toBe(true);
    expect(await Tag.count()).toBe(before);
    expect((await Tag.findByPk(tag.vip))!.name).toBe('VIP');
    const made = await manager.post(api('tags', 'actions/new')).field('name', 'Hot lead').field('colour', 'red');
    expect(made.body.notice?.type).toBe('success');
    expect(await Tag.findOne({ where: { slug: 'hot-lead' } })).toMatchObject({ organization_id: ids.orgA, colour: 'red', name: 'Hot lead' });
  });

  it('makes the slug from the name, and a slug the organization already has is the slug\'s field error; another organization\'s is no clash', async () => {
    const taken = await manager.post(api('tags', 'actions/new')).field('name', 'VIP');
    expect(taken.body.record?.errors?.slug?.message).toMatch(/already has a tag with this short name/);
    const edit = await admin.post(api('tags', `records/${tag.spanish}/edit`)).field('slug', 'vip');
    expect(edit.body.record?.errors?.slug?.message).toMatch(/already has a tag with this short name/);
    expect((await Tag.findByPk(tag.spanish))!.slug).toBe('spanish-speaker');
    const inB = await adminB.post(api('tags', 'actions/new')).field('name', 'Spanish speaker');
    expect(inB.body.notice?.type).toBe('success');
    expect(await Tag.count({ where: { slug: 'spanish-speaker' } })).toBe(2);
  });

  it('staff create tags in their own organization whatever the form names; a colour outside the palette is a field error', async () => {
    const res = await admin.post(api('tags', 'actions/new')).field('name', 'Renewal due').field('organization_id', String(ids.orgB));
    expect(res.body.notice?.type).toBe('success');
    expect((await Tag.findOne({ where: { slug: 'renewal-due' } }))!.organization_id).toBe(ids.orgA);
    const pink = await admin.post(api('tags', 'actions/new')).field('name', 'Pink').field('colour', 'pink');
    expect(pink.body.record?.errors?.colour).toBeDefined();
    expect(await Tag.count({ where: { slug: 'pink' } })).toBe(0);
  });
});

describe('a tag of B is invisible and unusable to A', () => {
  it('not in A\'s list or search, nor by direct URL to show, edit or delete it', async () => {
    expect(listIds(await admin.get(api('tags', 'actions/list')))).not.toContain(tag.bVip);
    const search = await admin.get(api('tags', 'actions/search/VIP'));
    expect((search.body.records ?? []).map((r: { id: string }) => Number(r.id))).toEqual([tag.vip]);
    expect(refused(await admin.get(api('tags', `records/${tag.bVip}/show`)))).toBe(true);
    expect(refused(await admin.post(api('tags', `records/${tag.bVip}/edit`)).field('name', 'Taken over'))).toBe(true);
    expect(refused(await admin.post(api('tags', `records/${tag.bVip}/delete`)))).toBe(true);
    expect(await Tag.findByPk(tag.bVip)).toMatchObject({ name: 'VIP', organization_id: ids.orgB });
    // B's own admin, the legitimate request, sees and renames it.
    expect(listIds(await adminB.get(api('tags', 'actions/list')))).toContain(tag.bVip);
  });

  it.each([
    ['tag_id', () => tag.bVip],
    ['tag_id.0', () => tag.bVip],
    ['tag_id', () => 'abc'],
  ])('A cannot tag its lead with B\'s tag (%s), nor B\'s lead with its own', async (field, value) => {
    const res = await admin.post(api('leads', `bulk/addTag?recordIds=${lead.none}`)).send({ [field]: String(value()) });
    expect(res.status).toBeLessThan(500);
    expect(res.body.notice?.type).toBe('error');
    expect(await LeadTag.count({ where: { lead_id: lead.none } })).toBe(0);
    const theirLead = await admin.post(api('leads', `bulk/addTag?recordIds=${ids.leadB}`)).send({ tag_id: String(tag.vip) });
    expect(refused(theirLead)).toBe(true);
    expect(await LeadTag.count({ where: { lead_id: ids.leadB, tag_id: tag.vip } })).toBe(0);
  });

  it('a superuser cannot put B\'s tag on A\'s leads either', async () => {
    const res = await superuser.post(api('leads', `bulk/addTag?recordIds=${lead.none}`)).send({ tag_id: String(tag.bVip) });
    expect(res.body.notice?.type).toBe('error');
    expect(await LeadTag.count({ where: { lead_id: lead.none } })).toBe(0);
  });

  it.each([
    `filters.tags=${'BVIP'}`,
    `filters.tags.0=${'BVIP'}`,
    `filters.tags=${'AVIP'},${'BVIP'}&filters.tags_match=any`,
  ])('filtering A\'s leads by B\'s tag (%s) is the tag\'s field error, and shows no lead', async (query) => {
    const q = query.replace(/BVIP/g, String(tag.bVip)).replace(/AVIP/g, String(tag.vip));
    const res = await admin.get(api('leads', `actions/list?${q}`));
    expect(res.status).toBeLessThan(500);
    expect(res.body.records ?? []).toEqual([]);
    expect(res.body.record?.errors?.tags?.message).toMatch(/Choose tags of your organization/);
    // B's staff filter by it: B's lead.
    expect(listIds(await adminB.get(api('leads', `actions/list?filters.tags=${tag.bVip}`)))).toEqual([ids.leadB]);
  });
});

describe('a lead\'s page', () => {
  it('lists its tags by name with their colours; a lead without tags has an empty list', async () => {
    const res = await agent.get(api('leads', `records/${lead.both}/show`));
    expect(JSON.parse(res.body.record.params.tag_list)).toEqual([
      { id: tag.spanish, name: 'Spanish speaker', colour: 'teal' }, { id: tag.vip, name: 'VIP', colour: 'purple' },
    ]);
    expect(JSON.parse((await agent.get(api('leads', `records/${lead.none}/show`))).body.record.params.tag_list)).toEqual([]);
  });
});

describe('tagging leads in bulk', () => {
  it('adds a tag to N leads at once, skipping those that have it, and removes it from them', async () => {
    const many = await Promise.all(['Na', 'Nb', 'Nc', 'Nd', 'Ne'].map(leadOfA));
    await LeadTag.create({ lead_id: many[0]!, tag_id: tag.spanish });
    const add = await agent.post(api('leads', `bulk/addTag?recordIds=${many.join(',')}`)).send({ tag_id: String(tag.spanish) });
    expect(add.body.notice).toMatchObject({ type: 'success', message: 'Tagged 4 leads "Spanish speaker" (1 lead had it already).' });
    expect(await LeadTag.count({ where: { tag_id: tag.spanish, lead_id: many } })).toBe(5);
    const added = await LeadTag.findOne({ where: { tag_id: tag.spanish, lead_id: many[1]! } });
    expect(added!.created_by).toBe((await User.findOne({ where: { email: 'agent-a@test.co' } }))!.id);
    const remove = await agent.post(api('leads', `bulk/removeTag?recordIds=${many.slice(0, 3).join(',')}`)).send({ tag_id: String(tag.spanish) });
    expect(remove.body.notice).toMatchObject({ type: 'success', message: 'Took "Spanish speaker" off 3 leads.' });
    expect(await LeadTag.count({ where: { tag_id: tag.spanish, lead_id: many } })).toBe(2);
    await Lead.destroy({ where: { id: many } });
  });

  it('the tag picker\'s drawer answers GET with the selection, and every role has the two actions', async () => {
    const res = await agent.get(api('leads', `bulk/addTag?recordIds=${lead.none}`));
    expect(res.body.records.map((r: { id: string }) => Number(r.id))).toEqual([lead.none]);
    const list = await agent.get(api('leads', 'actions/list'));
    expect(JSON.stringify(list.body.records[0].bulkActions)).toMatch(/"name":"addTag".*"name":"removeTag"|"name":"removeTag".*"name":"addTag"/);
  });
});

describe('the lead list filtered by tags', () => {
  it.each([
    ['one tag', () => `filters.tags=${tag.vip}`, () => [lead.both, lead.vip]],
    ['any of two (the default)', () => `filters.tags=${tag.vip},${tag.spanish}`, () => [lead.both, lead.vip, lead.spanish]],
    ['any of two, said', () => `filters.tags=${tag.vip},${tag.spanish}&filters.tags_match=any`, () => [lead.both, lead.vip, lead.spanish]],
    ['all of two', () => `filters.tags=${tag.vip},${tag.spanish}&filters.tags_match=all`, () => [lead.both]],
    ['all of two, flattened', () => `filters.tags.0=${tag.vip}&filters.tags.1=${tag.spanish}&filters.tags_match=all`, () => [lead.both]],
    ['all of one tag named twice', () => `filters.tags=${tag.vip},${tag.vip}&filters.tags_match=all`, () => [lead.both, lead.vip]],
    ['a tag beside another filter', () => `filters.tags=${tag.spanish}&filters.search=Both`, () => [lead.both]],
  ])('%s', async (_label, query, expected) => {
    const res = await agent.get(api('leads', `actions/list?${query()}&perPage=50`));
    expect(res.body.notice?.type).not.toBe('error');
    expect(listIds(res)).toEqual(sorted(...expected()));
    expect(res.body.meta.total).toBe(expected().length);
  });

  it.each([
    ['filters.tags=abc', 'tags'],
    ['filters.tags=1x', 'tags'],
    ['filters.tags=1,,2', 'tags'],
    ['filters.tags=-1', 'tags'],
    ['filters.tags=99999999999', 'tags'],
    ['filters.tags=TAG&filters.tags_match=most', 'tags_match'],
  ])('a bad tag filter (%s) is a field error, not a 500', async (query, field) => {
    const res = await agent.get(api('leads', `actions/list?${query.replace('TAG', String(tag.vip))}`));
    expect(res.status).toBeLessThan(500);
    expect(res.body.records ?? []).toEqual([]);
    expect(res.body.notice?.type).toBe('error');
    expect(Object.keys(res.body.record?.errors ?? {})).toEqual([field]);
  });

  it('the CSV export takes the same filter: A\'s tag exports its leads, B\'s none, a bad id is a 422', async () => {
    const csv = async (query: string) => admin.get(`/admin/export/leads.csv?${query}`);
    const ofA = await csv(`filters.tags=${tag.vip},${tag.spanish}&filters.tags_match=all`);
    expect(ofA.status).toBe(200);
    expect(ofA.text).toContain('both@alpha.co');
    expect(ofA.text).not.toContain('vip@alpha.co');
    const ofB = await csv(`filters.tags=${tag.bVip}`);
    expect(ofB.status).toBe(200);
    expect(ofB.text.trim().split('\n')).toHaveLength(1); // the header only
    const bad = await csv('filters.tags=abc');
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ errors: [{ field: 'filters.tags' }] });
  });

  it('a tag id that exists nowhere is refused in the same words as another organization\'s', async () => {
    const res = await agent.get(api('leads', 'actions/list?filters.tags=987654'));
    expect(res.body.record?.errors?.tags?.message).toMatch(/Choose tags of your organization/);
  });

  it('reads lead_tags through the (tag_id, lead_id) index, for any of and all of', async () => {
    // An organization of its own with 6,000 leads and 60 tags, two tags a lead, so the planner has real numbers.
    const q = fixture.sequelize;
    const [[gamma]] = await q.query(`INSERT INTO organizations (name, slug) VALUES ('Gamma', 'gamma') RETURNING id`) as [[{ id: number }], unknown];
    await q.query(`INSERT INTO leads (first_name, last_name, email, organization_id)
      SELECT 'G', 'Lead', 'g' || n || '@gamma.co', ${gamma!.id} FROM generate_series(1, 6000) n`);
    await q.query(`INSERT INTO tags (organization_id, name, slug) SELECT ${gamma!.id}, 'T' || n, 't' || n FROM generate_series(1, 60) n`);
    await q.query(`INSERT INTO lead_tags (lead_id, tag_id)
      SELECT l.id, t.id FROM leads l JOIN tags t ON t.organization_id = l.organization_id
       WHERE l.organization_id = ${gamma!.id} AND (t.slug = 't' || (l.id % 60 + 1) OR t.slug = 't' || ((l.id / 60) % 60 + 1))
      ON CONFLICT DO NOTHING`);
    // Two rare tags (40 leads each, 20 with both): the filter a list needs an index for, since walking the newest leads finds few.
    await q.query(`INSERT INTO tags (organization_id, name, slug) VALUES (${gamma!.id}, 'Rare one', 'rare-1'), (${gamma!.id}, 'Rare two', 'rare-2')`);
    await q.query(`INSERT INTO lead_tags (lead_id, tag_id)
      SELECT l.id, t.id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM leads WHERE organization_id = ${gamma!.id}) l
        JOIN tags t ON t.organization_id = ${gamma!.id} AND ((t.slug = 'rare-1' AND l.n <= 40) OR (t.slug = 'rare-2' AND l.n BETWEEN 21 AND 60))`);
    await q.query('ANALYZE leads; ANALYZE lead_tags; ANALYZE tags');
    const tagIds = (await q.query(`SELECT id FROM tags WHERE slug LIKE 'rare-%' ORDER BY id`, { type: QueryTypes.SELECT }) as { id: number }[]).map((t) => t.id);
    expect(tagIds).toHaveLength(2);
    for (const match of ['any', 'all'] as const) {
      const subquery = ((tagCondition({ ids: tagIds, match }) as { id: Record<symbol, { val: string }> }).id[Op.in]!).val;
      const rows = await q.query(`EXPLAIN SELECT id FROM leads WHERE organization_id = ${gamma!.id} AND id IN ${subquery}
        ORDER BY created_at DESC, id DESC LIMIT 20`, { type: QueryTypes.SELECT }) as Record<string, string>[];
      expect([match, rows.map((r) => Object.values(r)[0]).join('\n')]).toEqual([match, expect.stringMatching(/ix_lead_tags_tag_id_lead_id/)]);
    }
  });
});
