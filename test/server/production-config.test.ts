import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { asInetAddress } from '../../server/http/client-address.js';
import { adminAgent, adminApi, createAdminFixture, type AdminFixture } from '../support/admin-fixture.js';
import { PARTNER_ORIGIN, createIntakeFixture, expectProblem, validLead, type IntakeFixture } from '../support/intake-fixture.js';

/**
 * Production behind (or without) a proxy: which client address the intake
 * believes and records, what it does with a forwarded address that is not
 * one, and when the admin session cookie is Secure.
 */

let f: IntakeFixture;
let admin: AdminFixture;
beforeAll(async () => {
  // One after the other, admin last: the models are bound to the database of the latest fixture, and the admin uses them.
  f = await createIntakeFixture('production_config');
  // `auto`: Secure exactly when the request came over HTTPS, which a trusted proxy says with X-Forwarded-Proto.
  admin = await createAdminFixture('production_cookie', { COOKIE_SECURE: 'auto', TRUST_PROXY_HOPS: '1' });
});
afterAll(async () => { await Promise.all([f?.close(), admin?.close()]); });

const PRODUCTION = { NODE_ENV: 'production', SESSION_SECRET: randomBytes(48).toString('base64') };
const production = (hops: number, env: Record<string, string> = {}) => f.makeApp({ ...PRODUCTION, TRUST_PROXY_HOPS: String(hops), ...env });

const postFromPage = (app: Express, forwardedFor?: string) => {
  const req = request(app).post('/api/v1/leads').set({ 'Content-Type': 'application/json', 'X-Lead-Key': f.keys.pkA, Origin: PARTNER_ORIGIN });
  if (forwardedFor !== undefined) req.set('X-Forwarded-For', forwardedFor);
  return req.send(validLead());
};

/** The addresses a stored submission and its consent record hold. */
async function storedAddresses(reference: string): Promise<{ submission: string | null; consent: string | null }> {
  const { rows } = await f.client.query(`
    SELECT host(s.ip_address) AS submission, host(c.ip_address) AS consent
      FROM lead_submissions s JOIN consents c ON c.submission_id = s.id WHERE s.reference = $1`, [reference]);
  return rows[0];
}

/** The socket's address on loopback, as PostgreSQL prints it. */
const LOOPBACK = /^(::ffff:)?127\.0\.0\.1$/;

async function expectStored(res: request.Response, address: RegExp | string): Promise<void> {
  expect(res.status).toBe(201);
  const stored = await storedAddresses(res.body.reference);
  expect(stored.submission).toMatch(address);
  expect(stored.consent).toBe(stored.submission);
}

describe('TRUST_PROXY_HOPS in production', () => {
  it('0: ignores X-Forwarded-For and records the address that connected', async () => {
    await expectStored(await postFromPage(production(0), '203.0.113.7'), LOOPBACK);
  });

  it('1: records the address the proxy appended (the rightmost)', async () => {
    await expectStored(await postFromPage(production(1), '198.51.100.1, 203.0.113.7'), '203.0.113.7');
  });

  it('2: records the address the outer proxy appended (second from the right)', async () => {
    await expectStored(await postFromPage(production(2), '192.0.2.9, 198.51.100.1, 203.0.113.7'), '198.51.100.1');
  });

  it('counts the per-IP budget by the believed address: forged X-Forwarded-For does not buy a fresh budget at 0, a proxy\'s does at 1', async () => {
    const WINDOW = 3600;
    if (WINDOW - ((Date.now() / 1000) % WINDOW) < 10) await new Promise((resolve) => setTimeout(resolve, 11_000)); // not across a window's end
    await f.client.query('DELETE FROM rate_limit_counters'); // earlier tests spent the loopback address's budget
    const limits = { RATE_LIMIT_IP_PER_WINDOW: '2', RATE_LIMIT_WINDOW_SECONDS: String(WINDOW) };

    const direct = production(0, limits);
    expect((await postFromPage(direct, '203.0.113.1')).status).toBe(201);
    expect((await postFromPage(direct, '203.0.113.2')).status).toBe(201);
    expectProblem(await postFromPage(direct, '203.0.113.3'), 429, 'rate_limited');

    const proxied = production(1, limits);
    for (const visitor of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) expect((await postFromPage(proxied, visitor)).status).toBe(201);
    expect((await postFromPage(proxied, '198.51.100.1')).status).toBe(201);
    expectProblem(await postFromPage(proxied, '198.51.100.1'), 429, 'rate_limited');
  });
});

describe('a forwarded client address that is not an IP address', () => {
  it.each([
    ['a word', 'garbage'],
    ['a word after an address', '1.2.3.4, nonsense'],
    ['a bracket left open', '[::1'],
    ['an address with a port', '203.0.113.7:8080'],
    ['an address in brackets', '[2001:db8::1]'],
    ['8,000 characters', 'x'.repeat(8000)],
  ])('(%s) is treated as absent: 201, and the socket\'s address is recorded', async (_name, forwardedFor) => {
    await expectStored(await postFromPage(production(1), forwardedFor), LOOPBACK);
  });

  it('keeps an IPv6 address and drops its zone, which means nothing in a record', async () => {
    await expectStored(await postFromPage(production(1), 'fe80::1%eth0'), 'fe80::1');
  });

  it('asInetAddress passes IP addresses through and refuses anything else', () => {
    expect(asInetAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(asInetAddress('::ffff:127.0.0.1')).toBe('::ffff:127.0.0.1');
    expect(asInetAddress('fe80::1%eth0')).toBe('fe80::1');
    for (const text of [undefined, '', 'garbage', '01.2.3.4', ' 1.2.3.4', '1.2.3.4:80', '[::1]']) expect(asInetAddress(text)).toBeNull();
  });
});

describe('the admin session cookie (COOKIE_SECURE=auto behind one trusted proxy)', () => {
  const signIn = (forwardedProto?: string) => {
    const agent = adminAgent(admin.app);
    const req = agent.post('/admin/login').field('email', 'staff-a@test.co').field('password', 'correct-horse-battery');
    return { agent, res: forwardedProto ? req.set('X-Forwarded-Proto', forwardedProto) : req };
  };
  const sessionCookie = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('leadharbor_admin='));

  it('is Secure when the proxy says the request came over HTTPS', async () => {
    const { res } = signIn('https');
    const answer = await res;
    expect(answer.status).toBe(302); // signed in
    const cookie = sessionCookie(answer);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
  });

  it('is not Secure over plain HTTP, and the sign-in works', async () => {
    const { agent, res } = signIn();
    const answer = await res;
    expect(answer.status).toBe(302);
    const cookie = sessionCookie(answer);
    expect(cookie).toBeDefined();
    expect(cookie).not.toMatch(/; Secure/i);
    expect((await agent.get(adminApi('leads', 'actions/list'))).status).toBe(200);
  });
});
