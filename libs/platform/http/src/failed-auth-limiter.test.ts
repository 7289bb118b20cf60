import { describe, expect, it } from 'vitest';
import { createFailedAuthLimiter } from './failed-auth-limiter';

describe('createFailedAuthLimiter', () => {
  it('allows a burst of failures, then refills at the configured rate, per client', () => {
    let now = 0;
    const limiter = createFailedAuthLimiter({ burst: 2, perMinute: 60, now: () => now });
    limiter.recordFailure('a');
    expect(limiter.retryAfterSeconds('a')).toBe(0);
    limiter.recordFailure('a');
    expect(limiter.retryAfterSeconds('a')).toBe(1);
    expect(limiter.retryAfterSeconds('b')).toBe(0);
    now = 1_000;
    expect(limiter.retryAfterSeconds('a')).toBe(0);
  });

  it('forgets the least recently failing client beyond maxClients', () => {
    const limiter = createFailedAuthLimiter({ burst: 1, maxClients: 2, now: () => 0 });
    for (const client of ['a', 'b', 'c']) limiter.recordFailure(client);
    expect(limiter.retryAfterSeconds('a')).toBe(0);
    expect(limiter.retryAfterSeconds('b')).toBeGreaterThan(0);
    expect(limiter.retryAfterSeconds('c')).toBeGreaterThan(0);
  });
});
