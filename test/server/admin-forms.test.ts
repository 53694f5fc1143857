import { Lead } from '../../models/index.js';
import { MESSAGES } from '../../models/lead-rules.js';
import { AMOUNT_MESSAGE, SCORE_MESSAGE } from '../../server/admin/resources/lead-form-rules.js';
import { adminApi as api, createAdminFixture, type AdminFixture } from '../support/admin-fixture.js';

let fixture: AdminFixture;
let ids: AdminFixture['ids'];
beforeAll(async () => {
  fixture = await createAdminFixture('admin_forms');
  ids = fixture.ids;
});
afterAll(async () => { await fixture?.close(); });

type Saved = { body: { record: { params: Record<string, unknown>; errors: Record<string, { message: string }> }; notice?: { type: string } } };
const errorsOf = (res: Saved) => Object.fromEntries(Object.entries(res.body.record.errors).map(([field, e]) => [field, e.message]));

async function newLead(values: Partial<Lead> = {}): Promise<Lead> {
  return Lead.create({ first_name: 'Fay', last_name: 'Form', email: `fay${Math.random()}@alpha.co`, organization_id: ids.orgA, ...values } as never);
}

async function edit(id: number, form: Record<string, string>, email = 'staff-a@test.co'): Promise<Saved> {
  const { agent } = await fixture.login(email);
  return agent.post(api('leads', `records/${id}/edit`)).type('form').send(form) as unknown as Promise<Saved>;
}

describe('the lead form checks what the intake checks, every field at once', () => {
  it('refuses a bad phone, state and ZIP together, on their fields, and changes nothing', async () => {
    const lead = await newLead({ phone: '+13125550119', state: 'IL', zip_code: '60601' });
    const res = await edit(lead.id, { phone: '555', state: 'Oregon', zip_code: 'abc', city: 'Salem' });
    expect(errorsOf(res)).toEqual({ phone: MESSAGES.invalid_phone, state: MESSAGES.invalid_state, zip_code: MESSAGES.invalid_zip });
    expect(res.body.notice?.type).toBe('error');
    await lead.reload();
    expect([lead.phone, lead.state, lead.zip_code, lead.city]).toEqual(['+13125550119', 'IL', '60601', null]);
  });

  it('stores what passes as the intake stores it: E.164 phone, upper-case state, ZIP+4, lower-case email, tidied names', async () => {
    const lead = await newLead();
    const res = await edit(lead.id, {
      phone: '(312) 555-0119', state: 'il', zip_code: '606011234', email: 'Fay.Form@Alpha.CO', first_name: '  Fay   Ann ', country: 'united states',
    });
    expect(res.body.record.errors).toEqual({});
    await lead.reload();
    expect([lead.phone, lead.state, lead.zip_code, lead.email, lead.first_name, lead.country])
      .toEqual(['+13125550119', 'IL', '60601-1234', 'fay.form@alpha.co', 'Fay Ann', 'USA']);
  });

  it('names a ZIP of another state, an unassigned number and an out-of-range birth date', async () => {
    const lead = await newLead();
    const res = await edit(lead.id, { state: 'CA', zip_code: '10001', phone: '(111) 555-0119', date_of_birth: '2020-01-01' });
    expect(errorsOf(res)).toEqual({
      zip_code: 'ZIP 10001 is in NY, not CA.', phone: MESSAGES.unassigned_phone, date_of_birth: MESSAGES.age_out_of_range,
    });
  });

  it('reports cleared required fields, a score out of range and a bad amount in one answer, in words', async () => {
    const lead = await newLead();
    const res = await edit(lead.id, { first_name: '', email: '', status: '', score: '150', estimated_value: 'lots' });
    expect(errorsOf(res)).toEqual({
      first_name: MESSAGES.required, email: MESSAGES.required, status: MESSAGES.required, score: SCORE_MESSAGE, estimated_value: AMOUNT_MESSAGE,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/cannot be null|Lead\.|Validation /);
    await lead.reload();
    expect([lead.first_name, lead.status]).toEqual(['Fay', 'new']);
  });

  it('the model\'s own rules show beside the lead rules (an unknown status with a bad phone)', async () => {
    const lead = await newLead();
    const res = await edit(lead.id, { status: 'won-ish', phone: '12' });
    expect(Object.keys(errorsOf(res)).sort()).toEqual(['phone', 'status']);
  });

  it('a cleared score, amount or follow-up date is cleared, not kept (AdminJS dropped the empty value)', async () => {
    const lead = await newLead({ score: 60, estimated_value: '900.00', next_follow_up_date: new Date('2027-01-05T15:00:00Z') });
    const res = await edit(lead.id, { score: '', estimated_value: '', next_follow_up_date: '' });
    expect(res.body.record.errors).toEqual({});
    await lead.reload();
    expect([lead.score, lead.estimated_value, lead.next_follow_up_date]).toEqual([null, null, null]);
  });

  it('reads amounts as people type them', async () => {
    const lead = await newLead();
    await edit(lead.id, { estimated_value: '$1,250.50', score: ' 85 ' });
    await lead.reload();
    expect([lead.estimated_value, lead.score]).toEqual(['1250.50', 85]);
  });

  it('a date picker\'s midnight is a calendar date of birth', async () => {
    const lead = await newLead();
    expect((await edit(lead.id, { date_of_birth: '1985-04-12T00:00:00.000Z' })).body.record.errors).toEqual({});
    expect((await lead.reload()).date_of_birth).toBe('1985-04-12');
  });

  it('checks only what an edit changes: a lead stored before these rules keeps its old phone while its status changes', async () => {
    const lead = await newLead({ phone: '555', state: 'Oregon' });
    const res = await edit(lead.id, { phone: '555', state: 'Oregon', status: 'contacted' });
    expect(res.body.record.errors).toEqual({});
    expect((await lead.reload()).status).toBe('contacted');
  });

  it('a change of country checks again the state it decides, even though the state was not changed', async () => {
    const lead = await newLead({ state: 'Ontario', country: 'Canada' });
    expect(errorsOf(await edit(lead.id, { state: 'Ontario', country: 'USA' }))).toEqual({ state: MESSAGES.invalid_state });
    expect(errorsOf(await edit(lead.id, { state: 'Ontario', country: 'Canada', zip_code: 'K1A 0B1' }))).toEqual({});
    expect((await lead.reload()).zip_code).toBe('K1A 0B1');
  });

  it('a cleared country is the default, USA', async () => {
    const lead = await newLead({ country: 'Canada' });
    await edit(lead.id, { country: '' });
    expect((await lead.reload()).country).toBe('USA');
  });
});

describe('every path to a lead write holds the same rules', () => {
  const post = async (path: string, form: Record<string, string>) => {
    const { agent } = await fixture.login('staff-a@test.co');
    return agent.post(api('leads', path)).type('form').send(form) as unknown as Promise<Saved>;
  };

  it('a new lead: refused with every error, then made with the same fields corrected, normalised', async () => {
    const bad = await post('actions/new', { first_name: 'Nia', last_name: '', email: 'nia@', phone: '555', state: 'XX' });
    expect(errorsOf(bad)).toEqual({ last_name: MESSAGES.required, email: MESSAGES.invalid_email, phone: MESSAGES.invalid_phone, state: MESSAGES.invalid_state });
    expect(await Lead.count({ where: { first_name: 'Nia' } })).toBe(0);
    const good = await post('actions/new', { first_name: 'Nia', last_name: 'New', email: 'Nia@Alpha.co', phone: '312-555-0119', state: 'il' });
    expect(good.body.record.errors).toEqual({});
    const made = await Lead.findOne({ where: { first_name: 'Nia' } });
    expect([made?.email, made?.phone, made?.state, made?.status, made?.priority, made?.country]).toEqual(['nia@alpha.co', '+13125550119', 'IL', 'new', 'medium', 'USA']);
  });

  it('a new lead with required fields missing (not sent at all) says so on each, in words', async () => {
    const res = await post('actions/new', { phone: '555' });
    expect(errorsOf(res)).toEqual({ first_name: MESSAGES.required, last_name: MESSAGES.required, email: MESSAGES.required, phone: MESSAGES.invalid_phone });
  });

  it('a field sent as a list (phone.0) is refused, and phone[0] is no field at all, beside the field sent once succeeding', async () => {
    const lead = await newLead();
    expect(errorsOf(await edit(lead.id, { 'phone.0': '555' }))).toEqual({ phone: 'Send one value for this field.' });
    expect(errorsOf(await edit(lead.id, { 'phone.0': '3125550119', 'phone.1': '3125550120' }))).toEqual({ phone: 'Send one value for this field.' });
    expect((await edit(lead.id, { 'phone[0]': '555' })).body.record.errors).toEqual({});
    expect((await lead.reload()).phone).toBeNull();
    await edit(lead.id, { phone: '3125550119' });
    expect((await lead.reload()).phone).toBe('+13125550119');
  });

  it('a bulk status change goes through the same adapter and still succeeds for leads with old data', async () => {
    const lead = await newLead({ phone: '555' });
    const { agent } = await fixture.login('manager-a@test.co');
    const res = await agent.post(api('leads', `bulk/changeStatus?recordIds=${lead.id}`)).type('form').send({ status: 'qualified' });
    expect(res.status).toBe(200);
    expect((await lead.reload()).status).toBe('qualified');
  });

  it('another organization\'s lead is out of reach whatever the values; its own staff make the same edit', async () => {
    const before = (await Lead.findByPk(ids.leadB))!.phone;
    const refused = await edit(ids.leadB, { phone: '3125550119' });
    expect(refused.body.notice?.type ?? 'error').toBe('error');
    expect((await Lead.findByPk(ids.leadB))!.phone).toBe(before);
    expect((await edit(ids.leadB, { phone: '3125550119' }, 'staff-b@test.co')).body.record.errors).toEqual({});
    expect((await Lead.findByPk(ids.leadB))!.phone).toBe('+13125550119');
  });
});
