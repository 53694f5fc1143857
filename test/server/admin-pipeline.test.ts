import { Lead } from '../../models/index.js';
import { RECORD_NOT_ACCESSIBLE } from '../../server/admin/admin-locale.js';
import type { DashboardStats } from '../../server/admin/dashboard/dashboard-stats.js';
import type { BoardColumn } from '../../server/admin/pipeline/board-data.js';
import { adminApi as api, createAdminFixture, type AdminFixture } from '../support/admin-fixture.js';

let fixture: AdminFixture;
let ids: AdminFixture['ids'];
let staffA: Awaited<ReturnType<AdminFixture['login']>>['agent'];
let extraA: number;

beforeAll(async () => {
  fixture = await createAdminFixture('pipeline');
  ids = fixture.ids;
  extraA = (await Lead.create({ first_name: 'Cal', last_name: 'Alpha', email: 'cal@alpha.co', organization_id: ids.orgA, score: 80 } as never)).id;
  staffA = (await fixture.login('staff-a@test.co')).agent;
});
afterAll(async () => { await fixture?.close(); });

const lead = (id: number) => Lead.findByPk(id).then((l) => l!.get({ plain: true }));

describe('pipeline actions on a lead', () => {
  it('Mark contacted sets the status and the last contact time, with a notice naming the lead', async () => {
    const before = Date.now();
    const res = await staffA.get(api('leads', `records/${ids.leadA}/markContacted`));
    expect(res.body.notice).toEqual({ type: 'success', message: 'Ann Alpha is now Contacted.' });
    const after = await lead(ids.leadA);
    expect(after.status).toBe('contacted');
    expect(after.last_contact_date!.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('Archive changes the status but not the last contact time', async () => {
    const contactedAt = (await lead(ids.leadA)).last_contact_date;
    await staffA.get(api('leads', `records/${ids.leadA}/archive`));
    expect(await lead(ids.leadA)).toMatchObject({ status: 'archived', last_contact_date: contactedAt });
  });

  it.each(['qualify', 'nurture', 'convert', 'markLost'])('%s on a lead of another organization changes nothing', async (action) => {
    const before = await lead(ids.leadB);
    const res = await staffA.get(api('leads', `records/${ids.leadB}/${action}`));
    expect(res.text).not.toContain('bob@beta.co');
    expect(await lead(ids.leadB)).toEqual(before);
  });

  it('refuses an action started from another site, even with the session cookie', async () => {
    const before = await lead(extraA);
    const res = await staffA.get(api('leads', `records/${extraA}/convert`)).set('Sec-Fetch-Site', 'cross-site');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('cross_site_request');
    expect(await lead(extraA)).toEqual(before);
  });
});

describe('bulk status and priority changes', () => {
  it('changes every selected lead in one go', async () => {
    const res = await staffA.post(api('leads', `bulk/changeStatus?recordIds=${ids.leadA},${extraA}`)).send({ status: 'qualified' });
    expect(res.body.notice).toEqual({ type: 'success', message: '2 leads set to Qualified.' });
    expect([(await lead(ids.leadA)).status, (await lead(extraA)).status]).toEqual(['qualified', 'qualified']);
    await staffA.post(api('leads', `bulk/changePriority?recordIds=${ids.leadA},${extraA}`)).send({ priority: 'high' });
    expect([(await lead(ids.leadA)).priority, (await lead(extraA)).priority]).toEqual(['high', 'high']);
  });

  it('refuses a selection that includes another organization\'s lead, changing none of them', async () => {
    const before = [await lead(extraA), await lead(ids.leadB)];
    const res = await staffA.post(api('leads', `bulk/changeStatus?recordIds=${extraA},${ids.leadB}`)).send({ status: 'lost' });
    expect(res.status).toBe(403);
    expect(res.body.detail).toBe(RECORD_NOT_ACCESSIBLE);
    expect([await lead(extraA), await lead(ids.leadB)]).toEqual(before);
  });

  it('answers a status outside the list with an error on the field', async () => {
    const res = await staffA.post(api('leads', `bulk/changeStatus?recordIds=${extraA}`)).send({ status: 'won' });
    expect(res.body.record.errors).toEqual({ status: { message: 'Choose a status from the list.', type: 'invalid' } });
    expect((await lead(extraA)).status).toBe('qualified');
  });
});

describe('board', () => {
  const columns = async () => (await staffA.get('/admin/api/pages/board')).body.columns as BoardColumn[];

  it('shows a column per status with only the viewer\'s organization', async () => {
    const board = await columns();
    expect(board.map((c) => c.status)).toEqual(['new', 'contacted', 'qualified', 'nurturing', 'converted', 'lost', 'archived']);
    const cardIds = board.flatMap((c) => c.cards.map((card) => card.id)).sort();
    expect(cardIds).toEqual([ids.leadA, extraA].sort());
    expect(board.find((c) => c.status === 'qualified')!.count).toBe(2);
  });

  it('gives each card the lead\'s priority and its phone as stored (E.164; the screen formats it)', async () => {
    await Lead.update({ phone: '+13125550119', priority: 'high' }, { where: { id: extraA } });
    const card = (await columns()).flatMap((c) => c.cards).find((c) => c.id === extraA)!;
    expect(card).toMatchObject({ priority: 'high', phone: '+13125550119' });
  });

  it('moving a card changes the lead\'s status; a card of another organization cannot be moved', async () => {
    const moved = await staffA.post('/admin/api/pages/board').send({ leadId: extraA, status: 'converted' });
    expect(moved.body.notice).toEqual({ type: 'success', message: 'Moved to Converted.' });
    expect((await lead(extraA)).status).toBe('converted');
    const before = await lead(ids.leadB);
    const refused = await staffA.post('/admin/api/pages/board').send({ leadId: ids.leadB, status: 'converted' });
    expect(refused.body.notice.type).toBe('error');
    expect(await lead(ids.leadB)).toEqual(before);
    const bad = await staffA.post('/admin/api/pages/board').send({ leadId: extraA, status: 'won' });
    expect(bad.body.notice).toEqual({ type: 'error', message: 'Choose a lead and a status from the board.' });
  });
});

describe('dashboard', () => {
  it('counts only the viewer\'s organization for staff, everything for a superuser', async () => {
    const mine = (await staffA.get('/admin/api/dashboard')).body as DashboardStats;
    expect(mine.scope).toBe('organization');
    expect(mine.totals.leads).toBe(2);
    expect(mine.byStatus.reduce((n, b) => n + b.count, 0)).toBe(2);
    expect(mine.perDay).toHaveLength(30);
    expect(mine.perDay.at(-1)!.count).toBe(2);
    const { agent } = await fixture.login('super@test.co');
    const all = (await agent.get('/admin/api/dashboard')).body as DashboardStats;
    expect(all).toMatchObject({ scope: 'all', totals: { leads: 3 } });
    expect(all.byCampaign).toEqual([{ key: 'Beta Spring', label: 'Beta Spring', count: 1 }]);
  });

  it('computes the conversion rate over decided leads', async () => {
    await Lead.update({ status: 'lost' }, { where: { id: ids.leadA } });
    const stats = (await staffA.get('/admin/api/dashboard')).body as DashboardStats;
    expect(stats.totals).toMatchObject({ converted: 1, conversionRate: 50 });
  });
});
