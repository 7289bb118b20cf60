import { describe, expect, it } from 'vitest';
import { compareModels } from './compare-models';
import { EvaluationInputError } from './evaluation-input-error';
import { formatReport } from './format-report';
import { evaluate } from './evaluate';
import { erfc, mcnemarTest } from './mcnemar-test';

function oneHotish(classes: number, predicted: readonly number[]): Float32Array {
  const out = new Float32Array(predicted.length * classes).fill(0.1 / (classes - 1));
  predicted.forEach((p, i) => (out[i * classes + p] = 0.9));
  return out;
}

describe('mcnemarTest', () => {
  it('uses the exact binomial below 25 discordant pairs', () => {
    // 2 · P[Bin(10, ½) ≤ 1] = 2 · 11/1024; statsmodels mcnemar([[.,9],[1,.]], exact=True) agrees.
    expect(mcnemarTest(1, 9)).toEqual({ fixed: 1, broken: 9, method: 'exact-binomial', statistic: 1, pValue: 22 / 1024 });
    expect(mcnemarTest(9, 1).pValue).toBe(22 / 1024);
    expect(mcnemarTest(3, 3).pValue).toBe(1);
    expect(mcnemarTest(0, 0)).toMatchObject({ pValue: 1, statistic: 0 });
    expect(mcnemarTest(0, 24).pValue).toBeCloseTo(2 * 2 ** -24, 15);
  });

  it('uses continuity-corrected chi-square from 25 discordant pairs', () => {
    // (|30 − 10| − 1)² / 40 = 9.025; scipy.stats.chi2.sf(9.025, 1) = 0.0026631...
    const r = mcnemarTest(30, 10);
    expect(r.method).toBe('chi-square-corrected');
    expect(r.statistic).toBeCloseTo(9.025, 12);
    expect(r.pValue).toBeCloseTo(0.002663119259, 8);
    expect(mcnemarTest(60, 40).pValue).toBeCloseTo(0.057433119632, 7);
    expect(mcnemarTest(20, 20)).toMatchObject({ statistic: 0, pValue: 1 });
  });

  it('keeps the exact test finite for large counts when asked to use it', () => {
    const exact = mcnemarTest(500, 600, 10_000);
    const approx = mcnemarTest(500, 600);
    expect(exact.method).toBe('exact-binomial');
    expect(exact.pValue).toBeGreaterThan(0);
    expect(Math.abs(exact.pValue - approx.pValue) / approx.pValue).toBeLessThan(0.05);
    // Exact references from Python's math.comb with fractions (n = 1000 direct, n = 1100 log space).
    expect(mcnemarTest(480, 520, 10_000).pValue).toBeCloseTo(0.21744829320414094, 12);
    expect(exact.pValue).toBeCloseTo(0.0028195449914364275, 12);
  });

  it('computes erfc to about 1e-7', () => {
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(erfc(1)).toBeCloseTo(0.157299207050285, 7);
    expect(erfc(-1)).toBeCloseTo(1.842700792949715, 7);
  });
});

describe('compareModels', () => {
  const labels = ['a', 'b', 'c'];
  const gold = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2];
  const predA = [0, 0, 0, 1, 1, 0, 2, 2, 0, 0];
  const predB = [0, 0, 1, 1, 1, 1, 2, 2, 2, 2];
  const report = compareModels(labels, gold, oneHotish(3, predA), oneHotish(3, predB), {
    names: { a: 'production', b: 'candidate' },
  });

  it('puts both reports side by side with B − A deltas', () => {
    expect(report.a.accuracy).toBeCloseTo(0.7, 12);
    expect(report.b.accuracy).toBeCloseTo(0.9, 12);
    expect(report.delta.accuracy).toBeCloseTo(0.2, 12);
    expect(report.delta.macroF1).toBeCloseTo(report.b.macroF1 - report.a.macroF1, 12);
    expect(report.names).toEqual({ a: 'production', b: 'candidate' });
  });

  it('sorts per-class F1 changes worst first and exposes the gate figures', () => {
    // a: A gets 3 of 3 and predicts it 6 times → F1 = 2·3/(3+6) = 2/3; B gets 2 of 3 and predicts
    // it twice → 2·2/(3+2) = 4/5. No class gets worse, so there is no drop.
    const deltas = report.perClassF1Deltas.map((d) => d.delta);
    expect([...deltas].sort((x, y) => x - y)).toEqual(deltas);
    const a = report.perClassF1Deltas.find((d) => d.label === 'a');
    expect(a?.f1A).toBeCloseTo(2 / 3, 12);
    expect(a?.f1B).toBeCloseTo(4 / 5, 12);
    expect(report.largestF1Drop).toBeNull();
    expect(report.gate).toEqual({
      candidateMacroF1: report.b.macroF1,
      macroF1Delta: report.b.macroF1 - report.a.macroF1,
      maxPerClassF1Drop: 0,
      maxPerClassF1DropLabel: null,
    });
  });

  it('reports the largest per-class drop when the candidate regresses', () => {
    const r = compareModels(labels, gold, oneHotish(3, predB), oneHotish(3, predA));
    expect(r.largestF1Drop?.label).toBe(r.perClassF1Deltas[0]?.label);
    expect(r.gate.maxPerClassF1Drop).toBeCloseTo(-(r.perClassF1Deltas[0]?.delta ?? 0), 12);
    expect(r.gate.maxPerClassF1Drop).toBeGreaterThan(0);
    // c: 4/4 right, predicted 4 times → 1; with predA: 2 right of 4, predicted twice → 2·2/(4+2) = 2/3.
    expect(r.largestF1Drop).toMatchObject({ label: 'c', support: 4, f1A: 1 });
    expect(r.largestF1Drop?.f1B).toBeCloseTo(2 / 3, 12);
  });

  it('counts fixed and broken examples and runs McNemar on them', () => {
    // Index 2: A right, B wrong (broken). Indices 5, 8, 9: A wrong, B right (fixed).
    expect(report.paired).toEqual({ fixed: 3, broken: 1, bothCorrect: 6, bothWrong: 0 });
    expect(report.mcnemar.method).toBe('exact-binomial');
    expect(report.mcnemar.pValue).toBeCloseTo(2 * (1 + 4) / 16, 12);
  });

  it('leaves classes absent from gold out of the per-class deltas', () => {
    const r = compareModels(['a', 'b', 'unused'], [0, 1], oneHotish(3, [0, 1]), oneHotish(3, [0, 2]));
    expect(r.perClassF1Deltas.map((d) => d.label)).toEqual(['b', 'a']);
  });

  it('rejects score matrices of different shapes', () => {
    expect(() => compareModels(labels, gold, oneHotish(3, predA), new Float32Array(3))).toThrow(EvaluationInputError);
  });
});

describe('formatReport', () => {
  it('renders an evaluation as a text table', () => {
    const text = formatReport(evaluate(['greeting', 'goodbye'], [0, 1, 1], oneHotish(2, [0, 1, 0]), { threshold: 0.5 }));
    expect(text).toContain('accuracy 0.6667');
    expect(text).toMatch(/greeting\s+0\.5000\s+1\.0000\s+0\.6667\s+1\s+2/);
    expect(text).toContain('confusion matrix (rows = gold, columns = predicted)');
    expect(text).toContain('at threshold 0.5000: answers 3/3');
  });

  it('renders a report scored from predicted labels, without the confidence lines', () => {
    const text = formatReport(evaluate(['greeting', 'goodbye'], ['greeting', 'goodbye', 'goodbye'], ['greeting', 'goodbye', 'greeting']));
    expect(text).toContain('accuracy 0.6667');
    expect(text).toMatch(/greeting\s+0\.5000\s+1\.0000\s+0\.6667\s+1\s+2/);
    expect(text).not.toContain('ECE');
    expect(text).not.toContain('at threshold');
  });

  it('lists top confusions instead of a matrix for many classes', () => {
    const labels = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const text = formatReport(evaluate(labels, [0, 1, 2], oneHotish(20, [1, 1, 2])));
    expect(text).toContain('most frequent confusions');
    expect(text).toContain('l0 → l1  1');
  });

  it('renders a comparison with deltas and McNemar', () => {
    const text = formatReport(
      compareModels(['a', 'b'], [0, 1, 1], oneHotish(2, [0, 0, 0]), oneHotish(2, [0, 1, 1]), { names: { a: 'prod', b: 'cand' } }),
    );
    expect(text).toMatch(/accuracy\s+0\.3333\s+1\.0000\s+\+0\.6667/);
    expect(text).toContain('cand vs prod: fixed 2, broken 0');
    expect(text).toContain('McNemar (exact-binomial)');
  });
});
