import { describe, expect, it } from 'vitest';
import { StopRequests } from './stop-requests';

describe('StopRequests', () => {
  it('takes the first signal as the stop, copies within the window as repeats, a later one as force', () => {
    let now = 10_000;
    const requests = new StopRequests(1_500, () => now);
    expect(requests.receive()).toBe('stop');
    now += 5;
    expect(requests.receive()).toBe('repeat');
    now += 1_000;
    expect(requests.receive()).toBe('repeat');
    now += 600;
    expect(requests.receive()).toBe('force');
    expect(requests.receive()).toBe('force');
  });
});
