import request from 'supertest';
import { PARTNER_ORIGIN, createIntakeFixture, type IntakeFixture } from '../support/intake-fixture.js';

/**
 * GET /api/v1/widget-config's refusals as the widget reads them: CORS on the
 * error answer (else the page sees a network error and offers a retry that
 * can never work), Vary: Origin kept, and a detail naming what the site's
 * owner must change, which the widget logs as is.
 */
let f: IntakeFixture;
beforeAll(async () => { f = await createIntakeFixture('widget_config_errors'); });
afterAll(async () => { await f?.close(); });

const get = (key: string, origin?: string) => {
  const req = request(f.app).get(`/api/v1/widget-config?key=${key}`);
  return origin === undefined ? req : req.set('Origin', origin);
};

describe('widget-config refusals a page can read', () => {
  it('names the refused origin and where to add it, readable by that page, while the allowed origin still gets its own echo', async () => {
    const refused = await get(f.keys.pkA, 'https://shop.example');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('origin_not_allowed');
    expect(refused.body.detail).toBe("This site key does not allow https://shop.example; add it to the key's allowed origins in LeadHarbor (Integrations > Site keys).");
    expect(refused.headers['access-control-allow-origin']).toBe('*');
    expect(refused.headers['access-control-allow-credentials']).toBeUndefined();
    expect(refused.headers.vary).toMatch(/Origin/);
    expect(refused.headers['cache-control'] ?? '').not.toMatch(/public/);

    const allowed = await get(f.keys.pkA, PARTNER_ORIGIN);
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(PARTNER_ORIGIN);
    expect(allowed.headers.vary).toMatch(/Origin/);
  });

  it('tells a sandboxed iframe (Origin: null) that no key can allow it, and what to do instead; "null" is never echoed', async () => {
    const res = await get(f.keys.pkA, 'null');
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/^This page has no origin \(Origin: null.*allow-same-origin/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('names the unknown or inactive key in a readable 401, from any origin', async () => {
    const unknown = `pk_${'b'.repeat(32)}`;
    for (const [key, origin] of [[unknown, PARTNER_ORIGIN], [f.keys.pkInactive, 'https://shop.example']] as const) {
      const res = await get(key, origin);
      expect([key, res.status]).toEqual([key, 401]);
      expect(res.body.detail).toContain(`The site key ${key} is unknown, revoked or inactive`);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers.vary).toMatch(/Origin/);
    }
  });
});
