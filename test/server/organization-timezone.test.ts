import { Organization } from '../../models/index.js';
import { adminApi as api, createAdminFixture, type AdminFixture } from '../support/admin-fixture.js';

/**
 * The organization's time zone as its admins set it: a zone from the list
 * or a field message, whatever spelling the form arrives in, and carried by
 * the signed-in session to every screen.
 */
let fixture: AdminFixture;
let ids: AdminFixture['ids'];
type Agent = Awaited<ReturnType<AdminFixture['login']>>['agent'];
let admin: Agent;

beforeAll(async () => {
  fixture = await createAdminFixture('org_timezone');
  ids = fixture.ids;
  admin = (await fixture.login('staff-a@test.co')).agent;
});
afterAll(async () => { await fixture?.close(); });

const zoneOf = async (id: number) => (await Organization.findByPk(id))!.timezone;
const edit = (fields: Record<string, string>) => {
  let req = admin.post(api('organizations', `records/${ids.orgA}/edit`));
  for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
  return req;
};

describe("an organization's time zone", () => {
  it('starts as New York time', async () => {
    expect(await zoneOf(ids.orgA)).toBe('America/New_York');
  });

  it.each([
    ['a zone that does not exist', { timezone: 'Mars/Olympus' }, 'Choose a time zone from the list.'],
    ['a flattened list', { 'timezone.0': 'Mars/Olympus' }, 'Send one value for this field.'],
    ['a flattened list of a real zone', { 'timezone.0': 'America/Chicago' }, 'Send one value for this field.'],
    ['an empty value', { timezone: '' }, 'This field is required.'],
    ['an alias, not the zone\'s name', { timezone: 'US/Central' }, 'Choose a time zone from the list.'],
  ])('refuses %s with a message on the field, and keeps the zone', async (_what, fields, message) => {
    const res = await edit(fields);
    expect(res.status).toBe(200);
    expect(res.body.notice?.type).toBe('error');
    expect(Object.keys(res.body.record.errors)).toEqual(['timezone']);
    expect(res.body.record.errors.timezone.message).toBe(message);
    expect(await zoneOf(ids.orgA)).toBe('America/New_York');
  });

  it('accepts America/Chicago, and the session shows the next page in it', async () => {
    const res = await edit({ timezone: 'America/Chicago' });
    expect(res.body.notice?.type).toBe('success');
    expect(await zoneOf(ids.orgA)).toBe('America/Chicago');
    const page = await admin.get('/admin');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/"timezone":"America\/Chicago"/);
    await Organization.update({ timezone: 'America/New_York' }, { where: { id: ids.orgA } });
  });

  it('a staff member of another organization carries theirs; a superuser without one carries New York', async () => {
    await Organization.update({ timezone: 'America/Los_Angeles' }, { where: { id: ids.orgB } });
    const b = (await fixture.login('staff-b@test.co')).agent;
    expect((await b.get('/admin')).text).toMatch(/"timezone":"America\/Los_Angeles"/);
    const root = (await fixture.login('super@test.co')).agent;
    expect((await root.get('/admin')).text).toMatch(/"timezone":"America\/New_York"/);
  });

  it('the form offers every zone as a dropdown, US zones first by their everyday names', async () => {
    const page = (await admin.get('/admin/resources/organizations')).text;
    const at = (value: string, label: string) => page.indexOf(`{"value":"${value}","label":"${label}"}`);
    expect(at('America/New_York', 'Eastern time (New York)')).toBeGreaterThan(0);
    expect(at('America/Chicago', 'Central time (Chicago)')).toBeGreaterThan(at('America/New_York', 'Eastern time (New York)'));
    expect(at('Europe/London', 'Europe/London')).toBeGreaterThan(at('Pacific/Honolulu', 'Hawaii time (Honolulu)'));
    expect(at('America/Argentina/Rio_Gallegos', 'America/Argentina/Rio Gallegos')).toBeGreaterThan(0);
  });
});
