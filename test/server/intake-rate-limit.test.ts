import request from 'supertest';
import { loadConfig } from '../../server/config.js';
import { sweepIntakeBookkeeping } from '../../server/intake/maintenance.js';
import { PARTNER_ORIGIN, createIntakeFixture, expectProblem, validLead, type IntakeFixture } from '../support/intake-fixture.js';

let f: IntakeFixture;
beforeAll(async () => { f = await createIntakeFixture('intake_rate_limit'); });
afterAll(async () => { await f?.close(); });

const WINDOW_SECONDS = 60;

/** Budgets are fixed windows: start a test early in one, so it cannot straddle a reset. */
async function awaitFreshWindow(): Promise<void> {
  const into = (Date.now() / 1000) % WINDOW_SECONDS;
  if (into > WINDOW_SECONDS - 15) await new Promise((resolve) => setTimeout(resolve, (WINDOW_SECONDS - into + 0.5) * 1000));
}

const post = (app: ReturnType<IntakeFixture['makeApp']>, key: string, body = validLead()) =>
  request(app).post('/api/v1/leads').set({ 'Content-Type': 'application/json', Authorization: `Bearer ${key}` }).send(body);
const postFromPage = (app: ReturnType<IntakeFixture['makeApp']>, key: string, origin: string) =>
  request(app).post('/api/v1/leads').set({ 'Content-Type': 'application/json', 'X-Lead-Key': key, Origin: origin }).send(validLead());

describe('rate limits kept in PostgreSQL', () => {
  it('two app instances on one database share the per-IP budget of pages; the next request gets 429 with Retry-After and writes no lead', async () => {
    await awaitFreshWindow();
    const env = { RATE_LIMIT_IP_PER_WINDOW: '5', RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS) };
    const [one, two] = [f.makeApp(env), f.makeApp(env)];
    const statuses: number[] = [];
    for (const app of [one, two, one, two, one]) statuses.push((await postFromPage(app, f.keys.pkA, PARTNER_ORIGIN)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201]);
    const leads = await f.count('leads');
    const refused = await postFromPage(two, f.keys.pkA, PARTNER_ORIGIN);
    expectProblem(refused, 429, 'rate_limited');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(refused.body.detail).toMatch(/from this address/);
    expectProblem(await postFromPage(one, f.keys.pkB, 'https://beta.example'), 429, 'rate_limited'); // the address's budget, whatever the key
    expect(await f.count('leads')).toBe(leads);
    // A partner's server posts every lead from one address: only its key's budget applies to it.
    expect((await post(one, f.keys.skA)).status).toBe(201);
  }, 30_000);

  it('share the per-key budget too, whichever address sends', async () => {
    await awaitFreshWindow();
    const env = { RATE_LIMIT_KEY_PER_WINDOW: '3', RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS) };
    const [one, two] = [f.makeApp(env), f.makeApp({ ...env, TRUST_PROXY_HOPS: '1' })];
    expect((await post(one, f.keys.skB)).status).toBe(201);
    expect((await post(two, f.keys.skB).set('X-Forwarded-For', '203.0.113.7')).status).toBe(201);
    expect((await post(one, f.keys.skB)).status).toBe(201);
    const refused = await post(two, f.keys.skB).set('X-Forwarded-For', '198.51.100.9');
    expectProblem(refused, 429, 'rate_limited');
    expect(refused.body.detail).toMatch(/with this key/);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
  }, 30_000);

  it('defaults to 20 per minute per address and 1,000 per minute per key', () => {
    expect(loadConfig({})).toMatchObject({ RATE_LIMIT_IP_PER_WINDOW: 20, RATE_LIMIT_KEY_PER_WINDOW: 1000, RATE_LIMIT_WINDOW_SECONDS: 60 });
  });
});

describe('bookkeeping sweep', () => {
  it('removes expired idempotency keys and old rate counters, and keeps current ones and every submission', async () => {
    await f.client.query(`INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES
      ('sk:1', 'old', repeat('a', 64), timezone('utc', now()) - interval '25 hours'),
      ('sk:1', 'fresh', repeat('b', 64), timezone('utc', now()) - interval '1 hour')`);
    await f.client.query(`INSERT INTO rate_limit_counters (bucket, window_start, shard, hits) VALUES
      ('ip:test', timezone('utc', now()) - interval '3 hours', 0, 5), ('ip:test', date_trunc('minute', timezone('utc', now())), 0, 5)`);
    const submissions = await f.count('lead_submissions');
    expect(await sweepIntakeBookkeeping(f.sequelize)).toEqual({ idempotencyKeys: 1, rateCounters: 1 });
    expect((await f.client.query(`SELECT key FROM idempotency_keys WHERE scope = 'sk:1' ORDER BY key`)).rows).toEqual([{ key: 'fresh' }]);
    expect(await f.count(`rate_limit_counters WHERE bucket = 'ip:test'`)).toBe(1);
    expect(await f.count('lead_submissions')).toBe(submissions);
  });
});
