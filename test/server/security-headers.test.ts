import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import request from 'supertest';
import { Organization, User } from '../../models/index.js';
import { forcePasswordReset } from '../../server/admin/accounts/password-reset.js';
import { createAdmin } from '../../server/admin/build-admin.js';
import { UnsafeAdminHtmlError, secureAdminHtml } from '../../server/admin/safe-html.js';
import { withoutGlobalEval } from '../../server/admin/csp-safe-bundles.js';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { quietLogger } from '../support/test-database.js';
import { createAdminFixture, type AdminFixture } from '../support/admin-fixture.js';

const SCRIPT_BREAK = '</script><script>window.__xss=1</script>';
const ATTRIBUTE_BREAK = '"><img src=x onerror="window.__xss=1">';
const QUOTES = `O'Brien "Quoted" ');window.__xss=1;//`;
const SEPARATORS = 'line\u2028para\u2029<!--';

let f: AdminFixture;
beforeAll(async () => {
  f = await createAdminFixture('security_headers');
  await Organization.update({ name: `Alpha ${SCRIPT_BREAK} ${ATTRIBUTE_BREAK}` }, { where: { id: f.ids.orgA } });
  await User.update({ first_name: `${SCRIPT_BREAK}${QUOTES}`, last_name: `${ATTRIBUTE_BREAK}${SEPARATORS}` }, { where: { email: 'staff-a@test.co' } });
});
afterAll(() => f.close());

const csp = (res: request.Response) => String(res.headers['content-security-policy'] ?? '');
const directive = (policy: string, name: string) => policy.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';

/** The inline `<script>` blocks of a page: their opening tags and bodies. */
const inlineScripts = (html: string) => [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({ attrs: m[1]!, body: m[2]! }));

/** window.REDUX_STATE as the browser would evaluate it. */
function reduxState(html: string): { session?: { title?: string } } {
  const body = inlineScripts(html)[0]!.body;
  const json = body.slice(body.indexOf('window.REDUX_STATE = ') + 'window.REDUX_STATE = '.length, body.indexOf(';\n'));
  return JSON.parse(json) as { session?: { title?: string } };
}

function expectAdminHeaders(res: request.Response): void {
  const policy = csp(res);
  expect(directive(policy, 'script-src')).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/]{24}'$/);
  expect(policy).not.toMatch(/unsafe-eval/);
  expect(directive(policy, 'script-src')).not.toMatch(/unsafe-inline/);
  expect(directive(policy, 'frame-ancestors')).toBe("frame-ancestors 'none'");
  expect(directive(policy, 'object-src')).toBe("object-src 'none'");
  expect(directive(policy, 'base-uri')).toBe("base-uri 'none'");
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(['same-origin', 'no-referrer']).toContain(res.headers['referrer-policy']);
  expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
  expect(res.headers['strict-transport-security']).toBeUndefined(); // not production
}

function expectPublicHeaders(res: request.Response, corp: 'cross-origin' | 'same-origin'): void {
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['cross-origin-resource-policy']).toBe(corp);
  expect(res.headers['cross-origin-embedder-policy']).toBeUndefined();
  expect(res.headers['strict-transport-security']).toBeUndefined();
  expect(res.headers['x-powered-by']).toBeUndefined();
}

describe('admin pages: CSP with a per-response nonce, no framing, no Referer off the site', () => {
  it('the login page carries the admin headers, and every inline script (and only those) carries that response\'s nonce', async () => {
    const [first, second] = [await request(f.app).get('/admin/login'), await request(f.app).get('/admin/login')];
    expect(first.status).toBe(200);
    expectAdminHeaders(first);
    expect(first.headers['referrer-policy']).toBe('same-origin');
    const nonce = /'nonce-([^']+)'/.exec(csp(first))![1]!;
    expect(/'nonce-([^']+)'/.exec(csp(second))![1]).not.toBe(nonce);
    const scripts = inlineScripts(first.text);
    expect(scripts).toHaveLength(3);
    for (const s of scripts) expect(s.attrs).toBe(` nonce="${nonce}"`);
    expect(first.text).not.toContain('fonts.googleapis.com');
  });

  it('a signed-in staff member whose name is a script-breaking payload gets a dashboard whose inline state is inert and exact', async () => {
    const { agent, res: login } = await f.login('staff-a@test.co');
    expect(login.status).toBe(302);
    const res = await agent.get('/admin');
    expect(res.status).toBe(200);
    expectAdminHeaders(res);
    for (const s of inlineScripts(res.text)) expect(s.body).not.toMatch(/[<\u2028\u2029]/);
    expect(res.text.match(/<\/script>/g)).toHaveLength(res.text.match(/<script/g)!.length); // no extra script ended early
    expect(reduxState(res.text).session?.title).toBe(`${SCRIPT_BREAK}${QUOTES} ${ATTRIBUTE_BREAK}${SEPARATORS}`);
    expect(res.text).not.toContain('onerror="window');
  });

  it('a record page, a list page and the JSON API under /admin are covered too', async () => {
    const { agent } = await f.login('staff-a@test.co');
    for (const path of [`/admin/resources/organizations/records/${f.ids.orgA}/show`, '/admin/resources/leads']) {
      const res = await agent.get(path);
      expect(res.status).toBe(200);
      expectAdminHeaders(res);
      expect(reduxState(res.text).session?.title).toContain(SCRIPT_BREAK);
    }
    const api = await agent.get(`/admin/api/resources/organizations/records/${f.ids.orgA}/show`);
    expect(api.status).toBe(200);
    expect(api.headers['content-type']).toMatch(/^application\/json/);
    expectAdminHeaders(api);
    expect(api.body.record.params.name).toBe(`Alpha ${SCRIPT_BREAK} ${ATTRIBUTE_BREAK}`); // JSON is untouched
  });

  it('admin problem responses (a 404 under /admin/api) carry nosniff and the admin policy', async () => {
    const { agent } = await f.login('super@test.co');
    const res = await agent.get('/admin/api/resources/nope/actions/list');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectAdminHeaders(res);
  });

  it('a wrong password gives the login page with an error, still under the policy; the uppercase /ADMIN path is the admin face too', async () => {
    const { res } = await f.login('staff-a@test.co', 'wrong-password-here');
    expect(res.text).toContain('invalidCredentials');
    expectAdminHeaders(res);
    expectAdminHeaders(await request(f.app).get('/ADMIN/login'));
  });

  it('the fonts, the stylesheet and the password-reset page are admin pages: framing refused, reset token never sent as a Referer', async () => {
    expectAdminHeaders(await request(f.app).get('/admin-fonts/roboto/400.css'));
    expectAdminHeaders(await request(f.app).get('/admin-assets/leadharbor.css'));
    const link = await forcePasswordReset(f.sequelize, f.ids.staffA, null);
    const res = await request(f.app).get(link);
    expect(res.status).toBe(200);
    expectAdminHeaders(res);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.text).not.toMatch(/<script/);
  });
});

describe('public faces: the widget, the intake API and the docs', () => {
  it('/widget.js is readable by partner pages: CORP cross-origin, ACAO *, no COEP', async () => {
    const res = await request(f.app).get('/widget.js').set('Origin', 'https://partner.example');
    expect(res.status).toBe(200);
    expectPublicHeaders(res, 'cross-origin');
    expect(res.headers['access-control-allow-origin']).toBe('*');
  }, 120_000);

  it('intake API answers, problems and preflights included, are cross-origin readable, nosniff, and allow no content', async () => {
    const problem = await request(f.app).post('/api/v1/leads').set('Origin', 'https://partner.example').send({});
    expect(problem.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectPublicHeaders(problem, 'cross-origin');
    expect(csp(problem)).toContain("default-src 'none'");
    expect(csp(problem)).toContain("frame-ancestors 'none'");
    const preflight = await request(f.app).options('/api/v1/leads').set('Origin', 'https://nobody.example').set('Access-Control-Request-Method', 'POST');
    expectPublicHeaders(preflight, 'cross-origin');
    const spec = await request(f.app).get('/api/v1/openapi.json');
    expect(spec.status).toBe(200);
    expectPublicHeaders(spec, 'cross-origin');
  });

  it('/api/docs keeps its own hash-based CSP (helmet does not replace it)', async () => {
    const res = await request(f.app).get('/api/docs');
    expect(res.status).toBe(200);
    expect(csp(res)).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'$/);
    expectPublicHeaders(res, 'cross-origin');
  });

  it('/health and an unknown route (a problem+json 404) get nosniff, DENY and a same-origin CORP', async () => {
    for (const path of ['/health', '/no/such/page']) {
      const res = await request(f.app).get(path);
      expectPublicHeaders(res, 'same-origin');
      expect(csp(res)).toBe("default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'");
    }
  });
});

describe('HSTS', () => {
  it('is sent in production only, for a year with subdomains', async () => {
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: randomBytes(48).toString('base64') });
    const production = createApp({ sequelize: f.sequelize, logger: quietLogger, config });
    for (const path of ['/health', '/api/docs', '/admin-assets/leadharbor.css']) {
      expect((await request(production).get(path)).headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    }
    expect((await request(f.app).get('/health')).headers['strict-transport-security']).toBeUndefined();
  });
});

describe('secureAdminHtml fails closed', () => {
  const NONCE = 'AAAAAAAAAAAAAAAAAAAAAAAA';
  const admin = () => f.admin.admin; // models are initialised by the fixture

  it('escapes a hostile login error (single quotes end AdminJS\'s string literal) into exactly the same value', async () => {
    const errorMessage = `${QUOTES}${SCRIPT_BREAK}${ATTRIBUTE_BREAK}\\'`;
    const html = secureAdminHtml(await admin().renderLogin({ action: '/admin/login', errorMessage }), NONCE, 'LeadHarbor');
    const body = inlineScripts(html)[1]!.body;
    expect(body).not.toMatch(/[<>]/);
    const state = new Function('window', `${body}; return window.__APP_STATE__;`)({}) as { errorMessage: string };
    expect(state.errorMessage).toBe(errorMessage);
  });

  it('refuses a page without the state marker, with an unknown inline script, or with a branding that is not the expected one', async () => {
    const login = await admin().renderLogin({ action: '/admin/login' });
    expect(() => secureAdminHtml('<html><script>alert(1)</script></html>', NONCE, 'LeadHarbor')).toThrow(UnsafeAdminHtmlError);
    expect(() => secureAdminHtml(login.replace('<body>', '<body><script>alert(1)</script>'), NONCE, 'LeadHarbor')).not.toThrow();
    expect(secureAdminHtml(login.replace('<body>', '<body><script>alert(1)</script>'), NONCE, 'LeadHarbor')).toContain('<script>alert(1)</script>'); // no nonce: blocked
    expect(() => secureAdminHtml(login.replace('window.THEME = ', 'window.THEME2 = '), NONCE, 'LeadHarbor')).toThrow(UnsafeAdminHtmlError);
    expect(() => secureAdminHtml(login.replace("var app = document.getElementById('app');", 'var app;'), NONCE, 'LeadHarbor')).toThrow(UnsafeAdminHtmlError);
    expect(() => secureAdminHtml(login, NONCE, 'Other')).toThrow(UnsafeAdminHtmlError);
    expect(() => secureAdminHtml(login, '', 'LeadHarbor')).toThrow(UnsafeAdminHtmlError);
    expect(secureAdminHtml('<p>no scripts</p>', '', 'LeadHarbor')).toBe('<p>no scripts</p>');
  });

  it('escapes a company name in the title', async () => {
    const hostile = `Acme ${SCRIPT_BREAK}`;
    const branded = createAdmin();
    branded.options.branding = { ...branded.options.branding, companyName: hostile };
    const html = secureAdminHtml(await branded.renderLogin({ action: '/admin/login' }), NONCE, hostile);
    expect(html).toContain('<title>Acme &lt;/script&gt;&lt;script&gt;window.__xss=1&lt;/script&gt;</title>');
    expect(html.match(/<script/g)).toHaveLength(html.match(/<\/script>/g)!.length);
  });
});


describe('AdminJS bundles without eval', () => {
  it('the served bundles (development and production builds) keep no Function("return this") for the CSP to refuse', async () => {
    const require = createRequire(import.meta.url);
    const scripts = path.join(path.dirname(require.resolve('adminjs')), 'lib/frontend/assets/scripts');
    const designSystem = path.join(path.dirname(require.resolve('@adminjs/design-system')), '..');
    const files = ['development', 'production'].flatMap((env) => [
      path.join(scripts, `app-bundle.${env}.js`), path.join(scripts, `global-bundle.${env}.js`), path.join(designSystem, `bundle.${env}.js`),
    ]);
    const EVAL_GLOBAL = /Function\(\s*["']return this["']\s*\)/;
    let found = 0;
    for (const file of files) {
      const source = await readFile(file, 'utf8');
      if (EVAL_GLOBAL.test(source)) found++;
      expect({ file, remains: EVAL_GLOBAL.test(withoutGlobalEval(source)) }).toEqual({ file, remains: false });
    }
    expect(found).toBeGreaterThan(0);
    const served = await request(f.app).get('/admin/frontend/assets/design-system.bundle.js');
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toMatch(/^application\/javascript/);
    expect(served.text).not.toMatch(EVAL_GLOBAL);
  });
});
