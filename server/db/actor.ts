import type { Sequelize, Transaction } from 'sequelize';

/**
 * The transaction-local setting that names who is making a change, for the
 * database's own records of it: the status-change activity
 * (migrations/functions/activity-on-status-change.v1.sql.ts) reads it, and
 * so can any later trigger that records who did something (the audit log of
 * issue 15). Transaction-local (`set_config(…, true)`), so it never outlives
 * the change on a pooled connection: the next transaction on it starts
 * unnamed, and a change outside `withActor` (a script, raw SQL) records no
 * user rather than a stale one. Read in SQL with
 * `current_setting('leadharbor.user_id', true)`, which is NULL or '' when unset.
 */
export const ACTOR_SETTING = 'leadharbor.user_id';

/** A users.id as the setting holds it, or '' for nobody (an id that is not one is nobody, not an error). */
function settingValue(userId: string | number | null | undefined): string {
  const text = userId === null || userId === undefined ? '' : String(userId);
  return /^\d{1,9}$/.test(text) ? text : '';
}

/** Names the actor for the rest of `transaction`. */
export async function setActor(sequelize: Sequelize, transaction: Transaction, userId: string | number | null | undefined): Promise<void> {
  await sequelize.query('SELECT set_config($1, $2, true)', { bind: [ACTOR_SETTING, settingValue(userId)], transaction });
}

/**
 * Runs `work` in a transaction in which the database knows who `userId` is:
 * in `transaction` when the caller already has one, else in a new one that
 * commits when `work` resolves and rolls back when it throws, so a change and
 * what the database records about it commit or vanish together.
 */
export async function withActor<T>(
  sequelize: Sequelize, userId: string | number | null | undefined, work: (transaction: Transaction) => Promise<T>, transaction?: Transaction,
): Promise<T> {
  if (transaction) {
    await setActor(sequelize, transaction, userId);
    return work(transaction);
  }
  return sequelize.transaction(async (t) => {
    await setActor(sequelize, t, userId);
    return work(t);
  });
}
