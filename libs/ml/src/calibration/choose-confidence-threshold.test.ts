import { describe, expect, it } from 'vitest';
import { EvaluationInputError } from '../evaluation/evaluation-input-error';
import { calibrateOnValidation } from './calibrate-on-validation';
import { chooseConfidenceThreshold } from './choose-confidence-threshold';

const CLASSES = 20;

/** Every example predicts class 0 with the given confidence; gold 0 = right, 1 = wrong. */
function toy(rows: readonly (readonly [number, boolean])[]) {
  const probabilities = new Float32Array(rows.length * CLASSES);
  rows.forEach(([confidence], i) => {
    for (let c = 0; c < CLASSES; c++) probabilities[i * CLASSES + c] = c === 0 ? confidence : (1 - confidence) / (CLASSES - 1);
  });
  return { gold: rows.map(([, right]) => (right ? 0 : 1)), probabilities };
}

// Sorted by confidence, cumulative selective accuracy: 1, 1, 1, .75, .8, .833, .714, .625, .667, .6
const { gold, probabilities } = toy([
  [0.95, true],
  [0.9, true],
  [0.85, true],
  [0.8, false],
  [0.7, true],
  [0.6, true],
  [0.5, false],
  [0.4, false],
  [0.3, true],
  [0.25, false],
]);
const f32 = (x: number) => Math.fround(x);

describe('chooseConfidenceThreshold', () => {
  it('picks the lowest threshold that reaches the target, maximising coverage', () => {
    const choice = chooseConfidenceThreshold(gold, probabilities, { targetAccuracy: 0.8 });
    expect(choice).toMatchObject({ threshold: f32(0.6), answered: 6, examples: 10, targetMet: true });
    expect(choice.coverage).toBeCloseTo(0.6, 12);
    expect(choice.selectiveAccuracy).toBeCloseTo(5 / 6, 12);
  });

  it('skips thresholds whose accuracy dips below the target (accuracy is not monotone)', () => {
    // 0.7 → 4/5 and 0.8 → 3/4 both miss 0.9; 0.85 → 3/3 is the first that reaches it.
    const choice = chooseConfidenceThreshold(gold, probabilities, { targetAccuracy: 0.9 });
    expect(choice).toMatchObject({ threshold: f32(0.85), answered: 3, selectiveAccuracy: 1, targetMet: true });
  });

  it('falls back to the cap and says so when the target cannot be met', () => {
    const choice = chooseConfidenceThreshold(gold, probabilities, { targetAccuracy: 1, maxThreshold: 0.8 });
    expect(choice).toMatchObject({ threshold: 0.8, answered: 4, selectiveAccuracy: 0.75, targetMet: false });
  });

  it('never goes below the floor unless configured', () => {
    const easy = toy([
      [0.1, true],
      [0.15, true],
      [0.9, true],
    ]);
    expect(chooseConfidenceThreshold(easy.gold, easy.probabilities)).toMatchObject({ threshold: 0.2, answered: 1 });
    expect(chooseConfidenceThreshold(easy.gold, easy.probabilities, { minThreshold: 0 })).toMatchObject({
      threshold: 0,
      coverage: 1,
    });
  });

  it('returns a coverage curve on a regular grid', () => {
    const { curve } = chooseConfidenceThreshold(gold, probabilities);
    expect(curve).toHaveLength(101);
    expect(curve[0]).toMatchObject({ threshold: 0, coverage: 1, selectiveAccuracy: 0.6 });
    expect(curve[7]?.threshold).toBe(0.07);
    expect(curve[60]).toMatchObject({ threshold: 0.6, answered: 6 }); // float32(0.6) = 0.6000000238 ≥ 0.6
    expect(curve[100]).toMatchObject({ threshold: 1, answered: 0, selectiveAccuracy: null });
  });

  it('is deterministic and validates its options', () => {
    expect(chooseConfidenceThreshold(gold, probabilities)).toEqual(chooseConfidenceThreshold(gold, probabilities));
    expect(() => chooseConfidenceThreshold(gold, probabilities, { minThreshold: 0.9, maxThreshold: 0.5 })).toThrow(
      EvaluationInputError,
    );
    expect(() => chooseConfidenceThreshold(gold, probabilities, { targetAccuracy: 0 })).toThrow(/targetAccuracy/);
  });
});

describe('calibrateOnValidation', () => {
  it('fits T first and chooses the threshold on the scaled probabilities', () => {
    const result = calibrateOnValidation(gold, probabilities, { threshold: { targetAccuracy: 0.8 } });
    expect(result.temperature).toBe(result.temperatureFit.temperature);
    expect(result.confidenceThreshold).toBe(result.thresholdChoice.threshold);
    expect(result.calibratedProbabilities).toHaveLength(probabilities.length);
    expect(result.thresholdChoice.targetMet).toBe(true);
  });
});
