import { createHash, type Hash } from 'node:crypto';

/**
 * sha256 (hex) of what makes two requests the same operation: method, path (with its query) and
 * the parsed body in a canonical form, so key order and whitespace do not matter while any change
 * of a value does. The body is fed to the hash piece by piece: a 64 MiB artifact in base64 is
 * hashed where it lies, never copied into one more big string.
 */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  const hash = createHash('sha256');
  feedString(hash, method);
  feedString(hash, url);
  feed(hash, body);
  return hash.digest('hex');
}

/** Length-prefixed, so no two different sequences of strings feed the same bytes. */
function feedString(hash: Hash, value: string): void {
  hash.update(`s${value.length}:`);
  hash.update(value);
}

function feed(hash: Hash, value: unknown): void {
  if (value === null || value === undefined) {
    hash.update('n');
  } else if (typeof value === 'string') {
    feedString(hash, value);
  } else if (typeof value === 'boolean') {
    hash.update(value ? 't' : 'f');
  } else if (typeof value === 'number') {
    hash.update(`d${value};`);
  } else if (Array.isArray(value)) {
    hash.update(`[${value.length}:`);
    for (const item of value) feed(hash, item);
  } else if (typeof value === 'object') {
    // Keys whose value is undefined are absent in JSON; leave them out here too.
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    hash.update(`{${entries.length}:`);
    for (const [key, item] of entries) {
      feedString(hash, key);
      feed(hash, item);
    }
  } else {
    feedString(hash, String(value));
  }
}
