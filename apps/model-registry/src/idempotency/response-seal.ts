import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const INFO = 'ciclo idempotent response v1';

/** AES-256 key for one sealed answer: HKDF-SHA256 over the caller's secret and a fresh salt. */
function keyFor(secret: string, salt: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, salt, INFO, 32));
}

/**
 * Seals a stored answer (AES-256-GCM) under a key derived from `secret`, the caller's API key.
 * An answer may carry a secret shown once (a new API key, a webhook's signing secret); sealed,
 * a copy of the database holds nothing usable, while the caller, who sends the same API key
 * with its retry, gets the answer back. Layout: salt ‖ iv ‖ tag ‖ ciphertext.
 */
export function sealResponse(secret: string, plaintext: Uint8Array): Buffer {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret, salt), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([salt, iv, cipher.getAuthTag(), ciphertext]);
}

/**
 * The plaintext of a sealed answer.
 * @throws Error when `sealed` was not sealed with `secret` or was altered (GCM authentication).
 */
export function openResponse(secret: string, sealed: Uint8Array): Buffer {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const salt = bytes.subarray(0, SALT_BYTES);
  const iv = bytes.subarray(SALT_BYTES, SALT_BYTES + IV_BYTES);
  const tag = bytes.subarray(SALT_BYTES + IV_BYTES, SALT_BYTES + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', keyFor(secret, salt), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(bytes.subarray(SALT_BYTES + IV_BYTES + TAG_BYTES)), decipher.final()]);
}
