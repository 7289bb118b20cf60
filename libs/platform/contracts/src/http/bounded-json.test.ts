import { describe, expect, it } from 'vitest';
import { Limits } from '../limits';
import { boundedJson, findJsonProblem } from './bounded-json';

/** An object whose `a` chain nests `levels` levels in all (the object itself is level 1). */
const levels = (n: number): Record<string, unknown> => {
  let value: Record<string, unknown> = { leaf: 'x' };
  for (let i = 1; i < n; i++) value = { a: value };
  return value;
};

describe('boundedJson', () => {
  it('accepts ordinary metrics and params unchanged', () => {
    const metrics = { macroF1: 0.8, holdout: 'h1', perClass: [{ label: 'cancel', f1: 0.7 }], confusionMatrix: [[1, 2], [3, 4]], note: null, ok: true };
    expect(boundedJson().parse(metrics)).toEqual(metrics);
    expect(boundedJson().parse(levels(Limits.jsonDepthMax))).toEqual(levels(Limits.jsonDepthMax));
  });

  it('refuses nesting past the depth limit, at the field, whatever the depth, without recursing', () => {
    for (const depth of [Limits.jsonDepthMax + 1, 5_000, 1_000_000]) {
      const result = boundedJson().safeParse(levels(depth));
      expect(result.error?.issues.map((i) => [i.path.join('.'), i.message]), `depth ${depth}`).toEqual([['', `must nest at most ${Limits.jsonDepthMax} levels deep`]]);
    }
    let arrays: unknown = 1;
    for (let i = 0; i < 1_000_000; i++) arrays = [arrays];
    expect(findJsonProblem({ a: arrays }, { maxDepth: 32, maxValues: 1000 })?.message).toMatch(/levels deep/);
  });

  it('refuses more values than the limit, counting before copying a huge array', () => {
    expect(findJsonProblem({ a: [1, 2, 3] }, { maxDepth: 4, maxValues: 5 })).toBeUndefined(); // the object, a, 1, 2, 3
    expect(findJsonProblem({ a: [1, 2, 3, 4] }, { maxDepth: 4, maxValues: 5 })?.message).toBe('must hold at most 5 values');
    expect(boundedJson().safeParse({ big: new Array(Limits.jsonValuesMax).fill(0) }).success).toBe(false);
  });

  it('refuses unstorable text in values and keys, naming where', () => {
    expect(findJsonProblem({ a: [{ b: 'x\u0000' }] }, { maxDepth: 8, maxValues: 100 })).toEqual({ path: ['a', 0, 'b'], message: 'must not contain NUL characters (\\u0000)' });
    expect(findJsonProblem({ a: { '\ud800': 1 } }, { maxDepth: 8, maxValues: 100 })).toEqual({ path: ['a'], message: 'key "\\ud800": must not contain lone UTF-16 surrogates (e.g. \\ud800)' });
    expect(boundedJson().safeParse({ n: { '\u0000': 1 } }).error?.issues[0]?.path).toEqual(['n']);
  });

  it('refuses what is not an object, as before', () => {
    for (const bad of [[], 'x', 1, null]) expect(boundedJson().safeParse(bad).success).toBe(false);
  });
});
