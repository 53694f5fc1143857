import type AdminJS from 'adminjs';
import type { Request, RequestHandler, Response } from 'express';
import type { Sequelize } from 'sequelize';
import { verifyPassword } from '../../auth/password.js';
import { BusyError, type ConcurrencyLimit } from '../../auth/concurrency-limit.js';
import { clientAddress, peerAddress } from '../../http/client-address.js';
import type { Logger } from '../../logger.js';
import { DUMMY_HASH } from '../auth.js';
import { readSignInFields, SignInBodyError } from './sign-in-body.js';
import { findAccountByEmail } from './session-user.js';
import { LOCK_MINUTES, type SignInThrottle, type ThrottleScope } from './sign-in-throttle.js';

/** AdminJS's message key for a wrong email or password (admin-locale.ts words it). */
const INVALID_CREDENTIALS = 'invalidCredentials';
export const FIELDS_MISSING = 'Enter your work email and your password.';
export const THROTTLED_MESSAGES: Record<ThrottleScope, string> = {
  email: `Too many failed sign-ins for this email. Try again in ${LOCK_MINUTES} minutes.`,
  address: `Too many failed sign-ins from your network. Try again in ${LOCK_MINUTES} minutes.`,
};

const PASSWORD_MAX = 1024;
/** One sign-in in this many prunes stale counters. */
const PRUNE_EVERY = 100;

export interface SignInDeps {
  sequelize: Sequelize;
  admin: AdminJS;
  throttle: SignInThrottle;
  /** Bounds the password checks running and waiting at once. */
  passwordChecks: ConcurrencyLimit;
  logger?: Logger;
}

/** Answers a refused sign-in with the login page and its message (HTML), or a problem document for a client asking for JSON. */
async function refuse(admin: AdminJS, req: Request, res: Response, status: number, message: string, headers: Record<string, string> = {}): Promise<void> {
  res.status(status).set(headers).set('Cache-Control', 'no-store');
  if (req.accepts(['html', 'json']) === 'json') {
    res.type('application/problem+json').json({ status, detail: message === INVALID_CREDENTIALS ? 'Wrong email or password.' : message });
    return;
  }
  res.type('html').send(await admin.renderLogin({ action: admin.options.loginPath, errorMessage: message }));
}

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => { req.session.regenerate((error) => (error ? reject(error) : resolve())); });
}
function save(req: Request): Promise<void> {
  return new Promise((resolve, reject) => { req.session.save((error) => (error ? reject(error) : resolve())); });
}

/**
 * POST /admin/login, in place of AdminJS's own: reads the form (a body that
 * cannot be read is a 400/413/415, never a 500), counts the attempt per
 * email and per client address before any password is checked (429 with
 * Retry-After when either is locked), checks the password within the
 * concurrency bound (503 with Retry-After when full), and on success starts
 * a NEW session (a session id planted before sign-in is worthless after it).
 * An unknown email, a wrong password and an inactive user get the same 401.
 */
export function signInHandler({ sequelize, admin, throttle, passwordChecks, logger }: SignInDeps): RequestHandler {
  return async (req, res, next) => {
    try {
      let fields;
      try {
        fields = await readSignInFields(req, res);
      } catch (error) {
        if (error instanceof SignInBodyError) return await refuse(admin, req, res, error.status, error.message);
        throw error;
      }
      const email = fields.email.trim().toLowerCase();
      // Nothing was checked yet, so say what is missing: "Wrong email or password" sent staff who had left a field empty to reset a password that was fine.
      if (!email || !fields.password) return await refuse(admin, req, res, 401, FIELDS_MISSING);
      if (fields.password.length > PASSWORD_MAX) return await refuse(admin, req, res, 401, INVALID_CREDENTIALS);
      // A forwarded entry that is not an address (a proxy passing on garbage) still counts, as the connection's.
      const address = clientAddress(req) ?? peerAddress(req);
      const admission = await throttle.admit(email, address);
      if (!admission.admitted) {
        return await refuse(admin, req, res, 429, THROTTLED_MESSAGES[admission.scope], { 'Retry-After': String(admission.retryAfterSeconds) });
      }
      if (Math.floor(Math.random() * PRUNE_EVERY) === 0) throttle.prune().catch((error: unknown) => logger?.warn(`pruning sign-in attempts failed: ${String(error)}`));
      let checked;
      try {
        checked = await passwordChecks.run(async () => {
          const account = await findAccountByEmail(sequelize, email);
          return { account, ok: await verifyPassword(fields.password, account?.hashed_password ?? DUMMY_HASH) };
        });
      } catch (error) {
        if (error instanceof BusyError) return await refuse(admin, req, res, 503, error.message, { 'Retry-After': String(error.retryAfterSeconds) });
        throw error;
      }
      const { account, ok } = checked;
      if (!account || !ok || !account.is_active) return await refuse(admin, req, res, 401, INVALID_CREDENTIALS);
      await throttle.succeeded(email, address);
      await regenerate(req);
      const now = Date.now();
      req.session.adminUser = account.user;
      req.session.signedInAt = now;
      req.session.lastSeenAt = now;
      req.session.generation = account.generation;
      await save(req);
      res.redirect(302, admin.options.rootPath);
    } catch (error) {
      next(error);
    }
  };
}
