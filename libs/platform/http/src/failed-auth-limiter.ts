export interface FailedAuthLimiterOptions {
  /** Failed attempts a client may make in a burst (default 10). */
  readonly burst?: number;
  /** Failed attempts per minute a client regains after a burst (default 10). */
  readonly perMinute?: number;
  /** Clients tracked at most; the least recently failing are forgotten first (default 10 000). */
  readonly maxClients?: number;
  /** Injected by tests (milliseconds). */
  readonly now?: () => number;
}

/**
 * A token bucket per client address that only failed authentications drain. The caller asks it
 * only about keys that failed verification, so a client with a valid key is never throttled by
 * failures from its address; a client sending bad keys is told to back off (429, Retry-After).
 * In memory: each replica counts on its own, so N replicas allow N times the rate — a brake on
 * misbehaving clients, not a quota (guessing 238-bit keys is pointless at any rate).
 */
export interface FailedAuthLimiter {
  /** 0 when the client may try; otherwise how many seconds until it may try again. */
  retryAfterSeconds(client: string): number;
  recordFailure(client: string): void;
}

interface Bucket {
  tokens: number;
  at: number;
}

export function createFailedAuthLimiter(options: FailedAuthLimiterOptions = {}): FailedAuthLimiter {
  const burst = options.burst ?? 10;
  const perMs = (options.perMinute ?? 10) / 60_000;
  const maxClients = options.maxClients ?? 10_000;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, Bucket>();

  function current(client: string): Bucket | undefined {
    const bucket = buckets.get(client);
    if (!bucket) return undefined;
    const at = now();
    bucket.tokens = Math.min(burst, bucket.tokens + (at - bucket.at) * perMs);
    bucket.at = at;
    if (bucket.tokens >= burst) {
      buckets.delete(client);
      return undefined;
    }
    return bucket;
  }

  return {
    retryAfterSeconds(client) {
      const bucket = current(client);
      if (!bucket || bucket.tokens >= 1) return 0;
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    },
    recordFailure(client) {
      const bucket = current(client) ?? { tokens: burst, at: now() };
      bucket.tokens = Math.max(0, bucket.tokens - 1);
      // Re-inserting keeps the map ordered by last failure, so the oldest entry goes first.
      buckets.delete(client);
      buckets.set(client, bucket);
      if (buckets.size > maxClients) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
    },
  };
}
