import { describe, expect, it } from 'vitest';
import { RestartPolicy, type RestartPolicyOptions } from './restart-policy';

function policyWithClock(options: Partial<RestartPolicyOptions> = {}) {
  const clock = { now: 1_000_000 };
  const policy = new RestartPolicy({ initialBackoffMs: 500, maxBackoffMs: 10_000, maxCrashes: 5, windowMs: 60_000, ...options }, () => clock.now);
  return { clock, policy };
}

describe('RestartPolicy', () => {
  it('restarts with a doubling backoff and gives up at the last crash of the budget', () => {
    const { clock, policy } = policyWithClock();
    const decisions = [];
    for (let i = 0; i < 5; i++) {
      decisions.push(policy.recordCrash());
      clock.now += 1_000;
    }
    expect(decisions).toEqual([
      { action: 'restart', crash: 1, delayMs: 500 },
      { action: 'restart', crash: 2, delayMs: 1_000 },
      { action: 'restart', crash: 3, delayMs: 2_000 },
      { action: 'restart', crash: 4, delayMs: 4_000 },
      { action: 'give-up', crash: 5 },
    ]);
  });

  it('caps the backoff', () => {
    const { policy } = policyWithClock({ maxCrashes: 100, maxBackoffMs: 3_000 });
    const delays = Array.from({ length: 6 }, () => policy.recordCrash()).map((d) => (d.action === 'restart' ? d.delayMs : -1));
    expect(delays).toEqual([500, 1_000, 2_000, 3_000, 3_000, 3_000]);
  });

  it('forgets crashes older than the window, and the backoff starts small again', () => {
    const { clock, policy } = policyWithClock({ maxCrashes: 3, windowMs: 60_000 });
    expect(policy.recordCrash()).toEqual({ action: 'restart', crash: 1, delayMs: 500 });
    clock.now += 30_000;
    expect(policy.recordCrash()).toEqual({ action: 'restart', crash: 2, delayMs: 1_000 });
    clock.now += 30_000; // the first crash is now exactly a window old: it no longer counts
    expect(policy.recordCrash()).toEqual({ action: 'restart', crash: 2, delayMs: 1_000 });
    clock.now += 61_000;
    expect(policy.recordCrash()).toEqual({ action: 'restart', crash: 1, delayMs: 500 });
  });

  it('gives up when crashes come fast enough, however long it ran before', () => {
    const { clock, policy } = policyWithClock({ maxCrashes: 3, windowMs: 10_000 });
    clock.now += 86_400_000;
    policy.recordCrash();
    clock.now += 4_000;
    policy.recordCrash();
    clock.now += 4_000;
    expect(policy.recordCrash()).toEqual({ action: 'give-up', crash: 3 });
  });

  it('gives up at the first crash when the budget is one', () => {
    expect(policyWithClock({ maxCrashes: 1 }).policy.recordCrash()).toEqual({ action: 'give-up', crash: 1 });
  });
});
