import type { Express } from 'express';
import pg from 'pg';
import type { Sequelize } from 'sequelize';
import request from 'supertest';
import { createApp } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { newPublishableKey, newSecretKey } from '../../server/auth/keys.js';
import { connect, createTestDatabase, migrate, quietLogger, type TestDatabase } from './test-database.js';
import { seedIntakeCatalog } from './intake-catalog.js';

export const PARTNER_ORIGIN = 'https://www.partner.example';
export const CONSENT_TEXT = 'I agree that Alpha Agency may call and text me about insurance, including by autodialer. Consent is not a condition of purchase.';

/**
 * An intake test's world, on a database of its own: organization Alpha with a
 * site key (allowed on PARTNER_ORIGIN and its subdomains) and a secret key,
 * organization Beta with its own keys, a product per type, a lead source per
 * type, and Alpha's campaign `spring-promo`.
 */
export interface IntakeFixture {
  db: TestDatabase;
  sequelize: Sequelize;
  client: pg.Client;
  app: Express;
  config: Config;
  keys: { pkA: string; skA: string; pkB: string; skB: string; pkInactive: string; skRevoked: string };
  ids: { orgA: number; orgB: number; campaignA: number; siteKeyA: number };
  /** Builds another app instance on the same database (for shared-budget tests). */
  makeApp(env?: Record<string, string>): Express;
  /** A POST as the widget on the partner page sends it. */
  postAsPage(body: unknown, headers?: Record<string, string>): request.Test;
  /** A POST from a partner's server with Alpha's secret key. */
  postAsServer(body: unknown, headers?: Record<string, string>): request.Test;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

/** Generous limits so only the rate-limit tests meet them. */
export const TEST_ENV = { NODE_ENV: 'test', RATE_LIMIT_IP_PER_WINDOW: '100000', RATE_LIMIT_KEY_PER_WINDOW: '100000' };

let serial = 0;

/** A valid submission with an email and phone of its own, so it never matches an earlier lead by accident. */
export function validLead(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return {
    first_name: 'Maria', last_name: 'Garcia', email: `maria.${serial}.${Math.random().toString(36).slice(2, 8)}@example.com`,
    phone: `(415) 555-${String(1000 + (serial % 9000)).padStart(4, '0')}`, date_of_birth: '1985-04-12', zip_code: '94107', state: 'CA', product: 'auto',
    consent: { granted: true, text: CONSENT_TEXT, version: 'v1' },
    ...overrides,
  };
}

export async function createIntakeFixture(label: string): Promise<IntakeFixture> {
  const db = await createTestDatabase(label);
  await migrate(db.url);
  const sequelize = connect(db.url);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const orgA = (await one(`INSERT INTO organizations (name, slug) VALUES ('Alpha Agency', 'alpha') RETURNING id`)).id;
  const orgB = (await one(`INSERT INTO organizations (name, slug) VALUES ('Beta Brokers', 'beta') RETURNING id`)).id;
  await seedIntakeCatalog(client);
  const campaignA = (await one(`INSERT INTO campaigns (name, slug, campaign_type, organization_id) VALUES ('Spring promo', 'spring-promo', 'seasonal', $1) RETURNING id`, [orgA])).id;
  const keys = { pkA: newPublishableKey(), pkB: newPublishableKey(), pkInactive: newPublishableKey() };
  const siteKeyA = (await one(`
    INSERT INTO site_keys (organization_id, name, key, allowed_origins, consent_text, consent_version, product_types, theme)
    VALUES ($1, 'Partner site', $2, ARRAY[$3, 'https://*.partner.example'], $4, 'v1', ARRAY['auto','home','life'], '{"primary_color":"#0b5cad"}') RETURNING id`,
  [orgA, keys.pkA, PARTNER_ORIGIN, CONSENT_TEXT])).id;
  await client.query(`INSERT INTO site_keys (organization_id, name, key, allowed_origins) VALUES ($1, 'Beta site', $2, ARRAY['https://beta.example'])`, [orgB, keys.pkB]);
  await client.query(`INSERT INTO site_keys (organization_id, name, key, allowed_origins, is_active) VALUES ($1, 'Old site', $2, ARRAY[$3], false)`, [orgA, keys.pkInactive, PARTNER_ORIGIN]);
  const secret = (org: number, revoked = false) => {
    const { secret: key, hash, prefix } = newSecretKey();
    return client.query(`INSERT INTO api_keys (organization_id, name, prefix, key_hash, revoked_at) VALUES ($1, 'Server', $2, $3, $4)`,
      [org, prefix, hash, revoked ? new Date() : null]).then(() => key);
  };
  const allKeys = { ...keys, skA: await secret(orgA), skB: await secret(orgB), skRevoked: await secret(orgA, true) };
  const makeApp = (env: Record<string, string> = {}) =>
    createApp({ sequelize, logger: quietLogger, config: loadConfig({ ...TEST_ENV, ...env }) });
  const app = makeApp();
  const config = loadConfig(TEST_ENV);
  return {
    db, sequelize, client, app, config, keys: allKeys, ids: { orgA, orgB, campaignA, siteKeyA }, makeApp,
    postAsPage: (body, headers = {}) => request(app).post('/api/v1/leads')
      .set({ 'Content-Type': 'application/json', 'X-Lead-Key': allKeys.pkA, Origin: PARTNER_ORIGIN, ...headers })
      .send(typeof body === 'string' ? body : JSON.stringify(body)),
    postAsServer: (body, headers = {}) => request(app).post('/api/v1/leads')
      .set({ 'Content-Type': 'application/json', Authorization: `Bearer ${allKeys.skA}`, ...headers })
      .send(typeof body === 'string' ? body : JSON.stringify(body)),
    count: async (table) => Number((await one(`SELECT count(*) AS n FROM ${table}`)).n),
    async close() {
      await client.end();
      await sequelize.close();
      await db.drop();
    },
  };
}

/** Row counts of the tables a submission writes, to prove a refused request wrote nothing. */
export async function rowCounts(f: IntakeFixture): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['leads', 'lead_submissions', 'consents', 'idempotency_keys']) counts[table] = await f.count(table);
  return counts;
}

/** A problem+json error with this status and code, and nothing internal in it (no stack, no SQL). */
export function expectProblem(res: request.Response, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code });
  expect(typeof res.body.detail).toBe('string');
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.(ts|js):\d+|SELECT|INSERT|intake_submit/);
}
