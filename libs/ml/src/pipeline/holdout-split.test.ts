import { describe, expect, it } from 'vitest';
import { splitByStableHash, trainingDataSha256 } from './holdout-split';

const examples = Array.from({ length: 2_000 }, (_, i) => ({ text: `message number ${i}`, label: i % 2 ? 'a' : 'b' }));

describe('splitByStableHash', () => {
  it('holds out about the requested share', () => {
    const { train, holdout } = splitByStableHash(examples, 0.2);
    expect(train.length + holdout.length).toBe(examples.length);
    expect(holdout.length / examples.length).toBeGreaterThan(0.17);
    expect(holdout.length / examples.length).toBeLessThan(0.23);
  });

  it('keeps every example on its side when the data grows or is reordered', () => {
    const before = new Set(splitByStableHash(examples, 0.2).holdout.map((e) => e.text));
    const grown = [...examples].reverse().concat(Array.from({ length: 500 }, (_, i) => ({ text: `new ${i}`, label: 'a' })));
    const after = splitByStableHash(grown, 0.2).holdout.map((e) => e.text);
    expect(after.filter((t) => !t.startsWith('new ')).sort()).toEqual([...before].sort());
  });

  it('puts case, accent, spacing and Unicode variants of one text on the same side', () => {
    const variants = [{ text: 'Olá, pedido 1' }, { text: 'OLÁ, PEDIDO 1' }, { text: 'Ola\u0301, pedido 1' }, { text: 'ola,  pedido 1' }];
    const sides = variants.map((v) => splitByStableHash([v], 0.5).holdout.length);
    expect(new Set(sides).size).toBe(1);
  });

  it('rejects a fraction outside [0, 1)', () => {
    expect(() => splitByStableHash(examples, 1)).toThrow(RangeError);
  });
});

describe('trainingDataSha256', () => {
  it('ignores order and changes with any text or label', () => {
    const a = trainingDataSha256(examples);
    expect(trainingDataSha256([...examples].reverse())).toBe(a);
    expect(trainingDataSha256(examples.map((e, i) => (i === 7 ? { ...e, label: 'c' } : e)))).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
});
