import request from 'supertest';
import type { Sequelize } from 'sequelize';
import { createApp } from '../../server/app.js';
import { createSequelize } from '../../server/db/connection.js';
import { loadConfig } from '../../server/config.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { connect, createTestDatabase, migrate, quietLogger, type TestDatabase } from '../support/test-database.js';

const dbs: TestDatabase[] = [];
const pools: Sequelize[] = [];
async function appOn(migrated: boolean) {
  const db = await createTestDatabase(migrated ? 'app_ready' : 'app_empty');
  dbs.push(db);
  if (migrated) await migrate(db.url);
  const sequelize = connect(db.url);
  pools.push(sequelize);
  return createApp({ sequelize, logger: quietLogger });
}
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  await Promise.all(dbs.map((db) => db.drop()));
});

describe('health and readiness', () => {
  it('GET /health answers 200 without touching the database', async () => {
    const unreachable = createSequelize('postgres://nobody@127.0.0.1:1/none', loadConfig({}));
    pools.push(unreachable);
    const res = await request(createApp({ sequelize: unreachable, logger: quietLogger })).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /ready answers 200 when the database is reachable and fully migrated', async () => {
    const res = await request(await appOn(true)).get('/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('GET /ready answers 503 naming the pending migrations on an empty database', async () => {
    const res = await request(await appOn(false)).get('/ready');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'not_ready', reason: `database reachable but not migrated: ${MIGRATIONS.length} migrations pending` });
  });

  it('GET /ready answers 503 with the reason when the database is unreachable', async () => {
    const unreachable = createSequelize('postgres://nobody@127.0.0.1:1/none', loadConfig({ DB_POOL_ACQUIRE_TIMEOUT_MS: '1000' }));
    pools.push(unreachable);
    const res = await request(createApp({ sequelize: unreachable, logger: quietLogger })).get('/ready');
    expect(res.status).toBe(503);
    expect(res.body.status).toBe('not_ready');
    expect(res.body.reason).toMatch(/^database unreachable: .*ECONNREFUSED/);
  });

  it('an unknown route is a problem+json 404, not an HTML page', async () => {
    const res = await request(await appOn(true)).get('/no/such/page');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'not_found', detail: 'No route for GET /no/such/page' });
  });

  it('the same error opened in a browser is a page saying it, with the request text escaped', async () => {
    const app = await appOn(true);
    const page = await request(app).get("/no/tom&jerry's").set('Sec-Fetch-Mode', 'navigate').set('Accept', 'text/html');
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<h1>Not Found</h1><p>No route for GET /no/tom&amp;jerry&#39;s</p>');
    // A script's fetch() from a page (mode cors) still gets JSON, whatever it accepts.
    const script = await request(app).get('/no/such/page').set('Sec-Fetch-Mode', 'cors').set('Accept', 'text/html');
    expect(script.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('the root is a page of links a person can follow (the back office, the API docs), not a JSON 404', async () => {
    const res = await request(await appOn(true)).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    for (const href of ['/admin', '/api/docs', '/api/v1/openapi.json']) expect(res.text).toContain(`href="${href}"`);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    // Only the root: any other unknown path is still a 404.
    expect((await request(await appOn(true)).get('/index.html')).status).toBe(404);
  });
});
