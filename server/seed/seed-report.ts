import { STAFF_ROLE_LABELS } from '../../models/value-sets.js';
import type { SeedResult } from './seed.js';

/** What `db:seed` and `npm run demo` tell the user after seeding: the counts, the superuser (its password once) and the demo site key. */
export function seedReport(result: SeedResult): string[] {
  const lines = [`Demo organization #${result.organizationId}: ${result.leadsTotal} leads (${result.leadsCreated} added now).`];
  const { admin } = result;
  if (admin.generatedPassword) {
    lines.push(`Created superuser ${admin.email} with password: ${admin.generatedPassword}`);
    lines.push('This password is shown once. Set ADMIN_EMAIL and ADMIN_PASSWORD to choose your own.');
  } else if (admin.created) lines.push(`Created superuser ${admin.email} (password from ADMIN_PASSWORD).`);
  else if (admin.passwordUpdated) lines.push(`Superuser ${admin.email} exists; its password now matches ADMIN_PASSWORD.`);
  else lines.push(`Superuser ${admin.email} already exists; its password is unchanged.`);
  for (const person of result.staff) {
    const role = STAFF_ROLE_LABELS[person.role];
    lines.push(person.generatedPassword ? `Created ${role.toLowerCase()} ${person.email} with password: ${person.generatedPassword}` : `${role} ${person.email} already exists; its password is unchanged.`);
  }
  if (result.staff.some((p) => p.generatedPassword)) lines.push('These staff passwords are shown once; each person can change theirs under My account.');
  lines.push(`Demo site key${result.siteKey.created ? ' (new)' : ''}: ${result.siteKey.key}`);
  lines.push('  Its page in the admin (Integrations > Site keys) shows the tag to embed the quote widget.');
  return lines;
}
