import request from 'supertest';
import type { Express } from 'express';
import type { Sequelize } from 'sequelize';
import { Campaign, Lead, Organization, User, UserRole } from '../../models/index.js';
import { buildAdmin, type AdminMount } from '../../server/admin/build-admin.js';
import { createApp } from '../../server/app.js';
import { hashPassword } from '../../server/auth/password.js';
import { loadConfig } from '../../server/config.js';
import { connect, createTestDatabase, migrate, quietLogger, type TestDatabase } from './test-database.js';

export const PASSWORD = 'correct-horse-battery';

/**
 * Two organizations (A and B), a superuser, an admin of each (staff-a,
 * staff-b), a manager and an agent of A, an inactive and a spare user, one campaign of B and one lead each, on a database of its own,
 * with the app and the admin mounted. Every admin test file starts here.
 */
export interface AdminFixture {
  app: Express;
  sequelize: Sequelize;
  admin: AdminMount;
  ids: { orgA: number; orgB: number; leadA: number; leadB: number; campaignB: number; staffA: number; staffB: number };
  login(email: string, password?: string): Promise<{ agent: ReturnType<typeof request.agent>; res: request.Response }>;
  close(): Promise<void>;
}

/** `env` is added to the app's and the admin's configuration (e.g. `{ COOKIE_SECURE: 'true', TRUST_PROXY_HOPS: '1' }`). */
export async function createAdminFixture(label: string, env: Record<string, string> = {}): Promise<AdminFixture> {
  const db: TestDatabase = await createTestDatabase(label);
  await migrate(db.url);
  const sequelize = connect(db.url);
  const hash = await hashPassword(PASSWORD);
  const [a, b] = await Organization.bulkCreate([{ name: 'Alpha Agency', slug: 'alpha' }, { name: 'Beta Brokers', slug: 'beta' }] as never[]);
  const user = (email: string, extra: Partial<User> = {}) => ({ email, hashed_password: hash, first_name: 'T', last_name: 'User', ...extra });
  await User.bulkCreate([
    user('super@test.co', { is_superuser: true }),
    user('staff-a@test.co', { organization_id: a!.id }),
    user('staff-b@test.co', { organization_id: b!.id }),
    user('inactive@test.co', { organization_id: a!.id, is_active: false }),
    user('throttled@test.co', { organization_id: a!.id }),
    user('manager-a@test.co', { organization_id: a!.id }),
    user('agent-a@test.co', { organization_id: a!.id, first_name: 'Agnes', last_name: 'Agent' }),
  ] as never[]);
  // staff-a and staff-b are their organizations' admins; agent-a has no role row, which means agent.
  const byEmail = async (email: string) => (await User.findOne({ where: { email } }))!.id;
  await UserRole.bulkCreate([
    { user_id: await byEmail('staff-a@test.co'), role: 'admin' },
    { user_id: await byEmail('staff-b@test.co'), role: 'admin' },
    { user_id: await byEmail('manager-a@test.co'), role: 'manager' },
  ]);
  const campaignB = (await Campaign.create({ name: 'Beta Spring', slug: 'beta-spring', campaign_type: 'seasonal', organization_id: b!.id } as never)).id;
  const ids = {
    orgA: a!.id,
    orgB: b!.id,
    staffA: (await User.findOne({ where: { email: 'staff-a@test.co' } }))!.id,
    staffB: (await User.findOne({ where: { email: 'staff-b@test.co' } }))!.id,
    campaignB,
    leadA: (await Lead.create({ first_name: 'Ann', last_name: 'Alpha', email: 'ann@alpha.co', organization_id: a!.id } as never)).id,
    leadB: (await Lead.create({ first_name: 'Bob', last_name: 'Beta', email: 'bob@beta.co', organization_id: b!.id, campaign_id: campaignB } as never)).id,
  };
  // NODE_ENV=test: the admin neither watches nor bundles components here.
  const admin = buildAdmin({ sequelize, databaseUrl: db.url, config: loadConfig({ NODE_ENV: 'test', ...env }) });
  const app = createApp({ sequelize, logger: quietLogger, config: loadConfig(env), mountAdmin: admin.mount });
  return {
    app, sequelize, admin, ids,
    async login(email, password = PASSWORD) {
      const agent = adminAgent(app);
      const res = await agent.post('/admin/login').field('email', email).field('password', password);
      return { agent, res };
    },
    async close() {
      await admin.close();
      await sequelize.close();
      await db.drop();
    },
  };
}

/**
 * A cookie-keeping client that labels its requests as a browser labels those
 * the admin's own pages make (see server/admin/cross-site-guard.ts), so a test
 * exercises what it means to and not the cross-site guard.
 */
export const adminAgent = (app: Express) => request.agent(app).set('Sec-Fetch-Site', 'same-origin');

/** Path of an AdminJS API call on a resource. */
export const adminApi = (resource: string, path: string) => `/admin/api/resources/${resource}/${path}`;
