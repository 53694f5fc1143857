import type { RequestHandler } from 'express';
import type { Sequelize } from 'sequelize';
import { endAllSessions } from '../accounts/end-sessions.js';

/**
 * GET and POST /admin/logout: ends every session of the signed-in user (all
 * devices, all app instances), not only this one, clears the cookie and
 * goes to the login page. Without a signed-in user it only does the last two.
 */
export function signOutHandler({ sequelize, loginPath, cookieName }: { sequelize: Sequelize; loginPath: string; cookieName: string }): RequestHandler {
  return async (req, res, next) => {
    try {
      const userId = Number(req.session?.adminUser?.id);
      if (Number.isSafeInteger(userId) && userId > 0) await endAllSessions(sequelize, userId);
      await new Promise<void>((resolve, reject) => {
        if (!req.session) return resolve();
        req.session.destroy((error) => (error ? reject(error) : resolve()));
      });
      res.clearCookie(cookieName, { path: '/' }).set('Cache-Control', 'no-store').redirect(302, loginPath);
    } catch (error) {
      next(error);
    }
  };
}
