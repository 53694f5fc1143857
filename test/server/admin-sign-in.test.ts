import request from 'supertest';
import { QueryTypes } from 'sequelize';
import { FIELDS_MISSING, THROTTLED_MESSAGES } from '../../server/admin/sessions/sign-in.js';
import { ADDRESS_LIMIT, EMAIL_LIMIT } from '../../server/admin/sessions/sign-in-throttle.js';
import { BusyError, createConcurrencyLimit } from '../../server/auth/concurrency-limit.js';
import { adminApi as api, createAdminFixture, PASSWORD, type AdminFixture } from '../support/admin-fixture.js';

/** Behind one trusted proxy: each test signs in from addresses of its own (X-Forwarded-For), so counters do not mix. */
let fixture: AdminFixture;
beforeAll(async () => { fixture = await createAdminFixture('sign_in', { TRUST_PROXY_HOPS: '1' }); });
afterAll(async () => { await fixture?.close(); });

let next = 0;
/** A fresh documentation address (198.51.100.0/24, then 203.0.113.0/24). */
const newAddress = () => { next += 1; return next < 250 ? `198.51.100.${next}` : `203.0.113.${next - 249}`; };

const signIn = (email: string, password: string, address: string) =>
  request(fixture.app).post('/admin/login').set('Sec-Fetch-Site', 'same-origin').set('X-Forwarded-For', address).type('form').send({ email, password });

async function attemptsOf(scope: string, key: string): Promise<number | undefined> {
  const [row] = await fixture.sequelize.query<{ attempts: number }>('SELECT attempts FROM sign_in_attempts WHERE scope = $1 AND key = $2', { bind: [scope, key], type: QueryTypes.SELECT });
  return row?.attempts;
}
const statuses = (responses: request.Response[]) => responses.map((r) => r.status).sort();

describe('per-email throttle, counted before the password check', () => {
  it(`twenty parallel wrong guesses for one email get ${EMAIL_LIMIT} password checks; the other fifteen are 429 with Retry-After`, async () => {
    const address = newAddress();
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn('staff-b@test.co', `wrong-${i}`, address)));
    expect(statuses(responses).filter((s) => s === 401)).toHaveLength(EMAIL_LIMIT); // a 401 is only given after a password check
    expect(statuses(responses).filter((s) => s === 429)).toHaveLength(20 - EMAIL_LIMIT);
    for (const res of responses.filter((r) => r.status === 429)) {
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(14 * 60);
      expect(res.text).toContain(THROTTLED_MESSAGES.email);
    }
    // Locked: the right password from another address is refused too, without a check…
    const right = await signIn('staff-b@test.co', PASSWORD, newAddress());
    expect(right.status).toBe(429);
    expect(right.text).toContain(THROTTLED_MESSAGES.email);
    expect(right.headers['set-cookie']).toBeUndefined();
    // …and spelling the email differently is the same email.
    for (const variant of ['STAFF-B@test.co', '  staff-b@TEST.co ']) expect((await signIn(variant, PASSWORD, newAddress())).status).toBe(429);
    // Another staff member from the same fresh address signs in as usual.
    expect((await signIn('super@test.co', PASSWORD, newAddress())).status).toBe(302);
  });

  it('a successful sign-in clears the email\'s counter: failures before it do not add up with failures after it', async () => {
    const address = newAddress();
    for (let i = 0; i < EMAIL_LIMIT - 1; i += 1) expect((await signIn('manager-a@test.co', 'wrong', address)).status).toBe(401);
    expect((await signIn('manager-a@test.co', PASSWORD, address)).status).toBe(302);
    expect(await attemptsOf('email', 'manager-a@test.co')).toBeUndefined();
    for (let i = 0; i < EMAIL_LIMIT - 1; i += 1) expect((await signIn('manager-a@test.co', 'wrong', address)).status).toBe(401);
    const res = await signIn('manager-a@test.co', PASSWORD, address);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/admin');
  });

  it('an unknown email is counted like a known one (no oracle), and locked after as many failures', async () => {
    const address = newAddress();
    for (let i = 0; i < EMAIL_LIMIT; i += 1) expect((await signIn('nobody@test.co', 'guess', address)).status).toBe(401);
    expect((await signIn('nobody@test.co', 'guess', address)).status).toBe(429);
  });
});

describe('per-address throttle, over every email', () => {
  it(`${ADDRESS_LIMIT} failures from one address over different emails lock the address, even for a right password; the same user elsewhere signs in`, async () => {
    const address = newAddress();
    const responses = await Promise.all(Array.from({ length: ADDRESS_LIMIT }, (_, i) => signIn(`spray-${i}@test.co`, 'guess', address)));
    expect(statuses(responses).every((s) => s === 401)).toBe(true);
    const locked = await signIn('staff-a@test.co', PASSWORD, address);
    expect(locked.status).toBe(429);
    expect(locked.text).toContain(THROTTLED_MESSAGES.address);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(await attemptsOf('email', 'staff-a@test.co')).toBe(1); // counted, never checked
    expect((await signIn('staff-a@test.co', PASSWORD, newAddress())).status).toBe(302);
  });

  it('behind the trusted proxy only the entry the proxy added counts: a client-written X-Forwarded-For entry does not give a new budget', async () => {
    const real = newAddress();
    for (let i = 0; i < ADDRESS_LIMIT; i += 1) {
      const spoofed = `10.9.${i}.1`;
      expect((await signIn(`rotate-${i}@test.co`, 'guess', `${spoofed}, ${real}`)).status).toBe(401);
    }
    expect((await signIn('staff-a@test.co', PASSWORD, `10.99.99.99, ${real}`)).status).toBe(429);
    expect(await attemptsOf('address', real)).toBeGreaterThanOrEqual(ADDRESS_LIMIT);
  });

  it('successful sign-ins from a shared address do not use up its budget', async () => {
    const office = newAddress();
    for (let i = 0; i < ADDRESS_LIMIT + 5; i += 1) expect((await signIn('agent-a@test.co', PASSWORD, office)).status).toBe(302);
    expect(await attemptsOf('address', office)).toBe(0);
  });
});

describe('malformed sign-in bodies are a 400 (or 413/415), never a 500, and are not counted', () => {
  const post = () => request(fixture.app).post('/admin/login').set('Sec-Fetch-Site', 'same-origin').set('X-Forwarded-For', '192.0.2.200');
  const cases: [string, () => request.Test, number][] = [
    ['bad JSON', () => post().set('Content-Type', 'application/json').send('{"email": "staff-a@test.co", "password": '), 400],
    ['a JSON array', () => post().set('Content-Type', 'application/json').send('["staff-a@test.co"]'), 400],
    ['a JSON number as the password', () => post().send({ email: 'staff-a@test.co', password: 12345 }), 400],
    ['a JSON email given as a list', () => post().send({ email: ['staff-a@test.co', 'super@test.co'], password: PASSWORD }), 400],
    ['a urlencoded email given twice', () => post().type('form').send('email=staff-a%40test.co&email=super%40test.co&password=x'), 400],
    ['multipart without a boundary', () => post().set('Content-Type', 'multipart/form-data').send('--x\r\nContent-Disposition: form-data; name="email"\r\n\r\nstaff-a@test.co\r\n--x--\r\n'), 400],
    ['multipart with another boundary than its body', () => post().set('Content-Type', 'multipart/form-data; boundary=abc').send('--xyz\r\nContent-Disposition: form-data; name="email"\r\n\r\na\r\n--xyz--\r\n'), 400],
    ['truncated multipart', () => post().set('Content-Type', 'multipart/form-data; boundary=abc').send('--abc\r\nContent-Disposition: form-data; name="email"\r\n\r\nstaff-a@test.co\r\n--abc\r\nContent-Disposition: form-data; name="pass'), 400],
    ['multipart with a file', () => post().field('email', 'staff-a@test.co').attach('password', Buffer.from(PASSWORD), 'password.txt'), 415],
    ['a huge urlencoded body', () => post().type('form').send(`email=staff-a%40test.co&password=${'x'.repeat(100_000)}`), 413],
    ['a huge JSON body', () => post().send({ email: 'staff-a@test.co', password: 'x'.repeat(100_000) }), 413],
    ['a huge multipart body', () => post().field('email', 'staff-a@test.co').field('password', 'x'.repeat(100_000)), 413],
    ['plain text', () => post().set('Content-Type', 'text/plain').send('staff-a@test.co correct-horse-battery'), 415],
  ];

  it.each(cases)('%s', async (_name, make, status) => {
    const res = await make();
    expect(res.status).toBe(status);
    expect(res.text).not.toMatch(/unexpected error|stack|at .*\.js:\d+/i);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await attemptsOf('address', '192.0.2.200')).toBeUndefined();
  });

  it('an empty body is a wrong sign-in (401), not a malformed one, and checks no password', async () => {
    for (const type of ['application/json', 'application/x-www-form-urlencoded', undefined]) {
      const req = post();
      const res = await (type ? req.set('Content-Type', type) : req);
      expect(res.status).toBe(401);
    }
    expect(await attemptsOf('address', '192.0.2.200')).toBeUndefined();
  });

  it('a form with a field left empty says what is missing, not that the password is wrong', async () => {
    for (const fields of [{ email: '', password: '' }, { email: 'staff-a@test.co', password: '' }, { email: ' ', password: 'correct-horse-battery' }]) {
      const res = await post().type('form').send(fields);
      expect(res.status).toBe(401);
      expect(res.text).toContain(FIELDS_MISSING);
    }
  });

  it('the refusal is readable on the login page, and a client asking for JSON gets a problem document', async () => {
    const html = await post().set('Content-Type', 'multipart/form-data').send('garbage');
    expect(html.text).toContain('names no boundary');
    const json = await post().set('Accept', 'application/json').set('Content-Type', 'application/json').send('{');
    expect(json.status).toBe(400);
    expect(json.body).toMatchObject({ status: 400, detail: expect.stringContaining('could not be read') });
  });

  it.each([
    ['urlencoded', () => signIn('staff-a@test.co', PASSWORD, newAddress())],
    ['JSON', () => request(fixture.app).post('/admin/login').set('Sec-Fetch-Site', 'same-origin').set('X-Forwarded-For', newAddress()).send({ email: 'staff-a@test.co', password: PASSWORD })],
    ['multipart', () => request(fixture.app).post('/admin/login').set('Sec-Fetch-Site', 'same-origin').set('X-Forwarded-For', newAddress()).field('email', 'staff-a@test.co').field('password', PASSWORD)],
  ] as const)('the same sign-in well formed (%s) succeeds and opens the admin', async (_name, make) => {
    const res = await make();
    expect(res.status).toBe(302);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('leadharbor_admin='))!.split(';')[0]!;
    expect((await request(fixture.app).get(api('leads', 'actions/list')).set('Sec-Fetch-Site', 'same-origin').set('Cookie', cookie)).status).toBe(200);
  });
});

describe('stale counters', () => {
  it('prune forgets counters whose window and lock ended over an hour ago, and keeps live ones', async () => {
    const { createSignInThrottle } = await import('../../server/admin/sessions/sign-in-throttle.js');
    await fixture.sequelize.query(`INSERT INTO sign_in_attempts (scope, key, attempts, window_started_at, locked_until) VALUES
      ('email', 'stale@test.co', 3, timezone('utc', now()) - interval '2 hours', NULL),
      ('email', 'stale-lock@test.co', 9, timezone('utc', now()) - interval '3 hours', timezone('utc', now()) - interval '2 hours'),
      ('email', 'live-lock@test.co', 9, timezone('utc', now()) - interval '3 hours', timezone('utc', now()) + interval '1 minute'),
      ('email', 'live@test.co', 2, timezone('utc', now()), NULL)`);
    await createSignInThrottle(fixture.sequelize).prune();
    for (const key of ['stale@test.co', 'stale-lock@test.co']) expect(await attemptsOf('email', key)).toBeUndefined();
    expect(await attemptsOf('email', 'live-lock@test.co')).toBe(9);
    expect(await attemptsOf('email', 'live@test.co')).toBe(2);
  });

  it('a counter whose lock is over starts again at one', async () => {
    const address = newAddress();
    await fixture.sequelize.query(`INSERT INTO sign_in_attempts (scope, key, attempts, window_started_at, locked_until)
      VALUES ('email', 'staff-b-lapsed@test.co', 30, timezone('utc', now()) - interval '31 minutes', timezone('utc', now()) - interval '1 second')`);
    expect((await signIn('staff-b-lapsed@test.co', 'guess', address)).status).toBe(401);
    expect(await attemptsOf('email', 'staff-b-lapsed@test.co')).toBe(1);
  });
});

describe('password checks are bounded so a sign-in burst cannot starve other requests', () => {
  it('runs at most `concurrency` tasks at a time, queues up to `queue` in order, refuses the rest at once, and frees a slot when a task fails', async () => {
    const limit = createConcurrencyLimit({ concurrency: 2, queue: 3, retryAfterSeconds: 7 });
    const gates: (() => void)[] = [];
    const started: number[] = [];
    const task = (n: number) => () => new Promise<number>((resolve) => { started.push(n); gates.push(() => resolve(n)); });
    const runs = [1, 2, 3, 4, 5].map((n) => limit.run(task(n)));
    await Promise.resolve();
    expect(started).toEqual([1, 2]);
    expect([limit.running, limit.queued]).toEqual([2, 3]);
    const refused = limit.run(task(6));
    await expect(refused).rejects.toBeInstanceOf(BusyError);
    await expect(refused).rejects.toMatchObject({ retryAfterSeconds: 7 });
    const flush = () => new Promise((r) => setImmediate(r));
    gates[0]!();
    await flush();
    expect(started).toEqual([1, 2, 3]);
    const failing = limit.run(() => Promise.reject(new Error('boom'))).catch((error: Error) => error.message); // queued behind 4 and 5
    for (let i = 1; i < 5; i += 1) { gates[i]!(); await flush(); }
    expect(await failing).toBe('boom');
    expect(await Promise.all(runs)).toEqual([1, 2, 3, 4, 5]);
    expect([limit.running, limit.queued]).toEqual([0, 0]);
    expect(await limit.run(async () => 'free again')).toBe('free again');
  });

  it('a burst of sixty sign-ins: the overflow is a 503 with Retry-After, never a 500, the rest of the app answers meanwhile, and a sign-in afterwards works', async () => {
    const burst = Promise.all(Array.from({ length: 60 }, (_, i) => signIn(`burst-${i}@test.co`, 'guess', newAddress())));
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    const health = await request(fixture.app).get('/health');
    const ready = await request(fixture.app).get('/ready');
    const elapsed = Date.now() - started;
    const responses = await burst;
    expect(health.status).toBe(200);
    expect(ready.status).toBe(200);
    expect(elapsed).toBeLessThan(2000); // 60 checks in a row would take ~15 s
    const busy = responses.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(statuses(responses).every((s) => s === 401 || s === 503)).toBe(true);
    for (const res of busy) {
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.text).toContain('Too many sign-ins are being checked at once');
    }
    expect((await signIn('staff-a@test.co', PASSWORD, newAddress())).status).toBe(302);
  }, 60_000);
});

describe('without a trusted proxy (TRUST_PROXY_HOPS=0)', () => {
  let direct: AdminFixture;
  beforeAll(async () => { direct = await createAdminFixture('sign_in_direct'); });
  afterAll(async () => { await direct?.close(); });

  it('X-Forwarded-For is ignored: rotating it does not evade the per-address limit', async () => {
    const guess = (email: string, password: string, forwarded: string) =>
      request(direct.app).post('/admin/login').set('Sec-Fetch-Site', 'same-origin').set('X-Forwarded-For', forwarded).field('email', email).field('password', password);
    expect((await guess('staff-a@test.co', PASSWORD, '198.51.100.1')).status).toBe(302); // legitimately, before the attack
    for (let i = 0; i < ADDRESS_LIMIT; i += 1) expect((await guess(`rotate-${i}@test.co`, 'guess', `198.51.100.${i + 2}`)).status).toBe(401);
    const res = await guess('staff-a@test.co', PASSWORD, '203.0.113.99');
    expect(res.status).toBe(429);
    expect(res.text).toContain(THROTTLED_MESSAGES.address);
  });
});
