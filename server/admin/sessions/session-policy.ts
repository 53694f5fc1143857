import type { Config } from '../../config.js';
import type { AdminSessionUser } from '../current-admin.js';

declare module 'express-session' {
  interface SessionData {
    adminUser?: AdminSessionUser;
    /** Epoch milliseconds of the sign-in: the absolute lifetime counts from here. */
    signedInAt?: number;
    /** Epoch milliseconds of the last request (to within TOUCH_INTERVAL_MS): the idle lifetime counts from here. */
    lastSeenAt?: number;
    /** The user's session generation at sign-in; see session-user.ts. */
    generation?: number;
  }
}

export type SessionConfig = Pick<Config, 'ADMIN_SESSION_IDLE_MINUTES' | 'ADMIN_SESSION_ABSOLUTE_HOURS'>;

export interface SessionLifetimes {
  idleMs: number;
  absoluteMs: number;
}

/**
 * lastSeenAt is written back at most this often, so a busy admin page does
 * not write its session on every request; idle expiry is exact to within it.
 */
export const TOUCH_INTERVAL_MS = 60_000;

export function sessionLifetimes(config: SessionConfig): SessionLifetimes {
  return { idleMs: config.ADMIN_SESSION_IDLE_MINUTES * 60_000, absoluteMs: config.ADMIN_SESSION_ABSOLUTE_HOURS * 3_600_000 };
}

/**
 * Why a signed-in session is over, or null while it is alive: `absolute`
 * past its lifetime since sign-in, `idle` past the idle lifetime since its
 * last request. A session without the timestamps (made before they existed,
 * or forged) is over.
 */
export function sessionExpiry(session: { signedInAt?: unknown; lastSeenAt?: unknown }, lifetimes: SessionLifetimes, now = Date.now()): 'idle' | 'absolute' | null {
  const { signedInAt, lastSeenAt } = session;
  if (typeof signedInAt !== 'number' || typeof lastSeenAt !== 'number') return 'absolute';
  if (now - signedInAt >= lifetimes.absoluteMs || signedInAt > now + TOUCH_INTERVAL_MS) return 'absolute';
  if (now - lastSeenAt >= lifetimes.idleMs) return 'idle';
  return null;
}
