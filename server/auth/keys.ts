import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters from a 62-letter alphabet, without modulo bias. */
function randomToken(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

/** A publishable key: safe in a web page, checked against the key's allowed origins. */
export function newPublishableKey(): string {
  return `pk_${randomToken(32)}`;
}

/** The only form in which a secret key is stored. */
export function hashSecretKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A secret key, its hash (stored) and its prefix (shown, so staff can tell keys apart). */
export function newSecretKey(): { secret: string; hash: string; prefix: string } {
  const secret = `sk_${randomToken(40)}`;
  return { secret, hash: hashSecretKey(secret), prefix: secret.slice(0, 10) };
}
