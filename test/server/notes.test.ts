import { Lead, Note, User } from '../../models/index.js';
import { NOTE_BODY_MAX } from '../../models/value-sets.js';
import { adminApi as api, createAdminFixture, type AdminFixture } from '../support/admin-fixture.js';
import { snapshotSchema } from '../support/schema-snapshot.js';
import { noteTitle } from '../../server/admin/resources/note.resource.js';

type Agent = Awaited<ReturnType<AdminFixture['login']>>['agent'];
type Res = { status: number; body: { notice?: { type?: string }; records?: { id: string; recordActions?: { name: string }[] }[]; record?: { params?: Record<string, unknown>; errors?: Record<string, { message: string }> } } };

let fixture: AdminFixture;
let ids: AdminFixture['ids'];
const as = {} as Record<'admin' | 'manager' | 'agent' | 'otherAgent' | 'adminB' | 'superuser', Agent>;
const user = { agent: 0, otherAgent: 0 };
let noteB = 0;

const refused = (res: Res) => res.status === 403 || (res.status === 200 && res.body.notice?.type === 'error');
const succeeded = (res: Res) => res.status === 200 && res.body.notice?.type === 'success';
const noteBy = async (author: number, body = 'Called, no answer.') => (await Note.create({ lead_id: ids.leadA, organization_id: ids.orgA, author_id: author, body })).id;

beforeAll(async () => {
  fixture = await createAdminFixture('notes');
  ids = fixture.ids;
  as.admin = (await fixture.login('staff-a@test.co')).agent;
  as.manager = (await fixture.login('manager-a@test.co')).agent;
  as.agent = (await fixture.login('agent-a@test.co')).agent;
  // throttled@test.co is a second agent of A (no role row) in this file's own database.
  as.otherAgent = (await fixture.login('throttled@test.co')).agent;
  as.adminB = (await fixture.login('staff-b@test.co')).agent;
  as.superuser = (await fixture.login('super@test.co')).agent;
  user.agent = (await User.findOne({ where: { email: 'agent-a@test.co' } }))!.id;
  user.otherAgent = (await User.findOne({ where: { email: 'throttled@test.co' } }))!.id;
  noteB = (await Note.create({ lead_id: ids.leadB, organization_id: ids.orgB, author_id: ids.staffB, body: 'Beta private note' })).id;
});
afterAll(async () => { await fixture?.close(); });

describe('the notes table', () => {
  it('has its columns, named indexes (one for the lead page) and delete rules', async () => {
    const database = (fixture.sequelize.config as { database: string }).database;
    const live = (await snapshotSchema(`${process.env.DATABASE_URL!.replace(/\/[^/]*$/, '')}/${database}`, ['notes'])).notes!;
    expect(live.columns).toEqual({
      id: ['integer', false], lead_id: ['integer', false], organization_id: ['integer', false], author_id: ['integer', true],
      body: ['text', false], is_pinned: ['boolean', false], created_at: ['timestamp', false], updated_at: ['timestamp', false],
    });
    expect(live.defaults).toMatchObject({ is_pinned: 'false' });
    expect(live.indexes).toEqual({
      ix_notes_organization_id: [['organization_id'], false], ix_notes_author_id: [['author_id'], false],
      ix_notes_lead_page: [['lead_id', 'is_pinned', 'created_at'], false],
    });
    expect(live.fks).toEqual({ lead_id: ['leads', 'CASCADE'], organization_id: ['organizations', 'CASCADE'], author_id: ['users', 'SET NULL'] });
    const [[definition]] = await fixture.sequelize.query(`SELECT pg_get_indexdef('ix_notes_lead_page'::regclass) AS d`) as [[{ d: string }], unknown];
    expect(definition!.d).toMatch(/\(lead_id, is_pinned DESC, created_at DESC\)/);
  });

  it('refuses an empty body and one over the limit by ck_notes_body; the limit itself fits', async () => {
    const insert = (body: string) => fixture.sequelize.query('INSERT INTO notes (lead_id, organization_id, body) VALUES (:lead, :org, :body)',
      { replacements: { lead: ids.leadA, org: ids.orgA, body } });
    await expect(insert('')).rejects.toMatchObject({ original: { constraint: 'ck_notes_body' } });
    await expect(insert('x'.repeat(NOTE_BODY_MAX + 1))).rejects.toMatchObject({ original: { constraint: 'ck_notes_body' } });
    await expect(insert('x'.repeat(NOTE_BODY_MAX))).resolves.toBeTruthy();
  });

  it('refreshes updated_at on a raw UPDATE, keeps a note whose author leaves, and goes with its lead', async () => {
    const temp = await User.create({ email: 'leaver@test.co', hashed_password: 'x', first_name: 'L', last_name: 'V', organization_id: ids.orgA } as never);
    const lead = await Lead.create({ first_name: 'Gone', last_name: 'Soon', email: 'gone@alpha.co', organization_id: ids.orgA } as never);
    const note = await Note.create({ lead_id: lead.id, organization_id: ids.orgA, author_id: temp.id, body: 'Left a voicemail.' });
    await fixture.sequelize.query(`UPDATE notes SET updated_at = '2000-01-01' WHERE id = ${note.id}`);
    await fixture.sequelize.query(`UPDATE notes SET is_pinned = true WHERE id = ${note.id}`);
    expect((await Note.findByPk(note.id))!.updated_at.getUTCFullYear()).toBeGreaterThan(2000);
    await temp.destroy();
    expect((await Note.findByPk(note.id))!.author_id).toBeNull();
    await lead.destroy();
    expect(await Note.findByPk(note.id)).toBeNull();
  });
});

describe('writing notes', () => {
  it('any staff member adds a note to a lead they can see; the author is them and the organization the lead\'s, whatever the form says', async () => {
    const res = await as.agent.post(api('notes', 'actions/new')).field('lead_id', String(ids.leadA)).field('body', 'Prefers email.\nCall after 5pm.')
      .field('author_id', String(ids.staffA)).field('organization_id', String(ids.orgB)).field('is_pinned', 'true');
    expect(succeeded(res)).toBe(true);
    const note = await Note.findOne({ where: { body: 'Prefers email.\nCall after 5pm.' } });
    expect(note).toMatchObject({ lead_id: ids.leadA, organization_id: ids.orgA, author_id: user.agent, is_pinned: true });
  });

  it('a superuser\'s note takes its lead\'s organization', async () => {
    const res = await as.superuser.post(api('notes', 'actions/new')).field('lead_id', String(ids.leadB)).field('body', 'Checked by support.');
    expect(succeeded(res)).toBe(true);
    expect(await Note.findOne({ where: { body: 'Checked by support.' } })).toMatchObject({ organization_id: ids.orgB });
  });

  it('an empty or too long body is the body\'s field error, and nothing is written', async () => {
    const before = await Note.count();
    const empty = await as.agent.post(api('notes', 'actions/new')).field('lead_id', String(ids.leadA)).field('body', '');
    expect(empty.body.record?.errors?.body).toBeDefined();
    const long = await as.agent.post(api('notes', 'actions/new')).field('lead_id', String(ids.leadA)).field('body', 'y'.repeat(NOTE_BODY_MAX + 1));
    expect(long.body.record?.errors?.body?.message).toMatch(/1 to 10,000 characters/);
    expect(await Note.count()).toBe(before);
  });

  it('keeps markup as the text it is: what is written is what is stored and sent back', async () => {
    const body = '<img src=x onerror=alert(1)> <script>alert(2)</script>';
    const res = await as.agent.post(api('notes', 'actions/new')).field('lead_id', String(ids.leadA)).field('body', body);
    expect(succeeded(res)).toBe(true);
    const note = await Note.findOne({ where: { body } });
    expect((await as.agent.get(api('notes', `records/${note!.id}/show`))).body.record.params.body).toBe(body);
  });
});

describe('who changes a note', () => {
  it('its author edits and deletes it; another agent can do neither, and is not offered to', async () => {
    const id = await noteBy(user.agent);
    const other = await as.otherAgent.post(api('notes', `records/${id}/edit`)).field('body', 'Overwritten');
    expect(refused(other)).toBe(true);
    expect(refused(await as.otherAgent.post(api('notes', `records/${id}/delete`)))).toBe(true);
    expect((await Note.findByPk(id))!.body).toBe('Called, no answer.');
    const list = await as.otherAgent.get(api('notes', 'actions/list?perPage=50'));
    const row = list.body.records.find((r: { id: string }) => Number(r.id) === id);
    expect(row.recordActions.map((a: { name: string }) => a.name)).not.toEqual(expect.arrayContaining(['edit']));
    expect(row.recordActions.map((a: { name: string }) => a.name)).not.toContain('delete');
    expect(succeeded(await as.agent.post(api('notes', `records/${id}/edit`)).field('body', 'Called back, interested.'))).toBe(true);
    expect((await Note.findByPk(id))!.body).toBe('Called back, interested.');
    expect((await Note.findByPk(id))!.author_id).toBe(user.agent);
    expect(succeeded(await as.agent.post(api('notes', `records/${id}/delete`)))).toBe(true);
    expect(await Note.findByPk(id)).toBeNull();
  });

  it.each(['manager', 'admin'] as const)('an org %s edits and deletes any note of their organization', async (role) => {
    const id = await noteBy(user.agent);
    expect(succeeded(await as[role].post(api('notes', `records/${id}/edit`)).field('body', `Edited by the ${role}`))).toBe(true);
    expect((await Note.findByPk(id))!.body).toBe(`Edited by the ${role}`);
    expect((await Note.findByPk(id))!.author_id).toBe(user.agent); // editing is not authoring
    expect(succeeded(await as[role].post(api('notes', `records/${id}/delete`)))).toBe(true);
    expect(await Note.findByPk(id)).toBeNull();
  });

  it('an agent\'s bulk delete that includes another\'s note deletes nothing; of their own notes, all', async () => {
    const mine = await noteBy(user.agent);
    const theirs = await noteBy(user.otherAgent);
    const mixed = await as.agent.post(api('notes', `bulk/bulkDelete?recordIds=${mine},${theirs}`));
    expect(mixed.status).toBeLessThan(500);
    expect(await Note.count({ where: { id: [mine, theirs] } })).toBe(2);
    const own = await as.agent.post(api('notes', `bulk/bulkDelete?recordIds=${mine}`));
    expect(own.status).toBeLessThan(500);
    expect(await Note.count({ where: { id: [mine, theirs] } })).toBe(1);
  });

  it('the author cannot hand the note to someone else, nor move it to another organization\'s lead', async () => {
    const id = await noteBy(user.agent);
    await as.agent.post(api('notes', `records/${id}/edit`)).field('author_id', String(user.otherAgent)).field('body', 'Still mine');
    expect(await Note.findByPk(id)).toMatchObject({ author_id: user.agent, body: 'Still mine' });
    const moved = await as.agent.post(api('notes', `records/${id}/edit`)).field('lead_id', String(ids.leadB));
    expect(moved.body.record?.errors?.lead_id?.message).toMatch(/same organization/);
    expect(await Note.findByPk(id)).toMatchObject({ lead_id: ids.leadA, organization_id: ids.orgA });
  });
});

describe('a note of B is out of A\'s reach', () => {
  it('not in A\'s list, search or a filter by B\'s lead; not by direct URL to show, edit or delete; B\'s admin reaches it', async () => {
    const list = await as.admin.get(api('notes', 'actions/list?perPage=50'));
    expect(list.body.records.map((r: { id: string }) => Number(r.id))).not.toContain(noteB);
    expect((await as.admin.get(api('notes', `actions/list?filters.lead_id=${ids.leadB}`))).body.records).toEqual([]);
    expect((await as.admin.get(api('notes', 'actions/list?filters.search=Beta%20private'))).body.records).toEqual([]);
    expect((await as.admin.get(api('notes', 'actions/search/Beta'))).body.records ?? []).toEqual([]);
    for (const res of [
      await as.admin.get(api('notes', `records/${noteB}/show`)),
      await as.admin.post(api('notes', `records/${noteB}/edit`)).field('body', 'Taken over'),
      await as.admin.post(api('notes', `records/${noteB}/delete`)),
      await as.admin.post(api('notes', `bulk/bulkDelete?recordIds=${noteB}`)),
    ]) {
      expect(res.status).toBeLessThan(500);
      expect(res.body.record?.params?.body).not.toBe('Beta private note');
    }
    expect(await Note.findByPk(noteB)).toMatchObject({ body: 'Beta private note' });
    expect((await as.adminB.get(api('notes', `records/${noteB}/show`))).body.record.params.body).toBe('Beta private note');
  });

  it.each(['lead_id', 'lead_id.0'])('A cannot write a note on B\'s lead (%s); on its own lead it can', async (field) => {
    const before = await Note.count({ where: { lead_id: ids.leadB } });
    const res = await as.agent.post(api('notes', 'actions/new')).field(field, String(ids.leadB)).field('body', `Sneaky ${field}`);
    expect(res.status).toBeLessThan(500);
    expect(succeeded(res)).toBe(false);
    expect(await Note.count({ where: { lead_id: ids.leadB } })).toBe(before);
    // A list where one value belongs (lead_id.0) is refused whatever it names (writable-fields.ts), so the good request says lead_id.
    const ok = await as.agent.post(api('notes', 'actions/new')).field('lead_id', String(ids.leadA)).field('body', `Fine ${field}`);
    expect(succeeded(ok)).toBe(true);
    expect(await Note.findOne({ where: { body: `Fine ${field}` } })).toMatchObject({ lead_id: ids.leadA, organization_id: ids.orgA });
  });
});

describe('a note\'s title', () => {
  it('is its first line, cut at a word near 80 characters, in the list and on its page', async () => {
    const long = `${'Wants a quote for the lake house and the boat, '.repeat(3)}soon.\nSecond line.`;
    const id = await noteBy(user.agent, long);
    const show = await as.agent.get(api('notes', `records/${id}/show`));
    expect(show.body.record.title).toBe('Wants a quote for the lake house and the boat, Wants a quote for the lake house…');
    expect(show.body.record.params.body).toBe(long);
    expect(noteTitle('\n  Short one  \nmore')).toBe('Short one');
  });
});
