import { describe, expect, it } from 'vitest';
import { UnknownModelCache } from './unknown-model-cache';

describe('UnknownModelCache', () => {
  function cache(maxEntries: number, ttlMs: number) {
    const clock = { now: 1_000 };
    return { clock, names: new UnknownModelCache({ maxEntries, ttlMs, now: () => clock.now }) };
  }

  it('remembers a name until its TTL has passed', () => {
    const { clock, names } = cache(10, 100);
    names.add('a');
    clock.now += 99;
    expect(names.has('a')).toBe(true);
    clock.now += 1;
    expect(names.has('a')).toBe(false);
    expect(names.size).toBe(0);
  });

  it('holds at most maxEntries names, forgetting the oldest; a re-added name is the newest', () => {
    const { names } = cache(3, 60_000);
    for (const name of ['a', 'b', 'c']) names.add(name);
    names.add('a');
    names.add('d');
    expect(['a', 'b', 'c', 'd'].filter((n) => names.has(n))).toEqual(['a', 'c', 'd']);
    expect(names.size).toBe(3);
  });

  it('drops expired names when it is asked its size, and remembers none at size 0', () => {
    const { clock, names } = cache(10, 100);
    names.add('a');
    clock.now += 50;
    names.add('b');
    clock.now += 60;
    expect(names.size).toBe(1);
    names.delete('b');
    expect(names.size).toBe(0);
    const none = cache(0, 100).names;
    none.add('a');
    expect(none.has('a')).toBe(false);
  });
});
