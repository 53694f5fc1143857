import type { CreationAttributes, Sequelize } from 'sequelize';
import { Campaign, InsuranceProduct, Lead, LeadSource, Organization, SiteKey, User, UserRole } from '../../models/index.js';
import { PRODUCT_TYPES, SOURCE_TYPES, type ProductType, type SourceType, type StaffRole } from '../../models/value-sets.js';
import { generatePassword, hashPassword, verifyPassword } from '../auth/password.js';
import { newPublishableKey } from '../auth/keys.js';
import { DEMO_CAMPAIGNS, DEMO_ORGANIZATION, DEMO_PRODUCTS, DEMO_SITE_KEY, DEMO_SOURCES } from './demo-catalog.js';
import { copyLeads } from './lead-copy.js';
import { generateLead, type LeadRefs } from './lead-generator.js';
import { createRandom } from './random.js';

export const DEFAULT_ADMIN_EMAIL = 'admin@leadharbor.local';
/** Leads generated from one seed of the PRNG (kept from the first seeder, so data stays reproducible). */
const BLOCK_SIZE = 1000;
/** Leads per COPY statement: each chunk commits on its own, the unit of resuming after an interruption. */
const CHUNK_SIZE = 50_000;
const DAY_MS = 86_400_000;

export interface SeedOptions {
  /** Total demo leads wanted; existing ones count, so a rerun adds nothing. */
  leads: number;
  adminEmail?: string;
  adminPassword?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  organizationId: number;
  leadsCreated: number;
  leadsTotal: number;
  admin: { email: string; created: boolean; passwordUpdated: boolean; generatedPassword?: string };
  /** The demo organization's staff, one per role; a password only for an account made by this run. */
  staff: { email: string; role: StaffRole; created: boolean; generatedPassword?: string }[];
  /** The demo site key: publishable, so printing it is safe. */
  siteKey: { key: string; created: boolean };
}

async function seedCatalog(sequelize: Sequelize): Promise<LeadRefs> {
  return sequelize.transaction(async (transaction) => {
    const [org] = await Organization.findOrCreate({ where: { slug: DEMO_ORGANIZATION.slug }, defaults: DEMO_ORGANIZATION, transaction });
    const productIds = {} as Record<ProductType, number>;
    for (const type of PRODUCT_TYPES) {
      const p = DEMO_PRODUCTS[type];
      const [row] = await InsuranceProduct.findOrCreate({
        where: { slug: p.slug },
        defaults: { name: p.name, slug: p.slug, description: p.description, product_type: type, coverage_amount: p.coverage, premium_range_min: p.min, premium_range_max: p.max },
        transaction,
      });
      productIds[type] = row.id;
    }
    const sourceIds = {} as Record<SourceType, number>;
    for (const type of SOURCE_TYPES) {
      const [row] = await LeadSource.findOrCreate({ where: { slug: DEMO_SOURCES[type].slug }, defaults: { ...DEMO_SOURCES[type], source_type: type }, transaction });
      sourceIds[type] = row.id;
    }
    const campaignIds: number[] = [];
    const now = Date.now();
    for (const { startDaysAgo, endDaysAhead, ...c } of DEMO_CAMPAIGNS) {
      const [row] = await Campaign.findOrCreate({
        where: { slug: c.slug },
        defaults: {
          ...c, organization_id: org.id,
          start_date: new Date(now - startDaysAgo * DAY_MS),
          end_date: endDaysAhead === null ? null : new Date(now + endDaysAhead * DAY_MS),
        },
        transaction,
      });
      campaignIds.push(row.id);
    }
    return { organizationId: org.id, productIds, sourceIds, campaignIds };
  });
}

/** One account per role in the demo organization, so each role's view of the admin can be tried at once. */
const DEMO_STAFF: readonly { role: StaffRole; email: string; first_name: string; last_name: string }[] = [
  { role: 'admin', email: 'org-admin@leadharbor.local', first_name: 'Olivia', last_name: 'Admin' },
  { role: 'manager', email: 'manager@leadharbor.local', first_name: 'Marcus', last_name: 'Manager' },
  { role: 'agent', email: 'agent@leadharbor.local', first_name: 'Ana', last_name: 'Agent' },
];

async function seedStaff(organizationId: number): Promise<SeedResult['staff']> {
  const staff: SeedResult['staff'] = [];
  for (const person of DEMO_STAFF) {
    const existing = await User.findOne({ where: { email: person.email } });
    if (existing) { staff.push({ email: person.email, role: person.role, created: false }); continue; }
    const generatedPassword = generatePassword();
    const user = await User.create({
      email: person.email, first_name: person.first_name, last_name: person.last_name, hashed_password: await hashPassword(generatedPassword),
      is_superuser: false, is_active: true, phone: null, organization_id: organizationId,
    });
    await UserRole.create({ user_id: user.id, role: person.role });
    staff.push({ email: person.email, role: person.role, created: true, generatedPassword });
  }
  return staff;
}

/** How many leads of the demo get a logged call, so their pages show a timeline. */
const DEMO_CALLS = 60;

/**
 * A logged call on the first leads past New, by the demo agent, at the lead's
 * last contact: the lead page's timeline has something in it from the first
 * start. Marked `{"demo": true}`, so a second run adds none.
 */
async function seedActivities(sequelize: Sequelize, organizationId: number): Promise<void> {
  const agent = await User.findOne({ where: { email: DEMO_STAFF.find((p) => p.role === 'agent')!.email }, attributes: ['id'] });
  await sequelize.query(`
    INSERT INTO activities (lead_id, organization_id, user_id, type, direction, outcome, summary, occurred_at, metadata)
    SELECT l.id, l.organization_id, $2, 'call', 'outbound', (ARRAY['connected', 'left_voicemail', 'no_answer'])[1 + l.id % 3],
           (ARRAY['Quoted over the phone; sending the comparison by email', 'Left a voicemail about the quote', 'No answer; trying again tomorrow'])[1 + l.id % 3],
           coalesce(l.last_contact_date, l.created_at + interval '2 hours'), '{"demo": true}'
      FROM leads l
     WHERE l.organization_id = $1 AND l.status <> 'new'
       AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.lead_id = l.id AND a.metadata ? 'demo')
     ORDER BY l.id LIMIT $3`, { bind: [organizationId, agent?.id ?? null, DEMO_CALLS] });
}

/** The platform's superuser, who belongs to no organization. */
async function seedAdmin(email: string, password: string | undefined): Promise<SeedResult['admin']> {
  const existing = await User.scope('withPassword').findOne({ where: { email } });
  if (!existing) {
    const generatedPassword = password ? undefined : generatePassword();
    await User.create({
      email, hashed_password: await hashPassword(password ?? generatedPassword!),
      first_name: 'Platform', last_name: 'Administrator', is_superuser: true, is_active: true,
      phone: null, organization_id: null,
    });
    return { email, created: true, passwordUpdated: false, generatedPassword };
  }
  // ADMIN_PASSWORD is the source of truth when given; otherwise an existing password is never touched.
  if (password && !(await verifyPassword(password, existing.hashed_password))) {
    await existing.update({ hashed_password: await hashPassword(password) });
    return { email, created: false, passwordUpdated: true };
  }
  return { email, created: false, passwordUpdated: false };
}

/** One active site key for the demo organization, found by its name on later runs (its key is random). */
async function seedSiteKey(organizationId: number, webSourceId: number): Promise<SeedResult['siteKey']> {
  const [siteKey, created] = await SiteKey.findOrCreate({
    where: { organization_id: organizationId, name: DEMO_SITE_KEY.name },
    defaults: { ...DEMO_SITE_KEY, organization_id: organizationId, key: newPublishableKey(), default_lead_source_id: webSourceId, is_active: true },
  });
  return { key: siteKey.key, created };
}

/**
 * Loads the demo data idempotently: one organization, a product of each type,
 * a lead source of each type, two campaigns, a site key for the widget,
 * `leads` realistic leads, a superuser (of no organization) and one staff
 * member per role. Leads are streamed with COPY in committed chunks, so an
 * interrupted large seed resumes where it stopped when run again.
 */
export async function seedDemoData(sequelize: Sequelize, options: SeedOptions): Promise<SeedResult> {
  const refs = await seedCatalog(sequelize);
  const admin = await seedAdmin(options.adminEmail ?? DEFAULT_ADMIN_EMAIL, options.adminPassword);
  const staff = await seedStaff(refs.organizationId);
  const siteKey = await seedSiteKey(refs.organizationId, refs.sourceIds.web);

  const existing = await Lead.count({ where: { organization_id: refs.organizationId } });
  const now = Date.now();
  let done = existing;
  options.onProgress?.(Math.min(done, options.leads), options.leads);
  while (done < options.leads) {
    const size = Math.min(CHUNK_SIZE, options.leads - done);
    await copyLeads(sequelize, leadBlocks(done, size, refs, now));
    done += size;
    options.onProgress?.(done, options.leads);
  }
  // Fresh statistics for the planner (the admin's estimated counts) and a visibility map
  // for index-only scans (the list's deep pages): without this, the first minutes after a
  // large seed are slow until autovacuum catches up.
  if (done > existing) await sequelize.query('VACUUM (ANALYZE) leads');
  await seedActivities(sequelize, refs.organizationId);
  return { organizationId: refs.organizationId, leadsCreated: Math.max(0, done - existing), leadsTotal: Math.max(done, existing), admin, staff, siteKey };
}

/**
 * Leads `from + 1 .. from + count` in blocks of BLOCK_SIZE. Each block's
 * generator is seeded by its position, so the same lead numbers get the same
 * data however the work is chunked or resumed.
 */
function* leadBlocks(from: number, count: number, refs: LeadRefs, now: number): Generator<CreationAttributes<Lead>[]> {
  for (let start = from; start < from + count; start += BLOCK_SIZE) {
    const size = Math.min(BLOCK_SIZE, from + count - start);
    const random = createRandom(0x1ead + start);
    yield Array.from({ length: size }, (_, i) => generateLead(start + i + 1, random, refs, now));
  }
}
