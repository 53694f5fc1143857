import { QueryTypes, type Sequelize } from 'sequelize';
import { staffRole } from '../access/actor.js';
import { DEFAULT_TIME_ZONE } from '../../../models/time-zones.js';
import type { AdminSessionUser } from '../current-admin.js';

/** A staff member as a sign-in or a request reads them, with what the session needs to stay valid. */
export interface StaffAccount {
  user: AdminSessionUser;
  is_active: boolean;
  hashed_password: string;
  /** admin_session_generations.generation (0 without a row): ending all sessions bumps it. */
  generation: number;
}

interface AccountRow {
  id: number; email: string; first_name: string; last_name: string; is_superuser: boolean; is_active: boolean;
  organization_id: number | null; hashed_password: string; role: string | null; generation: number; timezone: string | null;
}

const ACCOUNT_SQL = `
  SELECT u.id, u.email, u.first_name, u.last_name, u.is_superuser, u.is_active, u.organization_id, u.hashed_password,
         r.role, COALESCE(g.generation, 0) AS generation, o.timezone
    FROM users u
    LEFT JOIN organizations o ON o.id = u.organization_id
    LEFT JOIN user_roles r ON r.user_id = u.id
    LEFT JOIN admin_session_generations g ON g.user_id = u.id`;

function toAccount(row: AccountRow): StaffAccount {
  return {
    user: {
      id: String(row.id),
      email: row.email,
      title: `${row.first_name} ${row.last_name}`,
      is_superuser: row.is_superuser,
      organization_id: row.organization_id ?? null,
      role: staffRole(row.role),
      // A superuser without an organization sees the default zone (labelled, as every time is).
      timezone: row.timezone ?? DEFAULT_TIME_ZONE,
    },
    is_active: row.is_active,
    hashed_password: row.hashed_password,
    generation: Number(row.generation),
  };
}

/** The account of a (lower-cased) email, in one query: user, role and session generation. */
export async function findAccountByEmail(sequelize: Sequelize, email: string): Promise<StaffAccount | null> {
  const [row] = await sequelize.query<AccountRow>(`${ACCOUNT_SQL} WHERE u.email = $1`, { bind: [email], type: QueryTypes.SELECT });
  return row ? toAccount(row) : null;
}

/**
 * Re-reads the signed-in user for a request, so deactivation, a role change
 * or a move to another organization counts from the next request on. Null
 * when the user is gone, inactive, or every session of theirs was ended
 * after this one began (its generation is older).
 */
export async function loadSessionUser(sequelize: Sequelize, userId: string, generation: number): Promise<AdminSessionUser | null> {
  if (!/^\d{1,10}$/.test(userId)) return null;
  const [row] = await sequelize.query<AccountRow>(`${ACCOUNT_SQL} WHERE u.id = $1`, { bind: [Number(userId)], type: QueryTypes.SELECT });
  if (!row) return null;
  const account = toAccount(row);
  if (!account.is_active || account.generation !== generation) return null;
  return account.user;
}

/** Whether two session users differ in anything the admin shows or decides on. */
export function sameSessionUser(a: AdminSessionUser, b: AdminSessionUser): boolean {
  return a.id === b.id && a.email === b.email && a.title === b.title && a.is_superuser === b.is_superuser
    && a.organization_id === b.organization_id && a.role === b.role && a.timezone === b.timezone;
}
