import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';

/** bcrypt work factor for `users.hashed_password` (~250 ms per hash on one core). */
export const BCRYPT_COST = 12;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, BCRYPT_COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

/** A random password for a generated account: 18 URL-safe characters (~108 bits). */
export function generatePassword(): string {
  return randomBytes(14).toString('base64url').slice(0, 18);
}
