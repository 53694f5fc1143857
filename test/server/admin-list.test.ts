import { Lead } from '../../models/index.js';
import { MATCHING_LIMIT } from '../../server/admin/pipeline/pipeline-actions.js';
import { adminApi as api, createAdminFixture, type AdminFixture } from '../support/admin-fixture.js';

let fixture: AdminFixture;
let ids: AdminFixture['ids'];
beforeAll(async () => {
  fixture = await createAdminFixture('admin_list');
  ids = fixture.ids;
  const lead = (first: string, last: string, email: string, organization_id: number, status = 'new') => ({ first_name: first, last_name: last, email, organization_id, status });
  await Lead.bulkCreate([
    lead('José', 'Núñez', 'jose@alpha.co', ids.orgA), lead('Zoë', 'Ångström', 'zoe@alpha.co', ids.orgA),
    lead('Renée', 'Ÿvette', 'renee@alpha.co', ids.orgA, 'contacted'),
    lead('Jose', 'Nunez', 'jose@beta.co', ids.orgB),
    ...Array.from({ length: 6 }, (_, i) => lead(`Pat${i}`, 'Matching', `pat${i}@alpha.co`, ids.orgA)),
    ...Array.from({ length: 3 }, (_, i) => lead(`Pat${i}`, 'Matching', `pat${i}@beta.co`, ids.orgB)),
  ] as never[]);
});
afterAll(async () => { await fixture?.close(); });

const emails = (res: { body: { records: { params: { email: string } }[] } }) => res.body.records.map((r) => r.params.email).sort();

describe('the list search ignores accents and case', () => {
  it.each([
    ['nunez', ['jose@alpha.co']], ['NÚÑEZ', ['jose@alpha.co']], ['jose nunez', ['jose@alpha.co']], ['zoe angstrom', ['zoe@alpha.co']],
    ['ZOË', ['zoe@alpha.co']], ['renee yvette', ['renee@alpha.co']], ['ÅNG', ['zoe@alpha.co']],
  ])('"%s" finds %j, within the organization only', async (query, expected) => {
    const { agent } = await fixture.login('staff-a@test.co');
    expect(emails(await agent.get(api('leads', `actions/list?filters.search=${encodeURIComponent(query)}`)))).toEqual(expected);
  });

  it('keeps LIKE wildcards literal and uses the folded trigram index', async () => {
    const { agent } = await fixture.login('staff-a@test.co');
    expect(emails(await agent.get(api('leads', `actions/list?filters.search=${encodeURIComponent('n_nez')}`)))).toEqual([]);
    // A few rows are read faster without an index: forbid the sequential scan to see which index the query can use.
    const plan = await fixture.sequelize.transaction(async (transaction) => {
      await fixture.sequelize.query('SET LOCAL enable_seqscan = off', { transaction });
      return fixture.sequelize.query(`EXPLAIN (FORMAT JSON) SELECT 1 FROM leads WHERE search_fold(last_name) LIKE search_fold('%núñez%')`, { transaction, plain: true });
    });
    expect(JSON.stringify(plan)).toContain('perf_leads_search_folded_trgm');
  });
});

describe('a change to every lead matching the filter', () => {
  const matching = 'filters.search=Matching';
  const statuses = async (org: number) => (await Lead.findAll({ where: { organization_id: org, last_name: 'Matching' } })).map((l) => l.status);

  it('counts the matching leads of the organization only', async () => {
    const { agent } = await fixture.login('manager-a@test.co');
    const res = await agent.get(api('leads', `actions/changeStatusMatching?${matching}`));
    expect(res.body).toMatchObject({ matching: 6, limit: MATCHING_LIMIT });
  });

  it('changes nothing when the count confirmed is not the count now, then applies the confirmed one', async () => {
    const { agent } = await fixture.login('manager-a@test.co');
    const stale = await agent.post(api('leads', `actions/changeStatusMatching?${matching}`)).send({ status: 'qualified', expected: '5' });
    expect(stale.body.notice).toMatchObject({ type: 'error', message: expect.stringContaining('now matches 6 leads, not 5 leads: nothing was changed') });
    const missing = await agent.post(api('leads', `actions/changeStatusMatching?${matching}`)).send({ status: 'qualified' });
    expect(missing.body.notice).toMatchObject({ type: 'error' });
    expect(await statuses(ids.orgA)).toEqual(Array(6).fill('new'));
    const done = await agent.post(api('leads', `actions/changeStatusMatching?${matching}`)).send({ status: 'qualified', expected: '6' });
    expect(done.body.notice).toEqual({ type: 'success', message: '6 leads set to Qualified.' });
    expect(await statuses(ids.orgA)).toEqual(Array(6).fill('qualified'));
    expect(await statuses(ids.orgB)).toEqual(Array(3).fill('new'));
  });

  it('refuses a value outside the value set with a field error, writing nothing', async () => {
    const { agent } = await fixture.login('manager-a@test.co');
    const res = await agent.post(api('leads', `actions/changePriorityMatching?${matching}`)).send({ priority: 'urgent', expected: '6' });
    expect(res.body.record.errors).toMatchObject({ priority: { message: 'Choose a priority from the list.' } });
    expect((await Lead.findAll({ where: { organization_id: ids.orgA, last_name: 'Matching' } })).map((l) => l.priority)).toEqual(Array(6).fill('medium'));
  });

  it('cannot reach another organization through a filter on organization_id, or a superuser-only spelling of it', async () => {
    const { agent } = await fixture.login('manager-a@test.co');
    for (const filter of [`filters.organization_id=${ids.orgB}`, `filters.organization_id.0=${ids.orgB}`]) {
      const res = await agent.post(api('leads', `actions/changeStatusMatching?${filter}`)).send({ status: 'lost', expected: '3' });
      expect(res.status).toBeLessThan(500);
    }
    expect(await statuses(ids.orgB)).toEqual(Array(3).fill('new'));
  });

  it('is refused to an agent, as the bulk change is, while a manager may run it', async () => {
    const agent = (await fixture.login('agent-a@test.co')).agent;
    const refused = await agent.post(api('leads', `actions/changeStatusMatching?${matching}`)).send({ status: 'lost', expected: '6' });
    expect(refused.body.notice).toMatchObject({ type: 'error' });
    expect((await agent.get(api('leads', `actions/changeStatusMatching?${matching}`))).body.matching).toBeUndefined();
    expect(await statuses(ids.orgA)).toEqual(Array(6).fill('qualified'));
    const manager = (await fixture.login('manager-a@test.co')).agent;
    expect((await manager.get(api('leads', `actions/changeStatusMatching?${matching}`))).body.matching).toBe(6);
  });

  it('two parallel changes with the same confirmed count both stay within the filter', async () => {
    const { agent } = await fixture.login('manager-a@test.co');
    const post = (status: string) => agent.post(api('leads', `actions/changeStatusMatching?${matching}`)).send({ status, expected: '6' });
    const answers = await Promise.all([post('nurturing'), post('converted')]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(new Set(await statuses(ids.orgA)).size).toBe(1);
    expect(await statuses(ids.orgB)).toEqual(Array(3).fill('new'));
  });
});
