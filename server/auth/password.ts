import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/bcrypt';

/** bcrypt work factor for `users.hashed_password` (~250 ms per hash on one core). */
export const BCRYPT_COST = 12;

/**
 * bcrypt on libuv's thread pool (@node-rs/bcrypt), not on the main thread as
 * bcryptjs does: a quarter of a second per sign-in would otherwise stall
 * every other request, intake included. Hashes are standard `$2b$12$`, and
 * `$2a$`/`$2y$` hashes made elsewhere verify as before.
 */
export function hashPassword(plain: string): Promise<string> {
  return hash(plain, BCRYPT_COST);
}

/** False, never a throw, for a stored value that is not a bcrypt hash. */
export async function verifyPassword(plain: string, hashed: string): Promise<boolean> {
  try {
    return await verify(plain, hashed);
  } catch {
    return false;
  }
}

/** A random password for a generated account: 18 URL-safe characters (~108 bits). */
export function generatePassword(): string {
  return randomBytes(14).toString('base64url').slice(0, 18);
}
