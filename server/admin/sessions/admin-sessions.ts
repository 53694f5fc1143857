import type AdminJS from 'adminjs';
import express, { type RequestHandler, type Router } from 'express';
import type { Sequelize } from 'sequelize';
import { createConcurrencyLimit, type ConcurrencyLimit } from '../../auth/concurrency-limit.js';
import type { Logger } from '../../logger.js';
import { sessionGuard } from './session-guard.js';
import { sessionLifetimes, type SessionConfig } from './session-policy.js';
import { signInHandler } from './sign-in.js';
import { signOutHandler } from './sign-out.js';
import { createSignInThrottle } from './sign-in-throttle.js';

/** Password checks at once, and waiting: beyond both a sign-in is refused (503) rather than starving other requests. */
const PASSWORD_CHECKS = { concurrency: 2, queue: 32 } as const;

export interface AdminSessionsDeps {
  sequelize: Sequelize;
  admin: AdminJS;
  config: SessionConfig;
  /** express-session configured for the admin; AdminJS's own router then finds the session already loaded. */
  session: RequestHandler;
  cookieName: string;
  logger?: Logger;
  /** Tests pass a smaller one. */
  passwordChecks?: ConcurrencyLimit;
}

/**
 * Mounted at /admin before AdminJS's router: loads the session, takes over
 * sign-in (POST /login) and sign-out (GET and POST /logout), and checks
 * every signed-in request against the session policy and the user's
 * current state. GET /login (the page) stays AdminJS's.
 */
export function adminSessionsRouter({ sequelize, admin, config, session, cookieName, logger, passwordChecks = createConcurrencyLimit(PASSWORD_CHECKS) }: AdminSessionsDeps): Router {
  const { loginPath, rootPath } = admin.options;
  const local = (path: string) => path.slice(rootPath.length) || '/';
  const router = express.Router();
  router.use(session);
  router.post(local(loginPath), signInHandler({ sequelize, admin, throttle: createSignInThrottle(sequelize), passwordChecks, logger }));
  const signOut = signOutHandler({ sequelize, loginPath, cookieName });
  router.get(local(admin.options.logoutPath), signOut);
  router.post(local(admin.options.logoutPath), signOut);
  router.use(sessionGuard({ sequelize, lifetimes: sessionLifetimes(config), cookieName }));
  return router;
}
