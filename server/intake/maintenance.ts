import type { Sequelize } from 'sequelize';
import type { Logger } from '../logger.js';
import { IDEMPOTENCY_WINDOW_HOURS } from './idempotency.js';

/** How often expired intake bookkeeping is swept; the tables stay small between sweeps. */
const MAINTENANCE_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Removes what the intake no longer needs: idempotency keys older than their
 * window (IDEMPOTENCY_WINDOW_HOURS), and rate-limit counters of windows long past (the longest
 * window is an hour). Submissions and consents are records and are never
 * swept. Returns how many rows went.
 */
export async function sweepIntakeBookkeeping(sequelize: Sequelize): Promise<{ idempotencyKeys: number; rateCounters: number }> {
  const [, keys] = await sequelize.query(
    `DELETE FROM idempotency_keys WHERE created_at < timezone('utc', now()) - make_interval(hours => $1)`,
    { bind: [IDEMPOTENCY_WINDOW_HOURS] }) as [unknown, { rowCount: number }];
  const [, counters] = await sequelize.query(
    `DELETE FROM rate_limit_counters WHERE window_start < timezone('utc', now()) - interval '2 hours'`) as [unknown, { rowCount: number }];
  return { idempotencyKeys: keys.rowCount, rateCounters: counters.rowCount };
}

/** Sweeps every 10 minutes in the background; returns the function that stops it. Several instances sweeping is harmless. */
export function startIntakeMaintenance(sequelize: Sequelize, logger: Logger, intervalMs = MAINTENANCE_INTERVAL_MS): () => void {
  const timer = setInterval(() => {
    sweepIntakeBookkeeping(sequelize).then((swept) => {
      if (swept.idempotencyKeys + swept.rateCounters > 0) {
        logger.debug(`intake sweep: ${swept.idempotencyKeys} expired idempotency keys, ${swept.rateCounters} old rate counters`);
      }
    }).catch((error: unknown) => logger.warn(`intake sweep failed: ${(error as Error).message}`));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
