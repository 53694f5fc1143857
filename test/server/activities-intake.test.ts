import { createIntakeFixture, validLead, type IntakeFixture } from '../support/intake-fixture.js';

/**
 * Every intake submission stored with a lead leaves a `submission` activity
 * on it, written by the database in the intake's own transaction
 * (migrations/functions/activity-on-submission.v1.sql.ts): the new lead's
 * first, and each repeat inquiry's, with the product it asked for.
 */
let f: IntakeFixture;
beforeAll(async () => { f = await createIntakeFixture('activities_intake'); });
afterAll(async () => { await f?.close(); });

const activities = async (leadId: number) => (await f.client.query(
  `SELECT type, organization_id, user_id, occurred_at, summary, metadata FROM activities WHERE lead_id = $1 ORDER BY id`, [leadId])).rows;
const submission = async (reference: string) => (await f.client.query(
  `SELECT id, created_at, insurance_product_id FROM lead_submissions WHERE reference = $1`, [reference])).rows[0];
const productId = async (type: string) => (await f.client.query(`SELECT id FROM insurance_products WHERE product_type = $1`, [type])).rows[0].id;

describe('intake submissions on the lead\'s activities', () => {
  it('a new lead and a duplicate each write one submission activity, with the product asked', async () => {
    const body = validLead({ product: 'auto' });
    const first = await f.postAsServer(body);
    expect(first.status).toBe(201);
    const again = await f.postAsServer({ ...body, product: 'home' });
    expect(again.body).toMatchObject({ duplicate: true, lead_id: first.body.lead_id });

    const [created, repeat] = [await submission(first.body.reference), await submission(again.body.reference)];
    const written = await activities(first.body.lead_id);
    expect(written).toEqual([
      {
        type: 'submission', organization_id: f.ids.orgA, user_id: null, occurred_at: created.created_at,
        summary: 'Came in through the intake for Auto Insurance',
        metadata: { submission_id: Number(created.id), reference: first.body.reference, outcome: 'created', insurance_product_id: await productId('auto'), product: 'Auto Insurance' },
      },
      {
        type: 'submission', organization_id: f.ids.orgA, user_id: null, occurred_at: repeat.created_at,
        summary: 'Asked again through the intake for Home Insurance',
        metadata: { submission_id: Number(repeat.id), reference: again.body.reference, outcome: 'duplicate', insurance_product_id: await productId('home'), product: 'Home Insurance' },
      },
    ]);
  });

  it('a submission caught as a bot, which stores no lead, writes no activity', async () => {
    const before = await f.count('activities');
    const res = await f.postAsPage(validLead({ website: 'http://spam.example' }));
    expect(res.status).toBeLessThan(300);
    expect(await f.count('activities')).toBe(before);
  });

  it('an intake submission does not count as contact: the lead\'s last contact date stays empty', async () => {
    const res = await f.postAsServer(validLead());
    expect((await f.client.query('SELECT last_contact_date FROM leads WHERE id = $1', [res.body.lead_id])).rows[0].last_contact_date).toBeNull();
  });

  it('a submission refused as a whole (an unknown product) writes neither a lead nor an activity', async () => {
    const before = await f.count('activities');
    const res = await f.postAsServer(validLead({ product: 'spaceship' }));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await f.count('activities')).toBe(before);
  });
});
