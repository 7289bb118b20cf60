import { createHash } from 'node:crypto';

/**
 * The content address of an artifact: lowercase hex SHA-256 of its bytes. The registry stores
 * artifacts under it and serving verifies every download against it, so both use this function.
 */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
