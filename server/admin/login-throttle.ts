import type { Sequelize } from 'sequelize';

/** After this many failed logins for one email, the account is locked for LOCK_MINUTES. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

/**
 * Failed-login bookkeeping in PostgreSQL, so the limit holds across app
 * instances. Failures older than the lock window are forgotten.
 */
export function createLoginThrottle(sequelize: Sequelize) {
  const key = (email: string) => email.trim().toLowerCase();
  return {
    /** True while the email is locked out. */
    async isLocked(email: string): Promise<boolean> {
      const [rows] = await sequelize.query(
        `SELECT 1 FROM login_throttles WHERE email = $1 AND locked_until > timezone('utc', now())`,
        { bind: [key(email)] },
      );
      return rows.length > 0;
    },
    async recordFailure(email: string): Promise<void> {
      await sequelize.query(
        `INSERT INTO login_throttles AS t (email, failures) VALUES ($1, 1)
         ON CONFLICT (email) DO UPDATE SET
           failures = CASE WHEN t.first_failure_at < timezone('utc', now()) - make_interval(mins => $3) THEN 1 ELSE t.failures + 1 END,
           first_failure_at = CASE WHEN t.first_failure_at < timezone('utc', now()) - make_interval(mins => $3) THEN timezone('utc', now()) ELSE t.first_failure_at END,
           locked_until = CASE WHEN t.failures + 1 >= $2 AND t.first_failure_at >= timezone('utc', now()) - make_interval(mins => $3)
                               THEN timezone('utc', now()) + make_interval(mins => $3) ELSE t.locked_until END`,
        { bind: [key(email), MAX_FAILURES, LOCK_MINUTES] },
      );
    },
    async reset(email: string): Promise<void> {
      await sequelize.query('DELETE FROM login_throttles WHERE email = $1', { bind: [key(email)] });
    },
  };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
