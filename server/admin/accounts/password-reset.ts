import { createHash, randomBytes } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import { PasswordReset } from '../../../models/index.js';
import { hashPassword } from '../../auth/password.js';
import { endAllSessions } from './end-sessions.js';

/** How long a reset link works. */
export const RESET_LINK_MINUTES = 60;
export const RESET_PATH = '/admin/password-reset';
/** The shortest password anyone may choose. */
export const MIN_PASSWORD_LENGTH = 12;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/** A password's problem in a person's words, or null when it will do. */
export function passwordProblem(password: unknown, confirmation?: unknown): string | null {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) return `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > 256) return 'Choose a password of at most 256 characters.';
  if (confirmation !== undefined && confirmation !== password) return 'The two passwords do not match.';
  return null;
}

/**
 * "Force a password reset": the user's sessions end at once, every earlier
 * link of theirs stops working, and a new single-use link valid for
 * RESET_LINK_MINUTES is returned for the admin to hand over. Only its hash is
 * stored. Returns the path (the caller knows the host).
 */
export async function forcePasswordReset(sequelize: Sequelize, userId: number, createdById: number | null): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await sequelize.transaction(async (transaction) => {
    await PasswordReset.update({ used_at: new Date() }, { where: { user_id: userId, used_at: null }, transaction });
    await PasswordReset.create({
      user_id: userId, token_sha256: sha256(token), created_by_id: createdById,
      expires_at: new Date(Date.now() + RESET_LINK_MINUTES * 60_000),
    }, { transaction });
  });
  await endAllSessions(sequelize, userId);
  return `${RESET_PATH}/${token}`;
}

/** Whether a link still works (for the form's first view; using it is checked again, atomically). */
export async function resetLinkValid(sequelize: Sequelize, token: string): Promise<boolean> {
  const rows = await sequelize.query(
    `SELECT 1 FROM password_resets WHERE token_sha256 = $1 AND used_at IS NULL AND expires_at > timezone('utc', now())`,
    { bind: [sha256(token)], type: QueryTypes.SELECT },
  );
  return rows.length > 0;
}

/**
 * Uses a link: marks it used and sets the password in one transaction, so
 * two parallel uses of one link set one password; then ends every session
 * of that user. False when the link is unknown, used or expired.
 */
export async function useResetLink(sequelize: Sequelize, token: string, password: string): Promise<boolean> {
  const hashed = await hashPassword(password); // before the transaction: it takes a quarter of a second
  const userId = await sequelize.transaction(async (transaction) => {
    const [row] = await sequelize.query<{ user_id: number }>(
      `UPDATE password_resets SET used_at = timezone('utc', now())
        WHERE token_sha256 = $1 AND used_at IS NULL AND expires_at > timezone('utc', now()) RETURNING user_id`,
      { bind: [sha256(token)], type: QueryTypes.SELECT, transaction },
    );
    if (!row) return null;
    await sequelize.query('UPDATE users SET hashed_password = $1 WHERE id = $2', { bind: [hashed, row.user_id], transaction });
    return row.user_id;
  });
  if (userId === null) return false;
  await endAllSessions(sequelize, userId);
  return true;
}
