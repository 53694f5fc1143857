import { QueryTypes, type Sequelize } from 'sequelize';
import { Activity, Lead, Organization, Tag, User } from '../models/index.js';
import { hashPassword } from '../server/auth/password.js';
import { renderProgress } from '../server/db/progress.js';
import { seedDemoData } from '../server/seed/seed.js';

/**
 * The data `npm run bench:admin` measures on, made once and topped up on later
 * runs: the demo organization's leads, a second organization (so staff
 * confinement has rows to leave out), the bench's staff, a lead with a long
 * timeline and a tag on 1 lead in 100.
 */

/** The entries of the busiest lead's timeline (issue 13: a lead page with 5,000 opens as fast as one with five). */
export const TIMELINE_ENTRIES = 5_000;
/** A second organization, so staff confinement has rows to leave out. */
const RIVAL = { name: 'Rival Brokerage (bench)', slug: 'bench-rival', leads: 20_000 };

export interface BenchPeople { leads: number; superEmail: string; staffEmail: string; password: string }

export async function seedBenchData(
  sequelize: Sequelize, { leads: LEADS, superEmail: SUPER_EMAIL, staffEmail: STAFF_EMAIL, password: PASSWORD }: BenchPeople, log: (line: string) => void,
): Promise<{ orgId: number; rivalId: number; middleEmail: string; middleLastName: string; busyLeadId: number; tagId: number }> {
  const started = performance.now();
  const result = await seedDemoData(sequelize, {
    leads: LEADS, adminEmail: SUPER_EMAIL, adminPassword: PASSWORD, onProgress: renderProgress('leads', process.stderr),
  });
  if (result.leadsCreated) {
    const seconds = (performance.now() - started) / 1000;
    log(`Seeded ${result.leadsCreated} leads in ${seconds.toFixed(1)} s (${Math.round(result.leadsCreated / seconds)} leads/s)`);
  }
  const [rival] = await Organization.findOrCreate({ where: { slug: RIVAL.slug }, defaults: { name: RIVAL.name, slug: RIVAL.slug } as never });
  if ((await Lead.count({ where: { organization_id: rival.id } })) === 0) {
    log(`Copying ${RIVAL.leads} leads into a second organization`);
    const columns = Object.keys(Lead.getAttributes()).filter((c) => c !== 'id' && c !== 'organization_id' && c !== 'campaign_id');
    await sequelize.query(
      `INSERT INTO leads (${columns.join(', ')}, organization_id)
       SELECT ${columns.join(', ')}, $1 FROM leads WHERE organization_id = $2 ORDER BY id LIMIT ${RIVAL.leads}`,
      { bind: [rival.id, result.organizationId] },
    );
    await sequelize.query('VACUUM (ANALYZE) leads');
  }
  const hash = await hashPassword(PASSWORD);
  const [staff] = await User.scope('withPassword').findOrCreate({
    where: { email: STAFF_EMAIL },
    defaults: { email: STAFF_EMAIL, hashed_password: hash, first_name: 'Bench', last_name: 'Staff', organization_id: result.organizationId } as never,
  });
  await staff.update({ hashed_password: hash, organization_id: result.organizationId, is_active: true, is_superuser: false });
  const middle = Math.floor(LEADS / 2);
  const [row] = await sequelize.query<{ email: string; last_name: string }>(
    `SELECT email, last_name FROM leads WHERE email LIKE '%.${middle}@%' AND organization_id = ${result.organizationId} LIMIT 1`, { type: QueryTypes.SELECT },
  );
  if (!row) throw new Error(`No lead number ${middle} found to search for`);
  // The busiest lead: its timeline holds TIMELINE_ENTRIES activities (inbound, so the contact-date trigger stays out of the seeding).
  const busyLeadId = (await Lead.findOne({ where: { organization_id: result.organizationId }, order: [['id', 'ASC']], attributes: ['id'] }))!.id;
  const have = await Activity.count({ where: { lead_id: busyLeadId } });
  if (have < TIMELINE_ENTRIES) {
    log(`Adding ${TIMELINE_ENTRIES - have} activities to lead ${busyLeadId}`);
    await sequelize.query(
      `INSERT INTO activities (lead_id, organization_id, type, direction, summary, occurred_at)
       SELECT $1, $2, 'call', 'inbound', 'Bench call ' || g, now() - g * interval '1 hour' FROM generate_series(1, $3) g`,
      { bind: [busyLeadId, result.organizationId, TIMELINE_ENTRIES - have] },
    );
    await sequelize.query('VACUUM (ANALYZE) activities');
  }
  // One tag on every 100th lead of the organization: the list filtered by it (issue 13: under 100 ms at 1M leads).
  const [tag] = await Tag.findOrCreate({ where: { organization_id: result.organizationId, slug: 'bench-vip' }, defaults: { organization_id: result.organizationId, name: 'Bench VIP', slug: 'bench-vip', colour: 'blue' } as never });
  const [{ tagged }] = await sequelize.query<{ tagged: string }>('SELECT count(*) AS tagged FROM lead_tags WHERE tag_id = $1', { bind: [tag.id], type: QueryTypes.SELECT });
  if (Number(tagged) === 0) {
    log('Tagging every 100th lead');
    await sequelize.query(`INSERT INTO lead_tags (lead_id, tag_id) SELECT id, $1 FROM leads WHERE organization_id = $2 AND id % 100 = 0`, { bind: [tag.id, result.organizationId] });
    await sequelize.query('VACUUM (ANALYZE) lead_tags');
  }
  return { orgId: result.organizationId, rivalId: rival.id, middleEmail: row.email, middleLastName: row.last_name, busyLeadId, tagId: tag.id };
}
