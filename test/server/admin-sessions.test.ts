import request from 'supertest';
import { QueryTypes } from 'sequelize';
import { User, UserRole } from '../../models/index.js';
import { endAllSessions } from '../../server/admin/accounts/end-sessions.js';
import { forcePasswordReset } from '../../server/admin/accounts/password-reset.js';
import { sessionExpiry, sessionLifetimes, TOUCH_INTERVAL_MS } from '../../server/admin/sessions/session-policy.js';
import { loadConfig } from '../../server/config.js';
import { adminApi as api, createAdminFixture, PASSWORD, type AdminFixture } from '../support/admin-fixture.js';

let fixture: AdminFixture;
let ids: AdminFixture['ids'];
let hashed: string;
beforeAll(async () => {
  fixture = await createAdminFixture('sessions');
  ids = fixture.ids;
  hashed = (await User.scope('withPassword').findOne({ where: { email: 'staff-a@test.co' } }))!.hashed_password;
});
afterAll(async () => { await fixture?.close(); });

let counter = 0;
/** A staff member of organization A of this test's own (the fixture's users are shared by every test). */
async function newStaff(role?: 'admin' | 'manager'): Promise<{ id: number; email: string }> {
  counter += 1;
  const user = await User.create({ email: `sessions-${counter}@test.co`, hashed_password: hashed, first_name: 'Sam', last_name: `Staff${counter}`, organization_id: ids.orgA } as never);
  if (role) await UserRole.create({ user_id: user.id, role });
  return { id: user.id, email: user.email };
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

const sessionCookie = (res: request.Response): string | undefined =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('leadharbor_admin='))?.split(';')[0];
/** The session id inside a signed `leadharbor_admin=s:<sid>.<signature>` cookie. */
const sidOf = (cookie: string) => decodeURIComponent(cookie.slice('leadharbor_admin='.length)).replace(/^s:/, '').replace(/\.[^.]*$/, '');

async function sessionsOf(userId: number): Promise<{ sid: string; sess: Record<string, unknown> }[]> {
  return fixture.sequelize.query(`SELECT sid, sess FROM admin_sessions WHERE sess->'adminUser'->>'id' = $1`, { bind: [String(userId)], type: QueryTypes.SELECT });
}
/** Sets a timestamp stored in every session of a user, as if time had passed. */
async function setStored(userId: number, field: 'signedInAt' | 'lastSeenAt', value: number): Promise<void> {
  await fixture.sequelize.query(
    `UPDATE admin_sessions SET sess = jsonb_set(sess::jsonb, ARRAY[$1::text], to_jsonb($2::bigint))::json WHERE sess->'adminUser'->>'id' = $3`,
    { bind: [field, value, String(userId)] },
  );
}
const leadsList = (agent: request.Agent) => agent.get(api('leads', 'actions/list'));
const signedIn = async (agent: request.Agent) => (await leadsList(agent)).status === 200;

describe('sign-in starts a new session (no fixation)', () => {
  it('a session cookie planted before sign-in is worthless after it: the sign-in answers with a new id and the old one is gone', async () => {
    const attacker = await fixture.login('agent-a@test.co');
    const planted = sessionCookie(attacker.res)!;
    expect(planted).toBeDefined();
    const res = await request(fixture.app).post('/admin/login').set('Sec-Fetch-Site', 'same-origin').set('Cookie', planted).field('email', 'super@test.co').field('password', PASSWORD);
    expect(res.status).toBe(302);
    const fresh = sessionCookie(res)!;
    expect(fresh).toBeDefined();
    expect(sidOf(fresh)).not.toBe(sidOf(planted));
    const rows = await fixture.sequelize.query('SELECT 1 FROM admin_sessions WHERE sid = $1', { bind: [sidOf(planted)], type: QueryTypes.SELECT });
    expect(rows).toEqual([]);
    expect((await request(fixture.app).get(api('leads', 'actions/list')).set('Sec-Fetch-Site', 'same-origin').set('Cookie', planted)).status).toBe(302);
    expect((await request(fixture.app).get(api('users', 'actions/list')).set('Sec-Fetch-Site', 'same-origin').set('Cookie', fresh)).status).toBe(200); // the superuser's
  });

  it('a forged cookie gets a new session id at sign-in, and on its own opens nothing', async () => {
    const forged = 'leadharbor_admin=s%3Aattacker-chosen-id.forged';
    expect((await request(fixture.app).get(api('leads', 'actions/list')).set('Sec-Fetch-Site', 'same-origin').set('Cookie', forged)).status).toBe(302);
    const res = await request(fixture.app).post('/admin/login').set('Sec-Fetch-Site', 'same-origin').set('Cookie', forged).field('email', 'staff-a@test.co').field('password', PASSWORD);
    expect(res.status).toBe(302);
    expect(sidOf(sessionCookie(res)!)).not.toBe('attacker-chosen-id');
  });

  it('the cookie lives as long as the absolute lifetime, HttpOnly and SameSite=Lax', async () => {
    const { res } = await fixture.login('staff-a@test.co');
    const header = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('leadharbor_admin='))!;
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    const expires = Date.parse(/Expires=([^;]+)/i.exec(header)![1]!);
    expect(Math.abs(expires - (Date.now() + 12 * HOUR))).toBeLessThan(MINUTE);
  });
});

describe('each request re-reads the user', () => {
  it('deactivation ends the session on the next request, and a reactivated user signs in again', async () => {
    const user = await newStaff();
    const { agent } = await fixture.login(user.email);
    expect(await signedIn(agent)).toBe(true);
    await User.update({ is_active: false }, { where: { id: user.id } });
    const res = await leadsList(agent);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/admin/login');
    expect(await sessionsOf(user.id)).toEqual([]); // destroyed, not only refused
    await User.update({ is_active: true }, { where: { id: user.id } });
    expect(await signedIn(agent)).toBe(false); // the ended session stays ended
    expect(await signedIn((await fixture.login(user.email)).agent)).toBe(true);
  });

  it('a deleted user is signed out on the next request', async () => {
    const user = await newStaff();
    const { agent } = await fixture.login(user.email);
    expect(await signedIn(agent)).toBe(true);
    await User.destroy({ where: { id: user.id } });
    expect((await leadsList(agent)).status).toBe(302);
  });

  it('a role change counts from the next request: agent to manager opens the CSV export, back to agent closes it', async () => {
    const user = await newStaff();
    const { agent } = await fixture.login(user.email);
    expect((await agent.get('/admin/export/leads.csv')).status).toBe(403);
    await UserRole.create({ user_id: user.id, role: 'manager' });
    expect((await agent.get('/admin/export/leads.csv')).status).toBe(200);
    expect((await sessionsOf(user.id))[0]!.sess).toMatchObject({ adminUser: { role: 'manager' } });
    await UserRole.destroy({ where: { user_id: user.id } });
    expect((await agent.get('/admin/export/leads.csv')).status).toBe(403);
  });

  it('a move to another organization counts from the next request: the lead list shows the new organization only', async () => {
    const user = await newStaff();
    const { agent } = await fixture.login(user.email);
    const leadIds = async () => (await leadsList(agent)).body.records.map((r: { id: string }) => Number(r.id));
    expect(await leadIds()).toEqual([ids.leadA]);
    await User.update({ organization_id: ids.orgB }, { where: { id: user.id } });
    expect(await leadIds()).toEqual([ids.leadB]);
    expect((await agent.get(api('leads', `records/${ids.leadA}/show`))).body.notice?.type).toBe('error');
  });

  it('a superuser whose flag is withdrawn loses superuser reach on the next request', async () => {
    const user = await newStaff();
    await User.update({ is_superuser: true, organization_id: null }, { where: { id: user.id } });
    const { agent } = await fixture.login(user.email);
    expect((await leadsList(agent)).body.records).toHaveLength(2);
    await User.update({ is_superuser: false, organization_id: ids.orgA }, { where: { id: user.id } });
    expect((await leadsList(agent)).body.records.map((r: { id: string }) => Number(r.id))).toEqual([ids.leadA]);
  });
});

describe('idle and absolute lifetimes', () => {
  it('a session idle for the idle lifetime (2 h) is ended; one idle for a little less goes on and is marked seen', async () => {
    const idle = await newStaff();
    const busy = await newStaff();
    const a = (await fixture.login(idle.email)).agent;
    const b = (await fixture.login(busy.email)).agent;
    await setStored(idle.id, 'lastSeenAt', Date.now() - 2 * HOUR - 1000);
    const almost = Date.now() - 2 * HOUR + MINUTE;
    await setStored(busy.id, 'lastSeenAt', almost);
    expect((await leadsList(a)).status).toBe(302);
    expect(await sessionsOf(idle.id)).toEqual([]);
    expect((await leadsList(b)).status).toBe(200);
    const seen = Number((await sessionsOf(busy.id))[0]!.sess.lastSeenAt);
    expect(seen).toBeGreaterThan(Date.now() - MINUTE); // moved to now: the idle lifetime starts again
  });

  it('a session past its absolute lifetime (12 h since sign-in) is ended however recently it was used; a younger one goes on', async () => {
    const old = await newStaff();
    const young = await newStaff();
    const a = (await fixture.login(old.email)).agent;
    const b = (await fixture.login(young.email)).agent;
    await setStored(old.id, 'signedInAt', Date.now() - 12 * HOUR - 1000);
    await setStored(young.id, 'signedInAt', Date.now() - 12 * HOUR + MINUTE);
    expect(await signedIn(b)).toBe(true);
    expect((await leadsList(a)).status).toBe(302);
    expect(await sessionsOf(old.id)).toEqual([]);
  });

  it('a session without sign-in timestamps (made before they existed, or forged into the store) is ended', async () => {
    const user = await newStaff();
    const { agent } = await fixture.login(user.email);
    await fixture.sequelize.query(`UPDATE admin_sessions SET sess = (sess::jsonb - 'signedInAt')::json WHERE sess->'adminUser'->>'id' = $1`, { bind: [String(user.id)] });
    expect((await leadsList(agent)).status).toBe(302);
  });

  it('the lifetimes come from ADMIN_SESSION_IDLE_MINUTES and ADMIN_SESSION_ABSOLUTE_HOURS', () => {
    const now = Date.now();
    const lifetimes = sessionLifetimes(loadConfig({ ADMIN_SESSION_IDLE_MINUTES: '5', ADMIN_SESSION_ABSOLUTE_HOURS: '1' }));
    expect(lifetimes).toEqual({ idleMs: 5 * MINUTE, absoluteMs: HOUR });
    expect(sessionExpiry({ signedInAt: now - 10 * MINUTE, lastSeenAt: now - 4 * MINUTE }, lifetimes, now)).toBeNull();
    expect(sessionExpiry({ signedInAt: now - 10 * MINUTE, lastSeenAt: now - 5 * MINUTE }, lifetimes, now)).toBe('idle');
    expect(sessionExpiry({ signedInAt: now - HOUR, lastSeenAt: now }, lifetimes, now)).toBe('absolute');
    expect(sessionExpiry({ signedInAt: now + 2 * TOUCH_INTERVAL_MS, lastSeenAt: now }, lifetimes, now)).toBe('absolute'); // from the future: forged
    expect(sessionExpiry({ signedInAt: String(now), lastSeenAt: now }, lifetimes, now)).toBe('absolute');
    expect(sessionLifetimes(loadConfig({}))).toEqual({ idleMs: 120 * MINUTE, absoluteMs: 12 * HOUR });
  });
});

describe('sign-out and forced reset end every session of the user', () => {
  it('GET /admin/logout ends the sessions on every device, clears the cookie and goes to the login page; other users stay signed in', async () => {
    const user = await newStaff();
    const laptop = (await fixture.login(user.email)).agent;
    const phone = (await fixture.login(user.email)).agent;
    const colleague = (await fixture.login('staff-a@test.co')).agent;
    expect(await sessionsOf(user.id)).toHaveLength(2);
    const res = await laptop.get('/admin/logout');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/admin/login');
    expect(String(res.headers['set-cookie'])).toMatch(/leadharbor_admin=;.*Expires=Thu, 01 Jan 1970/);
    expect(await signedIn(laptop)).toBe(false);
    expect(await signedIn(phone)).toBe(false);
    expect(await sessionsOf(user.id)).toEqual([]);
    expect(await signedIn(colleague)).toBe(true);
    expect(await signedIn((await fixture.login(user.email)).agent)).toBe(true); // and may sign in again
  });

  it('POST /admin/logout does the same', async () => {
    const user = await newStaff();
    const laptop = (await fixture.login(user.email)).agent;
    const phone = (await fixture.login(user.email)).agent;
    const res = await laptop.post('/admin/logout');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/admin/login');
    expect(await signedIn(phone)).toBe(false);
  });

  it('logging out without a session just goes to the login page', async () => {
    const res = await request(fixture.app).get('/admin/logout').set('Sec-Fetch-Site', 'same-origin');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/admin/login');
  });

  it('a forced password reset ends the user\'s sessions on every device, and only theirs', async () => {
    const user = await newStaff();
    const a = (await fixture.login(user.email)).agent;
    const b = (await fixture.login(user.email)).agent;
    const colleague = (await fixture.login('staff-a@test.co')).agent;
    await forcePasswordReset(fixture.sequelize, user.id, ids.staffA);
    expect(await signedIn(a)).toBe(false);
    expect(await signedIn(b)).toBe(false);
    expect(await signedIn(colleague)).toBe(true);
  });

  it('a session written back after its user was signed out everywhere (a request in flight) is refused', async () => {
    const user = await newStaff();
    const { agent } = await fixture.login(user.email);
    const [row] = await fixture.sequelize.query<{ sid: string; sess: string; expire: Date }>(
      `SELECT sid, sess::text AS sess, expire FROM admin_sessions WHERE sess->'adminUser'->>'id' = $1`, { bind: [String(user.id)], type: QueryTypes.SELECT },
    );
    expect(await endAllSessions(fixture.sequelize, user.id)).toBe(1);
    await fixture.sequelize.query('INSERT INTO admin_sessions (sid, sess, expire) VALUES ($1, $2::json, $3)', { bind: [row!.sid, row!.sess, row!.expire] });
    expect(await signedIn(agent)).toBe(false);
    expect(await signedIn((await fixture.login(user.email)).agent)).toBe(true); // a new sign-in carries the new generation
  });

  it('ending a user\'s sessions uses the index on the session\'s user id, not a scan', async () => {
    const plan = await fixture.sequelize.transaction(async (transaction) => {
      await fixture.sequelize.query('SET LOCAL enable_seqscan = off', { transaction }); // a tiny table would be scanned anyway
      return fixture.sequelize.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN DELETE FROM admin_sessions WHERE sess->'adminUser'->>'id' = '1'`, { type: QueryTypes.SELECT, transaction },
      );
    });
    expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toContain('ix_admin_sessions_user_id');
  });
});
