import type { CurrentAdmin } from 'adminjs';
import { DEFAULT_STAFF_ROLE, STAFF_ROLES, type StaffRole } from '../../../models/value-sets.js';
import { asAdmin } from '../current-admin.js';

/** Who is asking: a platform superuser, or staff of an organization by role. */
export type Actor = 'superuser' | StaffRole;

/** A role read from anywhere (a session, a row, a form) as a role, or the least privilege. */
export function staffRole(value: unknown): StaffRole {
  return (STAFF_ROLES as readonly unknown[]).includes(value) ? (value as StaffRole) : DEFAULT_STAFF_ROLE;
}

/** The actor of a signed-in staff member; `undefined` when nobody is signed in. */
export function actorOf(currentAdmin: CurrentAdmin | undefined): Actor | undefined {
  const admin = asAdmin(currentAdmin);
  if (!admin) return undefined;
  return admin.is_superuser === true ? 'superuser' : staffRole(admin.role);
}
