import { QueryTypes, type Sequelize } from 'sequelize';

/** Sign-in attempts one email may fail within WINDOW_MINUTES before it is locked for LOCK_MINUTES. */
export const EMAIL_LIMIT = 5;
/** Sign-in attempts one client address may fail within WINDOW_MINUTES, over every email, before it is locked. */
export const ADDRESS_LIMIT = 20;
const WINDOW_MINUTES = 15;
export const LOCK_MINUTES = 15;

export type ThrottleScope = 'email' | 'address';

export type Admission =
  | { admitted: true }
  | { admitted: false; scope: ThrottleScope; retryAfterSeconds: number };

interface CounterRow { scope: ThrottleScope; attempts: number; retry_after: number | null }

const LIMITS: Record<ThrottleScope, number> = { email: EMAIL_LIMIT, address: ADDRESS_LIMIT };
const KEY_MAX = 255;
/** A counter whose lock, or (unlocked) whose window, is over: it starts again at this attempt. */
const STALE = `COALESCE(a.locked_until, a.window_started_at + make_interval(mins => ${WINDOW_MINUTES})) <= EXCLUDED.window_started_at`;

/**
 * Counts a sign-in attempt per email and per client address in
 * `sign_in_attempts`, BEFORE its password is checked, in one statement: the
 * upsert takes each row's lock, so of twenty parallel guesses for one email
 * exactly the first EMAIL_LIMIT are admitted, on one app instance or many.
 * An attempt counts as failed until it succeeds: a success clears the email's
 * counter and takes its own attempt back from the address's (which keeps
 * counting everybody else's failures). A counter reaching its limit locks
 * for LOCK_MINUTES; a counter whose window (or lock) is over starts again.
 */
export function createSignInThrottle(sequelize: Sequelize) {
  return {
    /** Counts the attempt; `admitted: false` when the email or the address is locked. */
    async admit(email: string, address: string | null): Promise<Admission> {
      const keys: [ThrottleScope, string][] = [['email', email.slice(0, KEY_MAX)]];
      if (address) keys.push(['address', address]);
      const rows = await sequelize.query<CounterRow>(
        `INSERT INTO sign_in_attempts AS a (scope, key, attempts, window_started_at, locked_until)
         SELECT k.scope, k.key, 1, timezone('utc', now()), NULL FROM unnest($1::varchar[], $2::varchar[]) AS k(scope, key)
         ON CONFLICT (scope, key) DO UPDATE SET
           attempts = CASE WHEN ${STALE} THEN 1 ELSE a.attempts + 1 END,
           window_started_at = CASE WHEN ${STALE} THEN EXCLUDED.window_started_at ELSE a.window_started_at END,
           locked_until = CASE
             WHEN ${STALE} THEN NULL
             WHEN a.locked_until IS NULL AND a.attempts + 1 >= (CASE a.scope WHEN 'email' THEN $3::int ELSE $4::int END)
               THEN EXCLUDED.window_started_at + make_interval(mins => $5)
             ELSE a.locked_until END
         RETURNING scope, attempts, CEIL(EXTRACT(EPOCH FROM (locked_until - timezone('utc', now()))))::int AS retry_after`,
        { bind: [keys.map(([s]) => s), keys.map(([, k]) => k), EMAIL_LIMIT, ADDRESS_LIMIT, LOCK_MINUTES], type: QueryTypes.SELECT },
      );
      const refused = rows.find((row) => row.attempts > LIMITS[row.scope]);
      if (!refused) return { admitted: true };
      return { admitted: false, scope: refused.scope, retryAfterSeconds: Math.max(1, Number(refused.retry_after ?? LOCK_MINUTES * 60)) };
    },

    /** The attempt succeeded: the email starts again, and the address gets this attempt back. */
    async succeeded(email: string, address: string | null): Promise<void> {
      await sequelize.query(`DELETE FROM sign_in_attempts WHERE scope = 'email' AND key = $1`, { bind: [email.slice(0, KEY_MAX)] });
      if (address) {
        await sequelize.query(
          `UPDATE sign_in_attempts SET attempts = GREATEST(attempts - 1, 0), locked_until = CASE WHEN attempts - 1 < $2 THEN NULL ELSE locked_until END
            WHERE scope = 'address' AND key = $1 AND attempts <= $2`,
          { bind: [address, ADDRESS_LIMIT] },
        );
      }
    },

    /** Forgets counters whose window and lock ended long ago (unknown emails would otherwise pile up). */
    async prune(): Promise<void> {
      await sequelize.query(
        `DELETE FROM sign_in_attempts
          WHERE COALESCE(locked_until, window_started_at + make_interval(mins => $1)) < timezone('utc', now()) - interval '1 hour'`,
        { bind: [WINDOW_MINUTES] },
      );
    },
  };
}
export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
