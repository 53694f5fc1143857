import type { CurrentAdmin } from 'adminjs';
import type { StaffRole } from '../../models/value-sets.js';

/** What the admin session holds about the signed-in staff member. */
export interface AdminSessionUser extends CurrentAdmin {
  /** users.id as a string, as AdminJS types it. */
  id: string;
  email: string;
  title: string;
  is_superuser: boolean;
  organization_id: number | null;
  /** The role in the organization (ignored for a superuser); see access/access-policy.ts. */
  role: StaffRole;
}

export function asAdmin(currentAdmin: CurrentAdmin | undefined): AdminSessionUser | undefined {
  return currentAdmin as AdminSessionUser | undefined;
}

export function isSuperuser(currentAdmin: CurrentAdmin | undefined): boolean {
  return asAdmin(currentAdmin)?.is_superuser === true;
}

/**
 * The organization a staff member is confined to; `undefined` for a superuser
 * (no confinement). Staff without an organization are confined to none (-1).
 */
export function confinedOrganization(currentAdmin: CurrentAdmin | undefined): number | undefined {
  const admin = asAdmin(currentAdmin);
  if (!admin) return -1;
  if (admin.is_superuser) return undefined;
  return admin.organization_id ?? -1;
}
