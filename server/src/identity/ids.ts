import { randomBytes } from 'node:crypto';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A random base62 string; `length` characters carry about 5.95 bits each.
 *
 * @example
 * ```ts
 * const secret = `sk_test_${randomToken(32)}`;
 * ```
 */
export function randomToken(length: number): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (const byte of bytes) {
    if (byte >= 248) continue; // 248 = 62 * 4: reject the tail so every character is equally likely
    out += BASE62[byte % 62];
    if (out.length === length) return out;
  }
  return out + randomToken(length - out.length);
}

/**
 * A new id with a readable prefix.
 *
 * @example
 * ```ts
 * newId('room'); // 'room_3kQ9…'
 * ```
 */
export function newId(prefix: string): string {
  return `${prefix}_${randomToken(16)}`;
}
