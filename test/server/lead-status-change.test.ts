import { Lead } from '../../models/index.js';
import { adminApi as api, createAdminFixture, type AdminFixture } from '../support/admin-fixture.js';

/**
 * Whatever moves a lead into a contact status records when the person was
 * last spoken to: the database does it (migrations/functions/lead-contact-date.v1.sql.ts),
 * so every entry point below gets the same rule without carrying it.
 */
let fixture: AdminFixture;
let staff: Awaited<ReturnType<AdminFixture['login']>>['agent'];

beforeAll(async () => {
  fixture = await createAdminFixture('status_change');
  staff = (await fixture.login('staff-a@test.co')).agent;
});
afterAll(async () => { await fixture?.close(); });

let n = 0;
async function freshLead(status = 'new'): Promise<number> {
  n += 1;
  const lead = await Lead.create({ first_name: 'Sam', last_name: `Status${n}`, email: `sam${n}@alpha.co`, organization_id: fixture.ids.orgA, status } as never);
  return lead.id;
}
const read = (id: number) => Lead.findByPk(id).then((l) => l!.get({ plain: true }));
const recent = (date: Date | null, since: number) => date !== null && date.getTime() >= since - 2000;

/** The edit form as the browser sends it: every field of the record, changed or not. */
async function editForm(id: number, changes: Record<string, string>) {
  const shown = (await staff.get(api('leads', `records/${id}/show`))).body.record.params as Record<string, unknown>;
  const req = staff.post(api('leads', `records/${id}/edit`));
  const fields = ['first_name', 'last_name', 'email', 'phone', 'status', 'priority', 'notes'];
  for (const field of fields) {
    const value = field in changes ? changes[field] : shown[field];
    req.field(field, value == null ? '' : String(value));
  }
  for (const [field, value] of Object.entries(changes)) if (!fields.includes(field)) req.field(field, value);
  return req;
}

describe('moving a lead into a contact status records last_contact_date, from every entry point', () => {
  it('a pipeline action', async () => {
    const id = await freshLead();
    const since = Date.now();
    await staff.get(api('leads', `records/${id}/qualify`)).expect(200);
    const lead = await read(id);
    expect(lead.status).toBe('qualified');
    expect(recent(lead.last_contact_date, since)).toBe(true);
  });

  it('the edit form (which did not record it before)', async () => {
    const id = await freshLead();
    const since = Date.now();
    const res = await editForm(id, { status: 'contacted' });
    expect(res.body.notice?.type).toBe('success');
    const lead = await read(id);
    expect(lead.status).toBe('contacted');
    expect(recent(lead.last_contact_date, since)).toBe(true);
  });

  it('a bulk change', async () => {
    const [a, b] = [await freshLead(), await freshLead()];
    const since = Date.now();
    await staff.post(api('leads', `bulk/changeStatus?recordIds=${a},${b}`)).send({ status: 'nurturing' }).expect(200);
    for (const lead of [await read(a), await read(b)]) {
      expect(lead.status).toBe('nurturing');
      expect(recent(lead.last_contact_date, since)).toBe(true);
    }
  });

  it('the board', async () => {
    const id = await freshLead();
    const since = Date.now();
    const res = await staff.post('/admin/api/pages/board').send({ leadId: id, status: 'converted' });
    expect(res.body.notice).toEqual({ type: 'success', message: 'Moved to Converted.' });
    expect(recent((await read(id)).last_contact_date, since)).toBe(true);
  });

  it('raw SQL (a later import or script)', async () => {
    const id = await freshLead();
    await fixture.sequelize.query("UPDATE leads SET status = 'contacted' WHERE id = $1", { bind: [id] });
    expect((await read(id)).last_contact_date).not.toBeNull();
  });
});

describe('and nothing else does', () => {
  it('a status that is not a contact (lost, archived, back to new) leaves it as it was', async () => {
    const id = await freshLead();
    await staff.get(api('leads', `records/${id}/markLost`)).expect(200);
    expect((await read(id)).last_contact_date).toBeNull();
    await fixture.sequelize.query("UPDATE leads SET status = 'archived' WHERE id = $1", { bind: [id] });
    expect((await read(id)).last_contact_date).toBeNull();
  });

  it('saving the edit form with the status unchanged does not move the contact time', async () => {
    const id = await freshLead();
    await staff.get(api('leads', `records/${id}/markContacted`)).expect(200);
    const contactedAt = (await read(id)).last_contact_date;
    await new Promise((r) => setTimeout(r, 20));
    const res = await editForm(id, { notes: 'Prefers evenings.' });
    expect(res.body.notice?.type).toBe('success');
    expect(await read(id)).toMatchObject({ status: 'contacted', notes: 'Prefers evenings.', last_contact_date: contactedAt });
  });

  it('a contact time the same statement sets (an import carrying its own history) wins over the automatic one', async () => {
    const id = await freshLead();
    await fixture.sequelize.query("UPDATE leads SET status = 'contacted', last_contact_date = '2026-11-30 15:00:00' WHERE id = $1", { bind: [id] });
    expect((await read(id)).last_contact_date!.toISOString()).toBe('2026-11-30T15:00:00.000Z');
  });

  it('the form cannot set the contact time itself: it is recorded, not typed', async () => {
    const id = await freshLead();
    const since = Date.now();
    await editForm(id, { status: 'contacted', last_contact_date: '2020-01-01T00:00:00.000Z' });
    expect(recent((await read(id)).last_contact_date, since)).toBe(true);
  });
});
