import { SiteKey } from '../../models/index.js';
import { newPublishableKey } from '../../server/auth/keys.js';
import { adminApi as api, createAdminFixture, type AdminFixture } from '../support/admin-fixture.js';

/**
 * The consent text a site key shows visitors, as staff save it in the admin:
 * required on an active key, in English and Spanish, stored as the intake
 * API stores it, and checked with the API's own rules (the rest of site and
 * API keys: admin-keys.test.ts).
 */
let fixture: AdminFixture;
let ids: AdminFixture['ids'];
let staffA: Awaited<ReturnType<AdminFixture['login']>>['agent'];

beforeAll(async () => {
  fixture = await createAdminFixture('site_key_consent');
  ids = fixture.ids;
  staffA = (await fixture.login('staff-a@test.co')).agent;
});
afterAll(async () => { await fixture?.close(); });

describe('site keys: the consent visitors agree to', () => {
  const REQUIRED_WORDS = /An active site key needs a consent text/;
  const errorsOf = (res: { body: { notice?: { type: string }; record?: { errors?: Record<string, { message: string }> } } }) => {
    expect(res.body.notice?.type).toBe('error');
    return res.body.record!.errors!;
  };

  it.each([
    ['no consent text at all', {}],
    ['a blank one', { consent_text: '' }],
    ['one of spaces and line breaks', { consent_text: ' \r\n \n ' }],
    ['no text, active as the form\'s checkbox sends it', { is_active: 'true' }],
    ['only a Spanish text', { consent_text_es: 'Acepto que me llamen.' }],
  ])('refuses to create an active key with %s (multipart), naming the consent text field, and saves nothing', async (_label, fields) => {
    const before = await SiteKey.count();
    let req = staffA.post(api('site_keys', 'actions/new')).field('name', 'No consent site');
    for (const [field, value] of Object.entries(fields)) req = req.field(field, value);
    const errors = errorsOf(await req);
    expect(errors.consent_text!.message).toMatch(REQUIRED_WORDS);
    expect(errors.consent_text!.message).not.toMatch(/consent_text|null|undefined|validation/i);
    expect(await SiteKey.count()).toBe(before);
  });

  it.each([
    ['a version with angle brackets', { consent_version: 'v2 <final>' }, 'consent_version'],
    ['a text holding half an emoji', { consent_text: 'I agree \ud83d to be called.' }, 'consent_text'],
  ])('refuses %s, which the intake API would refuse in every submission, and saves nothing; the plain version is saved', async (_label, fields, field) => {
    const before = await SiteKey.count();
    const errors = errorsOf(await staffA.post(api('site_keys', 'actions/new')).send({ name: 'Echoed back', consent_text: 'I agree to be called.', ...fields }));
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field]!.message).not.toMatch(/consent_|null|undefined|zod/i);
    expect(await SiteKey.count()).toBe(before);
    const saved = await staffA.post(api('site_keys', 'actions/new')).send({ name: 'Echoed back', consent_text: 'I agree to be called.', consent_version: '  v2   final ' });
    expect(saved.body.notice?.type).toBe('success');
    expect(await SiteKey.findOne({ where: { id: saved.body.record.id }, raw: true })).toMatchObject({ consent_version: 'v2 final' });
    await SiteKey.destroy({ where: { id: saved.body.record.id } });
  });

  it.each([
    ['no consent text', { name: 'JSON site' }],
    ['active true and a blank text', { name: 'JSON site', is_active: true, consent_text: '   ' }],
  ])('refuses the same through the admin API as JSON: %s', async (_label, body) => {
    const before = await SiteKey.count();
    const errors = errorsOf(await staffA.post(api('site_keys', 'actions/new')).send(body));
    expect(errors.consent_text!.message).toMatch(REQUIRED_WORDS);
    expect(await SiteKey.count()).toBe(before);
  });

  it('creates an inactive key without consent text, and refuses to switch it on until it has one', async () => {
    const created = await staffA.post(api('site_keys', 'actions/new')).field('name', 'Draft site').field('is_active', 'false');
    expect(created.body.notice).toMatchObject({ type: 'success' });
    const draft = (await SiteKey.findOne({ where: { name: 'Draft site' } }))!;
    expect(draft.is_active).toBe(false);
    expect(errorsOf(await staffA.post(api('site_keys', `records/${draft.id}/edit`)).field('is_active', 'true')).consent_text!.message).toMatch(REQUIRED_WORDS);
    expect(errorsOf(await staffA.post(api('site_keys', `records/${draft.id}/edit`)).send({ is_active: true })).consent_text!.message).toMatch(REQUIRED_WORDS);
    expect((await SiteKey.findByPk(draft.id))!.is_active).toBe(false);
    const on = await staffA.post(api('site_keys', `records/${draft.id}/edit`)).field('is_active', 'true').field('consent_text', 'I agree that Alpha may call me.');
    expect(on.body.notice).toMatchObject({ type: 'success' });
    expect(await SiteKey.findByPk(draft.id, { raw: true })).toMatchObject({ is_active: true, consent_text: 'I agree that Alpha may call me.' });
  });

  it('refuses to blank the consent text of an active key, but an edit that leaves it alone saves', async () => {
    const site = (await SiteKey.create({ name: 'Live site', key: newPublishableKey(), organization_id: ids.orgA, consent_text: 'I agree to be called.' }))!;
    expect(errorsOf(await staffA.post(api('site_keys', `records/${site.id}/edit`)).field('consent_text', '')).consent_text!.message).toMatch(REQUIRED_WORDS);
    expect(errorsOf(await staffA.post(api('site_keys', `records/${site.id}/edit`)).send({ consent_text: null })).consent_text!.message).toMatch(REQUIRED_WORDS);
    expect((await SiteKey.findByPk(site.id))!.consent_text).toBe('I agree to be called.');
    const renamed = await staffA.post(api('site_keys', `records/${site.id}/edit`)).field('name', 'Live site renamed');
    expect(renamed.body.notice).toMatchObject({ type: 'success' });
    // Switching it off is how a key without consent text is kept.
    const off = await staffA.post(api('site_keys', `records/${site.id}/edit`)).field('is_active', 'false').field('consent_text', '');
    expect(off.body.notice).toMatchObject({ type: 'success' });
    expect(await SiteKey.findByPk(site.id, { raw: true })).toMatchObject({ is_active: false, consent_text: null });
  });

  it('stores both texts with line breaks as LF, tidied as the intake API tidies consent.text', async () => {
    const res = await staffA.post(api('site_keys', 'actions/new')).field('name', 'Bilingual site')
      .field('consent_text', '  I agree that Alpha may call me.\r\nConsent is not a condition of purchase.\rI can opt out.  ')
      .field('consent_text_es', 'Acepto que Alpha me llame.\r\n\r\n\r\nNo es condición de compra.');
    expect(res.body.notice).toMatchObject({ type: 'success' });
    expect(await SiteKey.findOne({ where: { name: 'Bilingual site' }, raw: true })).toMatchObject({
      consent_text: 'I agree that Alpha may call me.\nConsent is not a condition of purchase.\nI can opt out.',
      consent_text_es: 'Acepto que Alpha me llame.\n\nNo es condición de compra.',
    });
  });

  it.each([
    ['consent_text', 'x'.repeat(5001), /at most 5000 characters/],
    ['consent_text_es', 'x'.repeat(5001), /at most 5000 characters/],
    ['consent_text', 'I agree\u0007 to be called.', /control characters/],
  ])('refuses a %s the intake API would refuse in consent.text (%#)', async (field, value, message) => {
    const before = await SiteKey.count();
    let req = staffA.post(api('site_keys', 'actions/new')).field('name', 'Long consent site');
    if (field !== 'consent_text') req = req.field('consent_text', 'I agree to be called.');
    const errors = errorsOf(await req.field(field, value));
    expect(errors[field]!.message).toMatch(message);
    expect(await SiteKey.count()).toBe(before);
  });

  it('offers the Spanish text in the form, and a wording to start from', async () => {
    const page = await staffA.get('/admin/resources/site_keys/actions/new');
    expect(page.status).toBe(200);
    expect(page.text.includes('"consent_text_es"')).toBe(true);
    expect(page.text.includes('may call and text me about insurance quotes')).toBe(true);
    expect(page.text.includes('me llame y me envíe mensajes de texto')).toBe(true);
  });
});
