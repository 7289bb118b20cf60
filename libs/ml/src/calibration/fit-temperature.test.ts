import { describe, expect, it } from 'vitest';
import { EvaluationInputError } from '../evaluation/evaluation-input-error';
import { seededRandom } from '../onnx/testing/random-classifier';
import { applyTemperature, fitTemperature } from './fit-temperature';

/**
 * Data whose true class distribution is softmax(z / trueT) while the "model" reports softmax(z):
 * temperature scaling should find T ≈ trueT. Seeded, so every run sees the same data.
 */
function synthetic(n: number, classes: number, trueT: number, seed: number, logitScale = 3) {
  const random = seededRandom(seed);
  const logits = new Float64Array(n * classes);
  const gold: number[] = [];
  const p = new Float64Array(classes);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      const z = (random() * 2 - 1) * logitScale;
      logits[i * classes + c] = z;
      p[c] = Math.exp(z / trueT);
      sum += p[c] as number;
    }
    let u = random() * sum;
    let g = 0;
    while (g < classes - 1 && u > (p[g] as number)) {
      u -= p[g] as number;
      g++;
    }
    gold.push(g);
  }
  return { gold, logits, probabilities: applyTemperature(logits, classes, 1, 'logits') };
}

describe('fitTemperature', () => {
  const data = synthetic(20_000, 5, 2.5, 7);

  it('recovers T = 2.5 from probabilities and improves NLL', () => {
    const fit = fitTemperature(data.gold, data.probabilities);
    expect(Math.abs(fit.temperature - 2.5)).toBeLessThan(0.1);
    expect(fit.nllAfter).toBeLessThan(fit.nllBefore);
    expect(fit.atBound).toBe(false);
  });

  it('gives the same T from logits as from probabilities (softmax ignores the row shift)', () => {
    const fromLogits = fitTemperature(data.gold, data.logits, { input: 'logits' });
    const fromProbabilities = fitTemperature(data.gold, data.probabilities);
    expect(fromLogits.temperature).toBeCloseTo(fromProbabilities.temperature, 3);
    expect(fromLogits.nllAfter).toBeCloseTo(fromProbabilities.nllAfter, 5);
  });

  it('recovers an under-confident model (T < 1) and leaves a calibrated one near 1', () => {
    const under = synthetic(5_000, 4, 0.5, 11, 1);
    expect(Math.abs(fitTemperature(under.gold, under.probabilities).temperature - 0.5)).toBeLessThan(0.05);
    const calibrated = synthetic(5_000, 4, 1, 13);
    expect(Math.abs(fitTemperature(calibrated.gold, calibrated.probabilities).temperature - 1)).toBeLessThan(0.1);
  });

  it('is deterministic', () => {
    const small = synthetic(500, 3, 2, 3);
    expect(fitTemperature(small.gold, small.probabilities)).toEqual(fitTemperature(small.gold, small.probabilities));
  });

  it('never makes NLL worse: uniform predictions keep T = 1', () => {
    const fit = fitTemperature([0, 1, 2], new Float32Array(9).fill(1 / 3));
    expect(fit.temperature).toBe(1);
    expect(fit.nllAfter).toBe(fit.nllBefore);
  });

  it('hits the lower bound when every prediction is right and sharpening always helps', () => {
    const fit = fitTemperature([0, 1], new Float32Array([0.8, 0.2, 0.3, 0.7]));
    expect(fit.atBound).toBe(true);
    expect(fit.temperature).toBeCloseTo(0.05, 3);
    expect(fit.nllAfter).toBeLessThan(fit.nllBefore);
  });

  it('survives probabilities that underflowed to 0', () => {
    const fit = fitTemperature([1, 0], new Float32Array([1, 0, 0.9, 0.1]));
    expect(Number.isFinite(fit.nllBefore)).toBe(true);
    expect(fit.temperature).toBeGreaterThan(1);
  });

  it('rejects bad shapes and intervals', () => {
    expect(() => fitTemperature([0, 1], new Float32Array(5))).toThrow(EvaluationInputError);
    expect(() => fitTemperature([0], new Float32Array([0.5, 0.5]), { minTemperature: 2 })).toThrow(/interval/);
  });
});

describe('applyTemperature', () => {
  it('keeps probabilities at T = 1, keeps the arg-max, flattens for T > 1', () => {
    const p = new Float32Array([0.7, 0.2, 0.1]);
    const same = applyTemperature(p, 3, 1);
    same.forEach((v, i) => expect(v).toBeCloseTo(p[i] as number, 6));
    const flat = applyTemperature(p, 3, 4);
    expect(flat[0]).toBeLessThan(0.7);
    expect(flat[0]).toBeGreaterThan(flat[1] as number);
    expect((flat[0] as number) + (flat[1] as number) + (flat[2] as number)).toBeCloseTo(1, 6);
  });

  it('equals softmax(z / T) computed from the logits', () => {
    const z = new Float32Array([2, -1, 0.5]);
    const fromLogits = applyTemperature(z, 3, 2.5, 'logits');
    const fromProbabilities = applyTemperature(applyTemperature(z, 3, 1, 'logits'), 3, 2.5);
    fromLogits.forEach((v, i) => expect(fromProbabilities[i]).toBeCloseTo(v, 6));
  });
});
