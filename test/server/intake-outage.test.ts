import pg from 'pg';
import request from 'supertest';
import { CORS_CACHE_SECONDS } from '../../server/intake/cors.js';
import { PARTNER_ORIGIN, createIntakeFixture, expectProblem, validLead, type IntakeFixture } from '../support/intake-fixture.js';
import { serverUrl } from '../support/test-database.js';

/**
 * A real database outage, never a mock: the app's database stops accepting
 * connections and every connection its pool holds is terminated. A page on an
 * origin the app had already checked must still get through the preflight and
 * be able to read the 503 and its Retry-After; anything the app had not
 * checked stays closed.
 */
let f: IntakeFixture;
let admin: pg.Client;
beforeAll(async () => {
  f = await createIntakeFixture('intake_outage');
  const url = new URL(serverUrl());
  url.pathname = '/postgres';
  admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
});
afterAll(async () => {
  await admin?.query(`ALTER DATABASE ${f.db.name} ALLOW_CONNECTIONS true`).catch(() => undefined);
  await admin?.end();
  await f?.close();
});

const LEADS = '/api/v1/leads';
const WIDGET = '/api/v1/widget-config';
const OTHER_ALLOWED_ORIGIN = 'https://quote.partner.example';
const preflight = (path: string, origin: string) => request(f.app).options(path)
  .set({ Origin: origin, 'Access-Control-Request-Method': path === LEADS ? 'POST' : 'GET', 'Access-Control-Request-Headers': 'content-type,x-lead-key,idempotency-key' });
const postFrom = (origin: string, key = f.keys.pkA) => request(f.app).post(LEADS)
  .set({ 'Content-Type': 'application/json', 'X-Lead-Key': key, Origin: origin }).send(JSON.stringify(validLead()));

/** Stops the database for the app: no new connection, and the pool's connections killed (the fixture's own client is spared). */
async function outage(): Promise<void> {
  await admin.query(`ALTER DATABASE ${f.db.name} ALLOW_CONNECTIONS false`);
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> $2',
    [f.db.name, (f.client as unknown as { processID: number }).processID]);
}
const recover = () => admin.query(`ALTER DATABASE ${f.db.name} ALLOW_CONNECTIONS true`);

describe('during a database outage', () => {
  it('still answers the preflight of an origin checked before, and lets that page read the 503 and its Retry-After; an origin never checked gets neither', async () => {
    // Before: the page loads its settings, preflights and submits, all against a live database.
    expect((await request(f.app).get(`${WIDGET}?key=${f.keys.pkA}`).set('Origin', PARTNER_ORIGIN)).status).toBe(200);
    for (const path of [LEADS, WIDGET]) expect((await preflight(path, PARTNER_ORIGIN)).status).toBe(204);
    expect((await postFrom(PARTNER_ORIGIN)).status).toBe(201);

    // Past the cache's freshness, so what answers below is the stale-if-error path, not a fresh hit.
    await new Promise((resolve) => setTimeout(resolve, CORS_CACHE_SECONDS * 1000 + 300));
    await outage();
    try {
      for (const path of [LEADS, WIDGET]) {
        const res = await preflight(path, PARTNER_ORIGIN);
        expect([path, res.status]).toEqual([path, 204]);
        expect(res.headers['access-control-allow-origin']).toBe(PARTNER_ORIGIN);
        expect(res.headers['access-control-allow-headers']).toMatch(/X-Lead-Key/);
      }

      const failed = await postFrom(PARTNER_ORIGIN);
      expectProblem(failed, 503, 'database_unavailable');
      expect(failed.headers['retry-after']).toBe('5');
      expect(failed.headers['access-control-allow-origin']).toBe(PARTNER_ORIGIN);
      expect(failed.headers['access-control-expose-headers']).toMatch(/(^|, )Retry-After(,|$)/);
      // The widget's first request: its 503 is readable by any page, Retry-After included.
      const config = await request(f.app).get(`${WIDGET}?key=${f.keys.pkA}`).set('Origin', PARTNER_ORIGIN);
      expectProblem(config, 503, 'database_unavailable');
      expect(config.headers['retry-after']).toBe('5');
      expect(config.headers['access-control-allow-origin']).toBe('*');
      expect(config.headers['access-control-expose-headers']).toMatch(/(^|, )Retry-After(,|$)/);

      // Allowed by the site key, but never checked by this app: its preflight cannot be answered, nor its 503 read.
      const unchecked = await preflight(LEADS, OTHER_ALLOWED_ORIGIN);
      expectProblem(unchecked, 503, 'database_unavailable');
      expect(unchecked.headers['access-control-allow-origin']).toBeUndefined();
      const uncheckedPost = await postFrom(OTHER_ALLOWED_ORIGIN);
      expectProblem(uncheckedPost, 503, 'database_unavailable');
      expect(uncheckedPost.headers['access-control-allow-origin']).toBeUndefined();
      // The checked origin with another organization's key: that pair was never allowed.
      const otherKey = await postFrom(PARTNER_ORIGIN, f.keys.pkB);
      expectProblem(otherKey, 503, 'database_unavailable');
      expect(otherKey.headers['access-control-allow-origin']).toBeUndefined();
      // A stranger's origin: still refused outright or unanswerable, never allowed.
      const stranger = await preflight(LEADS, 'https://stranger.example');
      expect(stranger.status).toBe(503);
      expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await recover();
    }

    // After: the same page submits again.
    const after = await postFrom(PARTNER_ORIGIN);
    expect(after.status).toBe(201);
    expect(after.headers['access-control-allow-origin']).toBe(PARTNER_ORIGIN);
  }, 40_000);
});

describe('429', () => {
  it('lets the page read the 429 and its Retry-After when its origin is allowed; another origin gets no CORS header', async () => {
    const limited = f.makeApp({ RATE_LIMIT_IP_PER_WINDOW: '1' });
    const send = (origin: string) => request(limited).post(LEADS).set({ 'Content-Type': 'application/json', 'X-Lead-Key': f.keys.pkA, Origin: origin })
      .send(JSON.stringify(validLead()));
    await send(PARTNER_ORIGIN); // a 201, or already a 429: the address's budget is shared with the test above
    const refused = await send(PARTNER_ORIGIN);
    expectProblem(refused, 429, 'rate_limited');
    expect(refused.headers['retry-after']).toMatch(/^[1-9][0-9]*$/);
    expect(refused.headers['access-control-allow-origin']).toBe(PARTNER_ORIGIN);
    expect(refused.headers['access-control-expose-headers']).toMatch(/(^|, )Retry-After(,|$)/);
    const elsewhere = await send('https://stranger.example');
    expect(elsewhere.status).toBe(429);
    expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();
  });
});
