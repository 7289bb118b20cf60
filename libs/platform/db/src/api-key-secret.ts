import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The shape of a Ciclo API key: `ciclo_<8-character id>_<40-character secret>`, both parts
 * base62. The id part is stored in clear (as the key's `prefix`, `ciclo_<id>`) so a key can be
 * found by it and recognised in a listing; the whole key is stored only as a hash.
 */
const KEY_PATTERN = /^(ciclo_[0-9A-Za-z]{8})_([0-9A-Za-z]{40})$/;
const ID_LENGTH = 8;
/** 40 base62 characters ≈ 238 bits of entropy. */
const SECRET_LENGTH = 40;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export interface GeneratedApiKey {
  /** The plaintext key; shown to its owner once, never stored. */
  readonly key: string;
  /** `ciclo_<id>`: stored, displayable, used to look the key up. */
  readonly prefix: string;
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = `ciclo_${randomBase62(ID_LENGTH)}`;
  return { key: `${prefix}_${randomBase62(SECRET_LENGTH)}`, prefix };
}

/** The prefix of a well-formed key, or `undefined` for anything else (so it is never looked up). */
export function apiKeyPrefixOf(key: string): string | undefined {
  return KEY_PATTERN.exec(key)?.[1];
}

/**
 * The stored form of a key (64 hex characters). A plain SHA-256 is enough because the key is
 * 238 random bits: nobody can guess it, so there is nothing for a slow password hash (bcrypt,
 * scrypt, argon2) to protect — those exist to make guessing low-entropy *passwords* expensive,
 * and would only add tens of milliseconds to every authenticated request. A `pepper` (a secret
 * kept outside the database) turns it into HMAC-SHA-256, so a leaked table alone cannot even be
 * used to check a candidate key; changing the pepper invalidates every key.
 */
export function hashApiKey(key: string, pepper?: string): string {
  const digest = pepper === undefined ? createHash('sha256') : createHmac('sha256', pepper);
  return digest.update(key, 'utf8').digest('hex');
}

/** Compares two hex hashes in time that does not depend on where they differ. */
export function hashesEqual(presentedHex: string, storedHex: string): boolean {
  const presented = Buffer.from(presentedHex, 'hex');
  const stored = Buffer.from(storedHex, 'hex');
  // Lengths are public (always 32 bytes for well-formed rows); only the content must not leak.
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** Uniform base62 characters: bytes ≥ 248 are rejected so `% 62` has no bias. */
function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248) out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}
