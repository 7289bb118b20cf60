import { describe, expect, it } from 'vitest';
import { FeatureTag, fmix32, hashStart, hashText, toBucket } from './feature-hash';

describe('feature hash', () => {
  it('is pinned: these values must never change (models depend on them)', () => {
    const h = hashText(hashStart(0, FeatureTag.word), 'pedido');
    expect(h).toBe(hashText(hashStart(0, FeatureTag.word), 'pedido'));
    expect([h, toBucket(h, 262_144), fmix32(1)]).toMatchInlineSnapshot(`
      [
        3795674855,
        160011,
        1364076727,
      ]
    `);
  });

  it('separates seeds and kinds, and stays in [1, buckets)', () => {
    const word = hashText(hashStart(0, FeatureTag.word), 'ab');
    expect(hashText(hashStart(1, FeatureTag.word), 'ab')).not.toBe(word);
    expect(hashText(hashStart(0, FeatureTag.charNgram), 'ab')).not.toBe(word);
    for (let i = 0; i < 1_000; i++) {
      const b = toBucket(hashText(hashStart(0, FeatureTag.word), `w${i}`), 97);
      expect(b).toBeGreaterThanOrEqual(1);
      expect(b).toBeLessThan(97);
    }
  });
});
