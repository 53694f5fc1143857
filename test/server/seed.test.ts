import type { Sequelize } from 'sequelize';
import { Campaign, InsuranceProduct, Lead, LeadSource, Organization, SiteKey, User, UserRole } from '../../models/index.js';
import { LEAD_STATUSES, PRODUCT_TYPES, SOURCE_TYPES } from '../../models/value-sets.js';
import { verifyPassword } from '../../server/auth/password.js';
import { CONSENT_TEMPLATES } from '../../server/intake/consent-template.js';
import { DEMO_ORGANIZATION } from '../../server/seed/demo-catalog.js';
import { DEFAULT_ADMIN_EMAIL, seedDemoData } from '../../server/seed/seed.js';
import { connect, createTestDatabase, migrate, type TestDatabase } from '../support/test-database.js';

let db: TestDatabase;
let sequelize: Sequelize;

beforeAll(async () => {
  db = await createTestDatabase('seed');
  await migrate(db.url);
  sequelize = connect(db.url);
});
afterAll(async () => {
  await sequelize?.close();
  await db?.drop();
});

describe('demo seed', () => {
  let first: Awaited<ReturnType<typeof seedDemoData>>;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    first = await seedDemoData(sequelize, { leads: 200, onProgress: (done, total) => progress.push([done, total]) });
  });

  it('creates one organization, a product of each type, a source of each type and two campaigns', async () => {
    expect(await Organization.count()).toBe(1);
    expect((await InsuranceProduct.findAll()).map((p) => p.product_type).sort()).toEqual([...PRODUCT_TYPES].sort());
    expect((await LeadSource.findAll()).map((s) => s.source_type).sort()).toEqual([...SOURCE_TYPES].sort());
    const campaigns = await Campaign.findAll();
    expect(campaigns).toHaveLength(2);
    expect(campaigns.every((c) => c.organization_id === first.organizationId)).toBe(true);
  });

  it('creates 200 leads of the organization, spread over every status and product', async () => {
    expect(first.leadsCreated).toBe(200);
    const leads = await Lead.findAll({ include: ['insuranceProduct'] });
    expect(leads).toHaveLength(200);
    expect(new Set(leads.map((l) => l.organization_id))).toEqual(new Set([first.organizationId]));
    expect(new Set(leads.map((l) => l.status))).toEqual(new Set(LEAD_STATUSES));
    const productTypes = new Set(leads.map((l) => (l as Lead & { insuranceProduct: InsuranceProduct }).insuranceProduct.product_type));
    expect(productTypes).toEqual(new Set(PRODUCT_TYPES));
    expect(new Set(leads.map((l) => l.email)).size).toBe(200);
    for (const lead of leads) {
      expect(lead.email).toMatch(/^[a-z.]+\.\d+@example\.(com|net|org)$/);
      if (lead.phone) expect(lead.phone).toMatch(/^\+1\d{10}$/);
      expect(lead.score).toBeGreaterThanOrEqual(0);
      expect(lead.score).toBeLessThanOrEqual(100);
      expect(lead.priority).toBe(lead.score! >= 70 ? 'high' : lead.score! >= 40 ? 'medium' : 'low');
    }
    expect(progress.at(-1)).toEqual([200, 200]);
  });

  it('creates a superuser with a generated password that verifies, shown only once', async () => {
    expect(first.admin).toMatchObject({ email: DEFAULT_ADMIN_EMAIL, created: true });
    expect(first.admin.generatedPassword).toMatch(/^[A-Za-z0-9_-]{18}$/);
    const admin = await User.scope('withPassword').findOne({ where: { email: DEFAULT_ADMIN_EMAIL } });
    expect(admin).toMatchObject({ is_superuser: true, is_active: true, organization_id: null }); // superusers belong to no organization
    expect(admin!.hashed_password).toMatch(/^\$2[aby]\$12\$/); // bcrypt, cost 12
    expect(await verifyPassword(first.admin.generatedPassword!, admin!.hashed_password)).toBe(true);
  });

  it('creates an org admin, a manager and an agent in the demo organization, each with a password shown once', async () => {
    expect(first.staff.map((s) => s.role)).toEqual(['admin', 'manager', 'agent']);
    for (const person of first.staff) {
      const user = await User.scope('withPassword').findOne({ where: { email: person.email } });
      expect(user).toMatchObject({ is_superuser: false, is_active: true, organization_id: first.organizationId });
      expect(await verifyPassword(person.generatedPassword!, user!.hashed_password)).toBe(true);
      expect((await UserRole.findByPk(user!.id))?.role).toBe(person.role);
    }
  });

  it('gives the demo organization one active site key for the local widget, with consent text and the web source', async () => {
    const keys = await SiteKey.findAll({ raw: true });
    expect(keys).toHaveLength(1);
    const web = await LeadSource.findOne({ where: { source_type: 'web' } });
    expect(keys[0]).toMatchObject({
      organization_id: first.organizationId, is_active: true, consent_version: 'v1', default_lead_source_id: web!.id,
      allowed_origins: ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://localhost:5173', 'http://127.0.0.1:5173'],
    });
    expect(keys[0]!.key).toMatch(/^pk_[A-Za-z0-9]{32}$/);
    expect(keys[0]!.consent_text).toBe(CONSENT_TEMPLATES.en(DEMO_ORGANIZATION.name));
    expect(keys[0]!.consent_text_es).toBe(CONSENT_TEMPLATES.es(DEMO_ORGANIZATION.name));
    expect(first.siteKey).toEqual({ key: keys[0]!.key, created: true });
  });

  it('is idempotent: a second run adds nothing and keeps the password', async () => {
    const again = await seedDemoData(sequelize, { leads: 200 });
    expect(again).toMatchObject({ leadsCreated: 0, leadsTotal: 200, admin: { created: false, passwordUpdated: false } });
    expect(again.admin.generatedPassword).toBeUndefined();
    expect(again.staff.every((p) => !p.created && p.generatedPassword === undefined)).toBe(true);
    expect(again.siteKey).toEqual({ key: first.siteKey.key, created: false });
    expect(await SiteKey.count()).toBe(1);
    expect([await Organization.count(), await InsuranceProduct.count(), await LeadSource.count(), await Campaign.count(), await Lead.count(), await User.count()])
      .toEqual([1, 7, 8, 2, 200, 4]);
  });

  it('tops up to a larger --leads count and takes ADMIN_PASSWORD as the truth', async () => {
    const result = await seedDemoData(sequelize, { leads: 250, adminEmail: DEFAULT_ADMIN_EMAIL, adminPassword: 'a-new-long-password' });
    expect(result).toMatchObject({ leadsCreated: 50, leadsTotal: 250, admin: { passwordUpdated: true } });
    const admin = await User.scope('withPassword').findOne({ where: { email: DEFAULT_ADMIN_EMAIL } });
    expect(await verifyPassword('a-new-long-password', admin!.hashed_password)).toBe(true);
    expect(new Set((await Lead.findAll({ attributes: ['email'] })).map((l) => l.email)).size).toBe(250);
  });

  it('never exposes hashed_password through the default scope', async () => {
    const admin = await User.findOne({ where: { email: DEFAULT_ADMIN_EMAIL } });
    expect(admin!.get()).not.toHaveProperty('hashed_password');
  });
});
