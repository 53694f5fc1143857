import request from 'supertest';
import { PREFLIGHT_MAX_AGE_SECONDS } from '../../server/intake/cors.js';
import { CONSENT_TEXT, PARTNER_ORIGIN, createIntakeFixture, type IntakeFixture } from '../support/intake-fixture.js';

let f: IntakeFixture;
beforeAll(async () => { f = await createIntakeFixture('intake_cors'); });
afterAll(async () => { await f?.close(); });

const preflight = (path: string, origin: string) => request(f.app).options(path)
  .set({ Origin: origin, 'Access-Control-Request-Method': path.endsWith('leads') ? 'POST' : 'GET', 'Access-Control-Request-Headers': 'content-type,x-lead-key,idempotency-key' });

describe('CORS preflight', () => {
  it.each(['/api/v1/leads', '/api/v1/widget-config'])('%s: answers an allowed origin with the methods, headers and a max age', async (path) => {
    const res = await preflight(path, PARTNER_ORIGIN);
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(PARTNER_ORIGIN);
    expect(res.headers['access-control-allow-headers']).toMatch(/X-Lead-Key/i);
    expect(res.headers['access-control-allow-headers']).toMatch(/Idempotency-Key/i);
    expect(res.headers['access-control-allow-methods']).toMatch(path.endsWith('leads') ? /POST/ : /GET/);
    expect(res.headers['access-control-max-age']).toBe(String(PREFLIGHT_MAX_AGE_SECONDS));
    expect(res.headers.vary).toMatch(/Origin/);
  });

  it('allows a subdomain of a wildcard origin, but not a look-alike', async () => {
    expect((await preflight('/api/v1/leads', 'https://quote.partner.example')).status).toBe(204);
    for (const origin of ['https://partner.example.evil.example', 'https://evilpartner.example', 'http://www.partner.example', 'https://www.partner.example:8443']) {
      const res = await preflight('/api/v1/leads', origin);
      expect([origin, res.status]).toEqual([origin, 403]);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it("refuses an origin no key allows, and an inactive key's origin alone", async () => {
    const res = await preflight('/api/v1/leads', 'https://stranger.example');
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('GET /api/v1/widget-config', () => {
  const get = (query = `?key=${f.keys.pkA}`, headers: Record<string, string> = { Origin: PARTNER_ORIGIN }) =>
    request(f.app).get(`/api/v1/widget-config${query}`).set(headers);

  it('gives the organization name, the offered products with labels, the consent text and the theme', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      organization: { name: 'Alpha Agency' },
      products: [{ value: 'auto', label: 'Auto' }, { value: 'home', label: 'Home' }, { value: 'life', label: 'Life' }],
      consent: { text: CONSENT_TEXT, version: 'v1', language: 'en' },
      theme: { primary_color: '#0b5cad' },
    });
    expect(res.headers['access-control-allow-origin']).toBe(PARTNER_ORIGIN);
    expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(res.headers['cache-control']).toMatch(/max-age=\d+/);
  });

  it('answers 304 to a matching If-None-Match, and a new ETag after the settings change', async () => {
    const first = await get();
    const again = await get(undefined, { Origin: PARTNER_ORIGIN, 'If-None-Match': first.headers.etag });
    expect(again.status).toBe(304);
    await f.client.query(`UPDATE site_keys SET consent_version = 'v2' WHERE id = $1`, [f.ids.siteKeyA]);
    try {
      const changed = await get(undefined, { Origin: PARTNER_ORIGIN, 'If-None-Match': first.headers.etag });
      expect(changed.status).toBe(200);
      expect(changed.body.consent.version).toBe('v2');
    } finally {
      await f.client.query(`UPDATE site_keys SET consent_version = 'v1' WHERE id = $1`, [f.ids.siteKeyA]);
    }
  });

  it("answers 304 to fetch()'s own revalidation (If-None-Match with Cache-Control and Pragma no-cache), readable by the page; another ETag gets the body", async () => {
    const first = await get();
    const revalidate = (etag: string) => get(undefined, { Origin: PARTNER_ORIGIN, 'If-None-Match': etag, 'Cache-Control': 'no-cache', Pragma: 'no-cache' });
    const same = await revalidate(first.headers.etag!);
    expect(same.status).toBe(304);
    expect(same.headers.etag).toBe(first.headers.etag);
    expect(same.headers['access-control-allow-origin']).toBe(PARTNER_ORIGIN);
    expect(same.headers['access-control-expose-headers']).toMatch(/ETag/);
    const other = await revalidate('"not-this-one"');
    expect(other.status).toBe(200);
    expect(other.body.organization).toEqual({ name: 'Alpha Agency' });
  });

  it('takes the key from X-Lead-Key too, and works without an Origin (a server reading it)', async () => {
    expect((await get('', { 'X-Lead-Key': f.keys.pkA, Origin: PARTNER_ORIGIN })).status).toBe(200);
    const res = await get(`?key=${f.keys.pkA}`, {});
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('offers every product type with an active product when the key lists none', async () => {
    const res = await get(`?key=${f.keys.pkB}`, { Origin: 'https://beta.example' });
    expect(res.body.products.map((p: { value: string }) => p.value)).toEqual(['auto', 'home', 'life', 'health', 'business', 'travel', 'pet']);
  });

  it('refuses another origin (403), an unknown or inactive key (401), and a missing key (401)', async () => {
    const other = await get(undefined, { Origin: 'https://evil.example' });
    expect(other.status).toBe(403);
    // Readable by the page (no credentials, no settings in it), so the widget can say what to fix: see test/widget/widget-config-errors.test.ts.
    expect(other.headers['access-control-allow-origin']).toBe('*');
    expect((await get(`?key=pk_${'a'.repeat(32)}`)).status).toBe(401);
    expect((await get(`?key=${f.keys.pkInactive}`)).status).toBe(401);
    const missing = await get('');
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe('missing_key');
  });
});
