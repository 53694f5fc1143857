import type { Sequelize } from 'sequelize';
import { verifyPassword } from '../auth/password.js';
import type { AdminSessionUser } from './current-admin.js';
import { findAccountByEmail } from './sessions/session-user.js';

/** A hash to compare against when the email is unknown, so timing does not reveal which emails exist. */
export const DUMMY_HASH = '$2b$12$t/w6g1/rzjcBZxuEj9V75OynAkHcKSxJAA2YF392otk35ExHnQMPe';

/**
 * Email + bcrypt check against `users`, in AdminJS's `authenticate` shape
 * (the benchmark's stock AdminJS uses it). An inactive user gets exactly the
 * answer a wrong password gets. Unthrottled: LeadHarbor's sign-in is
 * sessions/sign-in.ts.
 */
export function createAuthenticate(sequelize: Sequelize) {
  return async (email: string | undefined, password: string | undefined): Promise<AdminSessionUser | null> => {
    const normalized = String(email ?? '').trim().toLowerCase();
    if (!normalized) return null;
    const account = await findAccountByEmail(sequelize, normalized);
    const ok = await verifyPassword(String(password ?? ''), account?.hashed_password ?? DUMMY_HASH);
    return account && ok && account.is_active ? account.user : null;
  };
}

/**
 * What LeadHarbor's AdminJS router is built with: sign-in is
 * sessions/sign-in.ts, mounted before it (throttled, bounded, with a new
 * session id), so AdminJS's own POST /login is never reached; should it
 * ever be, it signs nobody in, leaving no way around the throttle.
 */
export const refuseSignIn = async (): Promise<AdminSessionUser | null> => null;
