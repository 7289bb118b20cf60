import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate';
import { EvaluationInputError } from './evaluation-input-error';
import { expectedCalibrationError } from './expected-calibration-error';

/** One row per example: `confidence` on the predicted class, the rest spread evenly. */
function probabilityRows(classes: number, predicted: readonly number[], confidence: number | readonly number[]): Float32Array {
  const out = new Float32Array(predicted.length * classes);
  predicted.forEach((p, i) => {
    const c = typeof confidence === 'number' ? confidence : (confidence[i] as number);
    for (let k = 0; k < classes; k++) out[i * classes + k] = k === p ? c : (1 - c) / (classes - 1);
  });
  return out;
}

describe('evaluate', () => {
  // Hand-computed; the same figures scikit-learn 1.2 gives for
  // y_true=[0,0,0,1,1,2,2], y_pred=[0,0,1,1,1,0,1] with default arguments.
  const labels = ['a', 'b', 'c', 'd'];
  const gold = [0, 0, 0, 1, 1, 2, 2];
  const predicted = [0, 0, 1, 1, 1, 0, 1];
  const report = evaluate(labels, gold, probabilityRows(4, predicted, 0.7), { threshold: 0.5 });

  it('matches hand-computed accuracy, per-class and averaged metrics', () => {
    expect(report.accuracy).toBeCloseTo(4 / 7, 12);
    const [a, b, c, d] = report.perClass;
    expect(a).toMatchObject({ label: 'a', support: 3, predicted: 3, inMacroAverage: true });
    expect(a?.precision).toBeCloseTo(2 / 3, 12);
    expect(a?.recall).toBeCloseTo(2 / 3, 12);
    expect(a?.f1).toBeCloseTo(2 / 3, 12);
    expect(b?.precision).toBeCloseTo(1 / 2, 12);
    expect(b?.recall).toBe(1);
    expect(b?.f1).toBeCloseTo(2 / 3, 12);
    // Present in gold but never predicted: precision 0 by convention, recall 0, F1 0 — and counted.
    expect(c).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 2, predicted: 0, inMacroAverage: true });
    // Neither in gold nor predicted: reported, but outside the macro average (sklearn labels=None).
    expect(d).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 0, predicted: 0, inMacroAverage: false });
    expect(report.macroClasses).toBe(3);
    expect(report.macroF1).toBeCloseTo(4 / 9, 12);
    expect(report.macroPrecision).toBeCloseTo(7 / 18, 12);
    expect(report.macroRecall).toBeCloseTo(5 / 9, 12);
    expect(report.weightedF1).toBeCloseTo(10 / 21, 12);
  });

  it('builds the confusion matrix with gold as rows', () => {
    expect(report.confusionMatrix).toEqual([
      [2, 1, 0, 0],
      [0, 2, 0, 0],
      [1, 1, 0, 0],
      [0, 0, 0, 0],
    ]);
  });

  it('reports confidence, log loss, ECE and selective accuracy', () => {
    expect(report.meanConfidence).toBeCloseTo(0.7, 6);
    expect(report.logLoss).toBeCloseTo(-(4 * Math.log(0.7) + 3 * Math.log(0.1)) / 7, 6);
    expect(report.expectedCalibrationError).toBeCloseTo(0.7 - 4 / 7, 6);
    expect(report.reliability).toHaveLength(15);
    const filled = report.reliability.filter((b) => b.count > 0);
    expect(filled).toHaveLength(1);
    expect(filled[0]).toMatchObject({ count: 7, lower: 10 / 15, upper: 11 / 15 });
    expect(report.selective).toEqual({ threshold: 0.5, answered: 7, answeredCorrect: 4, coverage: 1, selectiveAccuracy: 4 / 7 });
    expect(evaluate(labels, gold, probabilityRows(4, predicted, 0.7), { threshold: 0.8 }).selective).toMatchObject({
      answered: 0,
      coverage: 0,
      selectiveAccuracy: null,
    });
  });

  it('counts a class that is predicted but never in gold in the macro average, with F1 0', () => {
    // sklearn: f1_score([0, 0], [0, 1], average='macro') == 1/3
    const r = evaluate(['a', 'b'], [0, 0], probabilityRows(2, [0, 1], 0.9));
    expect(r.perClass[1]).toMatchObject({ support: 0, predicted: 1, precision: 0, recall: 0, f1: 0, inMacroAverage: true });
    expect(r.macroF1).toBeCloseTo(1 / 3, 12);
    expect(r.weightedF1).toBeCloseTo(2 / 3, 12);
  });

  it('breaks arg-max ties towards the lowest class index', () => {
    const r = evaluate(['a', 'b', 'c'], [1, 2], new Float32Array([0.2, 0.4, 0.4, 0.5, 0.5, 0]));
    expect(r.confusionMatrix).toEqual([
      [0, 0, 0],
      [0, 1, 0],
      [1, 0, 0],
    ]);
  });

  it('is perfect on perfect predictions', () => {
    const r = evaluate(['x', 'y'], [0, 1, 1], new Float32Array([1, 0, 0, 1, 0, 1]));
    expect(r).toMatchObject({ accuracy: 1, macroF1: 1, weightedF1: 1, expectedCalibrationError: 0, logLoss: 0 });
  });

  it('takes gold as label names as well as indices', () => {
    const byName = evaluate(labels, gold.map((g) => labels[g] as string), probabilityRows(4, predicted, 0.7), { threshold: 0.5 });
    expect(byName).toEqual(report);
  });

  it('scores predicted labels with the same counts as the arg-max of probabilities', () => {
    const names = (indices: readonly number[]) => indices.map((i) => labels[i] as string);
    const fromLabels = evaluate(labels, names(gold), names(predicted));
    const { expectedCalibrationError: _e, maxCalibrationError: _m, reliability: _r, meanConfidence: _c, logLoss: _l, selective: _s, ...counts } = report;
    expect(fromLabels).toEqual(counts);
    expect(evaluate(labels, gold, names(predicted))).toEqual(counts);
    expect(fromLabels).not.toHaveProperty('logLoss');
  });

  it('rejects predicted labels that are unknown, missing or not labels', () => {
    expect(() => evaluate(['a', 'b'], ['a', 'b'], ['a', 'c'])).toThrow('predicted[1] = "c" is not one of the labels (a, b).');
    expect(() => evaluate(['a', 'b'], ['a', 'x'], ['a', 'b'])).toThrow(/gold\[1\] = "x" is not one of the labels/);
    expect(() => evaluate(['a', 'b'], ['a', 'b'], ['a'])).toThrow('Expected 2 predicted labels, one per gold class, got 1.');
    expect(() => evaluate(['a', 'b'], [0, 1], [0.9, 0.1] as unknown as string[])).toThrow(/predicted\[0\] is not a label/);
    expect(() => evaluate(['a', 'b'], [], [])).toThrow(/at least one example/);
  });

  it('rejects inconsistent input with the position at fault', () => {
    expect(() => evaluate(['a', 'b'], [0, 1], new Float32Array(3))).toThrow(EvaluationInputError);
    expect(() => evaluate(['a', 'b'], [0, 2], new Float32Array(4))).toThrow(/gold\[1\] = 2/);
    expect(() => evaluate(['a', 'b'], [], new Float32Array(0))).toThrow(/at least one example/);
    expect(() => evaluate(['a', 'b'], [0], new Float32Array([Number.NaN, 1]))).toThrow(/example 0, class 0 is not finite/);
    expect(() => evaluate(['a', 'b'], [0], new Float32Array([0, 1]), { threshold: 2 })).toThrow(/threshold/);
    try {
      evaluate(['a'], [0], new Float32Array(2));
    } catch (err) {
      expect(err).toMatchObject({ code: 'CICLO_ERR_ML_EVALUATION_INPUT', name: 'EvaluationInputError' });
    }
  });
});

describe('expectedCalibrationError', () => {
  it('is 0 on perfectly calibrated bins', () => {
    // 10 predictions at 0.8 with 8 right, 10 at 0.6 with 6 right.
    const confidence = [...new Array<number>(10).fill(0.8), ...new Array<number>(10).fill(0.6)];
    const correct = [...[1, 1, 1, 1, 1, 1, 1, 1, 0, 0], ...[1, 1, 1, 1, 1, 1, 0, 0, 0, 0]].map((v) => v === 1);
    const r = expectedCalibrationError(confidence, correct);
    expect(r.expected).toBeCloseTo(0, 12);
    expect(r.maximum).toBeCloseTo(0, 12);
    expect(r.bins.filter((b) => b.count > 0).map((b) => b.count)).toEqual([10, 10]);
  });

  it('measures overconfidence as the confidence-accuracy gap', () => {
    const confidence = new Array<number>(100).fill(0.99);
    const correct = Array.from({ length: 100 }, (_, i) => i % 2 === 0);
    expect(expectedCalibrationError(confidence, correct).expected).toBeCloseTo(0.49, 12);
  });

  it('weights bins by their share of examples and puts edges in the lower bin', () => {
    // Bin (0.2, 0.2667] holds 0.2667 (=4/15 exactly, upper edge inclusive); 0 goes to the first bin.
    const r = expectedCalibrationError([4 / 15, 0, 1, 1], [false, false, true, false]);
    expect(r.bins[3]?.count).toBe(1);
    expect(r.bins[0]?.count).toBe(1);
    expect(r.bins[14]?.count).toBe(2);
    // |0 − 4/15|·¼ + |0 − 0|·¼ + |½ − 1|·½
    expect(r.expected).toBeCloseTo((4 / 15) * 0.25 + 0.25, 12);
    expect(r.maximum).toBeCloseTo(0.5, 12);
  });
});
