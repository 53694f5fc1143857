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
  /** The organization's time zone (IANA name), in which the admin shows times; the default for a superuser without one. */
  timezone: string;
}

export function asAdmin(currentAdmin: CurrentAdmin | undefined): AdminSessionUser | undefined {
  return currentAdmin as AdminSessionUser | undefined;
}

export function isSuperuser(currentAdmin: CurrentAdmin | undefined): boolean {
  return asAdmin(currentAdmin)?.is_superuser === true;
}
