import { describe, expect, it } from 'vitest';
import { InvalidRegistryInputError } from './errors/invalid-registry-input-error';
import { evaluatePromotionGate, parseGateMetrics, parsePromotionGate } from './promotion-gate';

const perClass = (a: number, b: number) => [
  { label: 'a', f1: a },
  { label: 'b', f1: b },
];

describe('evaluatePromotionGate', () => {
  const gate = { minMacroF1: 0.7, maxMacroF1Drop: 0, maxClassF1Drop: 0.05 };
  const production = { version: 1, metrics: { macroF1: 0.8, holdout: 'h1', perClass: perClass(0.8, 0.8) } };

  it('passes a candidate that is at least as good on the same holdout', () => {
    const verdict = evaluatePromotionGate({ gate, production, candidate: { version: 2, metrics: { macroF1: 0.82, holdout: 'h1', perClass: perClass(0.78, 0.86) } } });
    expect(verdict.passed).toBe(true);
    expect(verdict.checks.map((c) => c.check)).toEqual(['minMacroF1', 'sameHoldout', 'macroF1Drop', 'classF1Drop:a', 'classF1Drop:b']);
  });

  it('fails on a macro-F1 drop, a class drop beyond the margin, or a low absolute score', () => {
    const verdict = evaluatePromotionGate({ gate, production, candidate: { version: 2, metrics: { macroF1: 0.65, holdout: 'h1', perClass: perClass(0.7, 0.6) } } });
    expect(verdict.passed).toBe(false);
    expect(verdict.checks.filter((c) => !c.passed).map((c) => c.check)).toEqual(['minMacroF1', 'macroF1Drop', 'classF1Drop:a', 'classF1Drop:b']);
  });

  it('refuses to compare different holdouts, unless the candidate carries production measured on its own', () => {
    const candidate = { version: 2, metrics: { macroF1: 0.9, holdout: 'h2', perClass: perClass(0.9, 0.9) } };
    const refused = evaluatePromotionGate({ gate, production, candidate });
    expect(refused.passed).toBe(false);
    expect(refused.checks.find((c) => c.check === 'sameHoldout')?.passed).toBe(false);
    const withBaseline = { ...candidate, metrics: { ...candidate.metrics, baseline: { version: 1, macroF1: 0.85, perClass: perClass(0.85, 0.85) } } };
    expect(evaluatePromotionGate({ gate, production, candidate: withBaseline }).passed).toBe(true);
  });

  it('skips relative checks without production and fails a gate that needs metrics the version lacks', () => {
    expect(evaluatePromotionGate({ gate, production: null, candidate: { version: 1, metrics: { macroF1: 0.75 } } }).passed).toBe(true);
    expect(evaluatePromotionGate({ gate, production: null, candidate: { version: 1, metrics: {} } }).passed).toBe(false);
    expect(evaluatePromotionGate({ gate: {}, production, candidate: { version: 2, metrics: {} } }).passed).toBe(true);
  });
});

describe('parsing', () => {
  it('validates gates and the metrics the gate reads', () => {
    expect(parsePromotionGate({ minMacroF1: 0.5 })).toEqual({ minMacroF1: 0.5 });
    expect(() => parsePromotionGate({ minF1: 0.5 })).toThrow(InvalidRegistryInputError);
    expect(() => parsePromotionGate({ maxClassF1Drop: 2 })).toThrow(InvalidRegistryInputError);
    expect(() => parseGateMetrics({ macroF1: 'high' })).toThrow(InvalidRegistryInputError);
    expect(() => parseGateMetrics({ perClass: [{ label: 'a' }] })).toThrow(InvalidRegistryInputError);
    expect(parseGateMetrics({ macroF1: 0.5, other: { anything: true } })).toEqual({ macroF1: 0.5 });
  });
});
