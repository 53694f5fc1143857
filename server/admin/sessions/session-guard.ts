import type { RequestHandler } from 'express';
import type { Sequelize } from 'sequelize';
import { loadSessionUser, sameSessionUser } from './session-user.js';
import { sessionExpiry, TOUCH_INTERVAL_MS, type SessionLifetimes } from './session-policy.js';

/**
 * Runs before every admin route: a signed-in session past its idle or
 * absolute lifetime, or whose user is gone, inactive or signed out
 * everywhere, is destroyed, and the request goes on as anonymous (AdminJS
 * sends it to the login page). Otherwise the user is re-read, so
 * `currentAdmin` carries today's role and organization, and lastSeenAt moves.
 */
export function sessionGuard({ sequelize, lifetimes, cookieName }: { sequelize: Sequelize; lifetimes: SessionLifetimes; cookieName: string }): RequestHandler {
  return async (req, res, next) => {
    const session = req.session;
    const signedIn = session?.adminUser;
    if (!signedIn) return next();
    try {
      const now = Date.now();
      const user = sessionExpiry(session, lifetimes, now) ? null : await loadSessionUser(sequelize, String(signedIn.id), Number(session.generation));
      if (!user) {
        await new Promise<void>((resolve, reject) => { session.destroy((error) => (error ? reject(error) : resolve())); });
        res.clearCookie(cookieName, { path: '/' });
        return next();
      }
      if (!sameSessionUser(user, signedIn)) session.adminUser = user;
      if (now - session.lastSeenAt! >= TOUCH_INTERVAL_MS) session.lastSeenAt = now;
      next();
    } catch (error) {
      next(error);
    }
  };
}
