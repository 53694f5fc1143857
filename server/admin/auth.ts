import type { Sequelize } from 'sequelize';
import { User, UserRole } from '../../models/index.js';
import { staffRole } from './access/actor.js';
import { verifyPassword } from '../auth/password.js';
import type { AdminSessionUser } from './current-admin.js';
import { LOCK_MINUTES, MAX_FAILURES, createLoginThrottle } from './login-throttle.js';

export const THROTTLED_MESSAGE = `Too many failed sign-ins for this email. Try again in ${LOCK_MINUTES} minutes.`;

/** A hash to compare against when the email is unknown, so timing does not reveal which emails exist. */
const DUMMY_HASH = '$2b$12$t/w6g1/rzjcBZxuEj9V75OynAkHcKSxJAA2YF392otk35ExHnQMPe';

/**
 * Email + bcrypt login against `users`. An inactive user gets exactly the
 * answer a wrong password gets; after MAX_FAILURES failures an email is
 * locked for LOCK_MINUTES, whichever instance the attempts hit.
 */
export function createAuthenticate(sequelize: Sequelize) {
  const throttle = createLoginThrottle(sequelize);
  return async (email: string | undefined, password: string | undefined): Promise<AdminSessionUser | null> => {
    const normalized = String(email ?? '').trim().toLowerCase();
    if (!normalized) return null;
    if (await throttle.isLocked(normalized)) throw new Error(THROTTLED_MESSAGE);
    const user = await User.scope('withPassword').findOne({ where: { email: normalized }, include: [{ model: UserRole, as: 'staffRole', required: false }] });
    const ok = await verifyPassword(String(password ?? ''), user?.hashed_password ?? DUMMY_HASH);
    if (!user || !ok || !user.is_active) {
      await throttle.recordFailure(normalized);
      return null;
    }
    await throttle.reset(normalized);
    return {
      id: String(user.id),
      email: user.email,
      title: `${user.first_name} ${user.last_name}`,
      is_superuser: user.is_superuser,
      organization_id: user.organization_id ?? null,
      role: staffRole((user.get('staffRole') as UserRole | null)?.role),
    };
  };
}

export { MAX_FAILURES };
