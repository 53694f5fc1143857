import { ApiKey, Campaign, InsuranceProduct, Lead, LeadSource, Organization, SiteKey, User, UserRole } from '../../models/index.js';
import { Note, Tag } from '../../models/index.js';
import { Document } from '../../models/index.js';
import { newStorageKey } from '../../server/documents/document-store.js';
import { newPublishableKey, newSecretKey } from '../../server/auth/keys.js';
import { adminAgent, adminApi as api, createAdminFixture, type AdminFixture } from '../support/admin-fixture.js';
import { Activity } from '../../models/index.js';

type Agent = Awaited<ReturnType<AdminFixture['login']>>['agent'];
type Role = 'superuser' | 'admin' | 'manager' | 'agent';
const ROLES: Role[] = ['superuser', 'admin', 'manager', 'agent'];
const EMAIL: Record<Role, string> = { superuser: 'super@test.co', admin: 'staff-a@test.co', manager: 'manager-a@test.co', agent: 'agent-a@test.co' };

let fixture: AdminFixture;
let ids: AdminFixture['ids'];
const agents = {} as Record<Role, Agent>;
let product = 0;
let source = 0;

beforeAll(async () => {
  fixture = await createAdminFixture('roles');
  ids = fixture.ids;
  product = (await InsuranceProduct.create({ name: 'Auto Shield', slug: 'auto-shield', product_type: 'auto' } as never)).id;
  source = (await LeadSource.create({ name: 'Web', slug: 'web', source_type: 'web' } as never)).id;
  for (const role of ROLES) agents[role] = (await fixture.login(EMAIL[role])).agent;
});
afterAll(async () => { await fixture?.close(); });

/** A refusal as AdminJS sends it (HTTP 200, an error notice) or as our routes send it (403): never a 500, never data. */
function refused(res: { status: number; body: { notice?: { type?: string }; records?: unknown[] } }): boolean {
  return res.status === 403 || (res.status === 200 && res.body.notice?.type === 'error' && (res.body.records ?? []).length === 0);
}
const succeeded = (res: { status: number; body: { notice?: { type?: string } } }) => res.status === 200 && res.body.notice?.type !== 'error';

let serial = 0;
const unique = (prefix: string) => `${prefix}-${(serial += 1)}`;

/** Fresh records of organization A, one per attempt, so each attempt's effect is its own. */
const make = {
  leads: async () => (await Lead.create({ first_name: 'Tess', last_name: unique('Target'), email: `${unique('t')}@alpha.co`, organization_id: ids.orgA } as never)).id,
  campaigns: async () => (await Campaign.create({ name: unique('Camp'), slug: unique('camp'), campaign_type: 'seasonal', organization_id: ids.orgA } as never)).id,
  site_keys: async () => (await SiteKey.create({ name: unique('Site'), key: newPublishableKey(), organization_id: ids.orgA, allowed_origins: ['https://a.example'], consent_text: 'I agree to be called.' })).id,
  api_keys: async () => {
    const s = newSecretKey();
    return (await ApiKey.create({ name: unique('Key'), key_hash: s.hash, prefix: s.prefix, organization_id: ids.orgA, created_by_id: ids.staffA })).id;
  },
  users: async () => (await User.create({ email: `${unique('u')}@test.co`, hashed_password: 'x', first_name: 'Uma', last_name: 'User', organization_id: ids.orgA } as never)).id,
  organizations: async () => ids.orgA,
  insurance_products: async () => (await InsuranceProduct.create({ name: unique('Prod'), slug: unique('prod'), product_type: 'home' } as never)).id,
  lead_sources: async () => (await LeadSource.create({ name: unique('Src'), slug: unique('src'), source_type: 'email' } as never)).id,
  activities: async () => Number((await Activity.create({ lead_id: ids.leadA, organization_id: ids.orgA, type: 'call', summary: unique('Call') } as never)).id),
  // Written by A's admin: an agent is not its author (authors change their own notes: test/server/notes.test.ts).
  notes: async () => (await Note.create({ lead_id: ids.leadA, organization_id: ids.orgA, author_id: ids.staffA, body: unique('Note') })).id,
  tags: async () => (await Tag.create({ organization_id: ids.orgA, name: unique('Tag'), slug: unique('tag') })).id,
  // Uploaded by A's admin, so an agent's delete meets the rule that agents delete only their own uploads.
  documents: async () => (await Document.create({ lead_id: ids.leadA, organization_id: ids.orgA, uploaded_by: ids.staffA, original_name: `${unique('doc')}.pdf`,
    content_type: 'application/pdf', size_bytes: 10, storage_key: newStorageKey(ids.orgA), sha256: '0'.repeat(64) })).id,
};
type Resource = keyof typeof make;
const MODEL: Record<Resource, { findByPk(id: number): Promise<{ get(key: string): unknown } | null>; count(): Promise<number> }> = {
  leads: Lead, campaigns: Campaign, site_keys: SiteKey, api_keys: ApiKey, users: User, organizations: Organization,
  insurance_products: InsuranceProduct, lead_sources: LeadSource,
  activities: Activity as never,
  notes: Note, tags: Tag,
  documents: Document,
};
/** A valid new record of A (staff's organization is forced anyway; a superuser names it). */
const NEW: Record<Resource, () => Record<string, string>> = {
  // A name of letters only, as the lead rules ask: the serial spelled in letters.
  leads: () => ({ first_name: 'Nia', last_name: unique('New').replace(/-(\d+)$/, (_, n: string) => `-${[...n].map((d) => 'abcdefghij'[Number(d)]).join('')}`), email: `${unique('n')}@alpha.co`, organization_id: String(ids.orgA) }),
  campaigns: () => ({ name: unique('New camp'), campaign_type: 'seasonal', organization_id: String(ids.orgA) }),
  site_keys: () => ({ name: unique('New site'), 'allowed_origins.0': 'https://new.example', consent_text: 'I agree to be called.', organization_id: String(ids.orgA) }),
  api_keys: () => ({ name: unique('New key'), organization_id: String(ids.orgA) }),
  users: () => ({ email: `${unique('new')}@test.co`, first_name: 'Neo', last_name: 'User', organization_id: String(ids.orgA), role: 'agent' }),
  organizations: () => ({ name: unique('New org') }),
  insurance_products: () => ({ name: unique('New prod'), product_type: 'pet' }),
  lead_sources: () => ({ name: unique('New src'), source_type: 'event' }),
  activities: () => ({ lead_id: String(ids.leadA), logged_type: 'call', summary: unique('Logged call') }),
  notes: () => ({ lead_id: String(ids.leadA), body: unique('New note') }),
  tags: () => ({ name: unique('New tag'), organization_id: String(ids.orgA) }),
  documents: () => ({ original_name: unique('forged.pdf'), lead_id: String(ids.leadA), content_type: 'application/pdf', size_bytes: '10', storage_key: '1/x', sha256: '0'.repeat(64) }),
};
/** The field each edit changes. */
const EDITED: Record<Resource, string> = {
  leads: 'city', campaigns: 'description', site_keys: 'name', api_keys: 'name', users: 'last_name', organizations: 'phone',
  insurance_products: 'description', lead_sources: 'description',
  activities: 'summary',
  notes: 'body', tags: 'name',
  documents: 'original_name',
};

/**
 * The role table, written out here on its own (not read from the
 * policy), so a change to the policy that breaks the table fails this test.
 */
const MATRIX: Record<Resource | 'lead_submissions' | 'consents', Record<'read' | 'create' | 'edit' | 'delete', Role[]>> = {
  organizations: { read: ROLES, create: ['superuser'], edit: ['superuser', 'admin'], delete: ['superuser'] },
  users: { read: ['superuser', 'admin', 'manager'], create: ['superuser', 'admin'], edit: ['superuser', 'admin'], delete: ['superuser'] },
  site_keys: { read: ['superuser', 'admin', 'manager'], create: ['superuser', 'admin'], edit: ['superuser', 'admin'], delete: ['superuser'] },
  api_keys: { read: ['superuser', 'admin', 'manager'], create: ['superuser', 'admin'], edit: ['superuser', 'admin'], delete: [] },
  campaigns: { read: ROLES, create: ['superuser', 'admin', 'manager'], edit: ['superuser', 'admin', 'manager'], delete: ['superuser', 'admin'] },
  leads: { read: ROLES, create: ROLES, edit: ROLES, delete: ['superuser', 'admin', 'manager'] },
  insurance_products: { read: ROLES, create: ['superuser'], edit: ['superuser'], delete: ['superuser'] },
  lead_sources: { read: ROLES, create: ['superuser'], edit: ['superuser'], delete: ['superuser'] },
  lead_submissions: { read: ROLES, create: [], edit: [], delete: [] },
  consents: { read: ROLES, create: [], edit: [], delete: [] },
  activities: { read: ROLES, create: ROLES, edit: ['superuser', 'admin'], delete: ['superuser', 'admin'] },
  // Of a note someone else wrote: its author may also edit and delete it.
  notes: { read: ROLES, create: ROLES, edit: ['superuser', 'admin', 'manager'], delete: ['superuser', 'admin', 'manager'] },
  tags: { read: ROLES, create: ['superuser', 'admin', 'manager'], edit: ['superuser', 'admin', 'manager'], delete: ['superuser', 'admin', 'manager'] },
  // Uploads only through the upload route; an agent deletes only their own uploads (not these: A's admin uploaded them).
  documents: { read: ROLES, create: [], edit: [], delete: ['superuser', 'admin', 'manager'] },
};
const cases = (kind: 'read' | 'create' | 'edit' | 'delete', resources = Object.keys(MATRIX) as (keyof typeof MATRIX)[]) =>
  resources.flatMap((resource) => ROLES.map((role) => [resource, role, MATRIX[resource][kind].includes(role)] as const));
const writable = Object.keys(make) as Resource[];

describe('role matrix: every resource and action, for each role', () => {
  it.each(cases('read'))('%s list as %s: allowed %s', async (resource, role, allowed) => {
    const res = await agents[role].get(api(resource, 'actions/list'));
    expect(res.status).toBeLessThan(500);
    if (allowed) expect(res.body.notice?.type).not.toBe('error');
    else expect(refused(res)).toBe(true);
    // The reference pickers' search is the same read.
    const search = await agents[role].get(api(resource, 'actions/search/1'));
    if (allowed) expect(search.body.notice?.type).not.toBe('error');
    else expect(refused(search)).toBe(true);
  });

  it.each(cases('read', writable))('%s show as %s: allowed %s', async (resource, role, allowed) => {
    const id = await make[resource as Resource]();
    const res = await agents[role].get(api(resource, `records/${id}/show`));
    if (allowed) expect(String(res.body.record?.id)).toBe(String(id));
    else { expect(refused(res)).toBe(true); expect(res.body.record?.params ?? {}).toEqual({}); }
  });

  it.each(cases('create', writable))('%s new as %s: allowed %s', async (resource, role, allowed) => {
    const model = MODEL[resource as Resource];
    const before = await model.count();
    let req = agents[role].post(api(resource, 'actions/new'));
    for (const [key, value] of Object.entries(NEW[resource as Resource]())) req = req.field(key, value);
    const res = await req;
    expect(res.status).toBeLessThan(500);
    if (allowed) { expect(res.body.notice?.type).toBe('success'); expect(await model.count()).toBe(before + 1); }
    else { expect(refused(res)).toBe(true); expect(await model.count()).toBe(before); }
  });

  it.each(cases('edit', writable))('%s edit as %s: allowed %s', async (resource, role, allowed) => {
    const id = await make[resource as Resource]();
    const field = EDITED[resource as Resource];
    const value = unique('Edited');
    const res = await agents[role].post(api(resource, `records/${id}/edit`)).field(field, value);
    expect(res.status).toBeLessThan(500);
    const after = (await MODEL[resource as Resource].findByPk(id))!.get(field);
    if (allowed) { expect(succeeded(res)).toBe(true); expect(after).toBe(value); }
    else { expect(refused(res)).toBe(true); expect(after).not.toBe(value); }
  });

  it.each(cases('delete', writable.filter((r) => r !== 'organizations')))('%s delete as %s: allowed %s', async (resource, role, allowed) => {
    const id = await make[resource as Resource]();
    const res = await agents[role].post(api(resource, `records/${id}/delete`));
    expect(res.status).toBeLessThan(500);
    const still = await MODEL[resource as Resource].findByPk(id);
    if (allowed) expect(still).toBeNull();
    else { expect(refused(res)).toBe(true); expect(still).not.toBeNull(); }
  });

  it.each(cases('delete', ['leads', 'campaigns', 'users']))('%s bulk delete as %s: allowed %s', async (resource, role, allowed) => {
    const [one, two] = [await make[resource as Resource](), await make[resource as Resource]()];
    const res = await agents[role].post(api(resource, `bulk/bulkDelete?recordIds=${one},${two}`));
    expect(res.status).toBeLessThan(500);
    const left = (await Promise.all([one, two].map((id) => MODEL[resource as Resource].findByPk(id!)))).filter(Boolean).length;
    expect(left).toBe(allowed ? 0 : 2);
  });
});

describe('lead actions by role', () => {
  it.each(ROLES)('every role, %s included, runs pipeline steps', async (role) => {
    const id = await make.leads();
    const res = await agents[role].post(api('leads', `records/${id}/markContacted`));
    expect(succeeded(res)).toBe(true);
    expect((await Lead.findByPk(id))!.status).toBe('contacted');
  });

  it.each([['superuser', true], ['admin', true], ['manager', true], ['agent', false]] as const)('bulk change status as %s: allowed %s', async (role, allowed) => {
    const [one, two] = [await make.leads(), await make.leads()];
    const res = await agents[role].post(api('leads', `bulk/changeStatus?recordIds=${one},${two}`)).send({ status: 'qualified' });
    expect(res.status).toBeLessThan(500);
    const statuses = (await Lead.findAll({ where: { id: [one, two] } })).map((l) => l.status);
    expect(statuses).toEqual(allowed ? ['qualified', 'qualified'] : ['new', 'new']);
  });

  it.each(ROLES)('every role, %s included, tags and untags leads', async (role) => {
    const [one, two] = [await make.leads(), await make.leads()];
    const tag = await make.tags();
    const add = await agents[role].post(api('leads', `bulk/addTag?recordIds=${one},${two}`)).send({ tag_id: String(tag) });
    expect(succeeded(add)).toBe(true);
    expect(await Lead.sequelize!.query(`SELECT lead_id FROM lead_tags WHERE tag_id = ${tag} ORDER BY lead_id`, { type: 'SELECT' } as never)).toEqual([{ lead_id: one }, { lead_id: two }]);
    const remove = await agents[role].post(api('leads', `bulk/removeTag?recordIds=${one}`)).send({ tag_id: String(tag) });
    expect(succeeded(remove)).toBe(true);
    expect(await Lead.sequelize!.query(`SELECT lead_id FROM lead_tags WHERE tag_id = ${tag}`, { type: 'SELECT' } as never)).toEqual([{ lead_id: two }]);
  });

  it.each([['superuser', true], ['admin', true], ['manager', true], ['agent', false]] as const)('CSV export as %s: allowed %s', async (role, allowed) => {
    const res = await agents[role].get('/admin/export/leads.csv');
    expect(res.status).toBe(allowed ? 200 : 403);
    if (!allowed) expect(res.body).toMatchObject({ code: 'forbidden' });
    else expect(res.text).toContain('first_name');
  });

  it('an agent sees no Delete, Export or bulk buttons: the resource tells the page only what the role may run', async () => {
    const res = await agents.agent.get(api('leads', 'actions/list'));
    const json = JSON.stringify(res.body.records[0].bulkActions ?? []) + JSON.stringify(res.body.records[0].recordActions ?? []);
    expect(json).not.toMatch(/"name":"(delete|bulkDelete|changeStatus|changePriority)"/);
    expect(json).toMatch(/"name":"markContacted"/);
    const manager = await agents.manager.get(api('leads', 'actions/list'));
    expect(JSON.stringify(manager.body.records[0].recordActions)).toMatch(/"name":"delete"/);
  });
});

describe('keys by role', () => {
  it.each([['superuser', true], ['admin', true], ['manager', false], ['agent', false]] as const)('revoking an API key as %s: allowed %s', async (role, allowed) => {
    const id = await make.api_keys();
    const res = await agents[role].post(api('api_keys', `records/${id}/revoke`));
    expect(res.status).toBeLessThan(500);
    expect(Boolean((await ApiKey.findByPk(id))!.revoked_at)).toBe(allowed);
  });
});

describe('users and roles', () => {
  it('an org admin sets a colleague\'s role, but never makes anyone a superuser, in any spelling', async () => {
    const id = await make.users();
    const variants: [string, string][] = [['is_superuser', 'true'], ['is_superuser.0', 'true'], ['is_superuser.x', 'true'], ['is_superuser.0.y', 'true']];
    for (const [field, value] of variants) {
      const res = await agents.admin.post(api('users', `records/${id}/edit`)).field('role', 'manager').field(field, value);
      expect(res.status).toBeLessThan(500);
      expect((await User.findByPk(id))!.is_superuser).toBe(false);
    }
    const json = await agents.admin.post(api('users', `records/${id}/edit`)).send({ role: 'manager', is_superuser: true, 'is_superuser.0': true });
    expect(json.status).toBeLessThan(500);
    expect((await User.findByPk(id))!.is_superuser).toBe(false);
    expect((await UserRole.findByPk(id))!.role).toBe('manager'); // the legitimate part of the same request went through
    // A superuser's same request does make one, and takes them out of every organization.
    await agents.superuser.post(api('users', `records/${id}/edit`)).field('is_superuser', 'true');
    expect(await User.findByPk(id)).toMatchObject({ is_superuser: true, organization_id: null });
    expect(await UserRole.findByPk(id)).toBeNull();
  });

  it('a role that is not one of the three is refused by name, and a list or object where one value belongs too', async () => {
    const id = await make.users();
    const bad = await agents.admin.post(api('users', `records/${id}/edit`)).field('role', 'owner');
    expect(bad.body.record.errors.role.message).toMatch(/Choose a role: Organization admin, Manager, Agent/);
    const list = await agents.admin.post(api('users', `records/${id}/edit`)).field('first_name.0', 'A').field('first_name.1', 'B');
    expect(list.body.record.errors.first_name.message).toBe('Send one value for this field.');
    expect((await User.findByPk(id))!.first_name).toBe('Uma');
  });

  it('an org admin creates staff only in their own organization, whatever organization the form names', async () => {
    const res = await agents.admin.post(api('users', 'actions/new')).field('email', 'hire@test.co').field('first_name', 'Hi')
      .field('last_name', 'Re').field('organization_id', String(ids.orgB)).field('role', 'manager');
    expect(res.body.notice?.type).toBe('success');
    const hire = await User.findOne({ where: { email: 'hire@test.co' } });
    expect(hire).toMatchObject({ organization_id: ids.orgA, is_superuser: false });
    expect((await UserRole.findByPk(hire!.id))!.role).toBe('manager');
    // The next step is the new person's password link, since nobody else may set it.
    expect(res.body.redirectUrl).toMatch(new RegExp(`/users/records/${hire!.id}/resetPassword$`));
  });

  it('nobody sets another person\'s password through the users form: a password field is dropped, even from a superuser', async () => {
    const id = await make.users();
    for (const role of ['superuser', 'admin'] as const) {
      for (const field of ['password', 'hashed_password', 'hashed_password.0']) {
        await agents[role].post(api('users', `records/${id}/edit`)).field(field, 'chosen-by-someone-else').field('last_name', 'Same');
        const user = await User.scope('withPassword').findByPk(id);
        expect(user!.hashed_password).toBe('x');
        expect(user!.last_name).toBe('Same');
      }
    }
  });

  it('a superuser must give staff an organization, and a new superuser gets none', async () => {
    const staff = await agents.superuser.post(api('users', 'actions/new')).field('email', 'orgless@test.co').field('first_name', 'O').field('last_name', 'L');
    expect(staff.body.record.errors.organization_id.message).toMatch(/Choose the organization/);
    expect(await User.findOne({ where: { email: 'orgless@test.co' } })).toBeNull();
    const admin = await agents.superuser.post(api('users', 'actions/new')).field('email', 'root2@test.co').field('first_name', 'R')
      .field('last_name', 'T').field('is_superuser', 'true').field('organization_id', String(ids.orgA));
    expect(admin.body.notice?.type).toBe('success');
    expect(await User.findOne({ where: { email: 'root2@test.co' } })).toMatchObject({ is_superuser: true, organization_id: null });
  });

  it('staff never reach a superuser\'s account: not in lists, not by id, not by editing or resetting it', async () => {
    const root = (await User.findOne({ where: { email: 'super@test.co' } }))!;
    const list = await agents.admin.get(api('users', 'actions/list'));
    expect(list.body.records.map((r: { params: { email: string } }) => r.params.email)).not.toContain('super@test.co');
    for (const res of [
      await agents.admin.get(api('users', `records/${root.id}/show`)),
      await agents.admin.post(api('users', `records/${root.id}/edit`)).field('email', 'mine@test.co'),
      await agents.admin.post(api('users', `records/${root.id}/resetPassword`)).send({ confirm: 'yes' }),
    ]) expect(refused(res)).toBe(true);
    expect((await User.findByPk(root.id))!.email).toBe('super@test.co');
  });
});

describe('organizations by role', () => {
  it('an org admin edits their organization\'s name and contact fields, not its slug or status, and never another organization', async () => {
    await agents.admin.post(api('organizations', `records/${ids.orgA}/edit`)).field('phone', '555-0100').field('slug', 'taken-over').field('is_active', 'false');
    expect(await Organization.findByPk(ids.orgA)).toMatchObject({ phone: '555-0100', slug: 'alpha', is_active: true });
    const other = await agents.admin.post(api('organizations', `records/${ids.orgB}/edit`)).field('phone', '555-0199');
    expect(refused(other)).toBe(true);
    expect((await Organization.findByPk(ids.orgB))!.phone).not.toBe('555-0199');
  });

  it("an org admin and a superuser set their organization's time zone; a manager and an agent cannot", async () => {
    try {
      for (const [role, zone, allowed] of [['manager', 'America/Denver', false], ['agent', 'America/Denver', false],
        ['admin', 'America/Chicago', true], ['superuser', 'America/Phoenix', true]] as const) {
        await agents[role].post(api('organizations', `records/${ids.orgA}/edit`)).field('timezone', zone);
        expect([role, (await Organization.findByPk(ids.orgA))!.timezone === zone]).toEqual([role, allowed]);
      }
    } finally {
      await Organization.update({ timezone: 'America/New_York' }, { where: { id: ids.orgA } });
    }
  });
});

describe('pages', () => {
  it.each(ROLES)('the dashboard and the board answer %s with their organization\'s figures', async (role) => {
    const dashboard = await agents[role].get('/admin/api/dashboard');
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.scope).toBe(role === 'superuser' ? 'all' : 'organization');
    const board = await agents[role].get('/admin/api/pages/board');
    expect(board.status).toBe(200);
    expect(Array.isArray(board.body.columns)).toBe(true);
  });

  it('signed out, the pages and the export answer nothing but the way to sign in', async () => {
    const anonymous = adminAgent(fixture.app);
    for (const path of ['/admin/api/dashboard', '/admin/api/pages/board', '/admin/api/pages/account', '/admin/export/leads.csv']) {
      const res = await anonymous.get(path);
      expect(res.status).toBe(302);
      expect(res.headers.location).toMatch(/\/admin\/login$/);
    }
  });
});
