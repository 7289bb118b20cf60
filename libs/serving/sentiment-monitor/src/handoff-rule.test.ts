import { describe, expect, it } from 'vitest';
import { InvalidHandoffRuleError } from './errors/invalid-handoff-rule-error';
import { DEFAULT_HANDOFF_RULE, evaluateSentimentWindow, resolveHandoffRule, type SentimentWindowEntry } from './handoff-rule';

/** The n-th user message of a conversation, sent n minutes after 10:00. */
function entry(n: number, sentiment: string, confidence = 0.9): SentimentWindowEntry {
  return {
    messageId: `0192f0c4-aaaa-7bbb-8ccc-${String(n).padStart(12, '0')}`,
    sentAt: new Date(Date.UTC(2026, 10, 22, 10, n)).toISOString(),
    sentiment,
    confidence,
    modelVersion: 1,
  };
}

const ids = (entries: readonly SentimentWindowEntry[]) => entries.map((e) => Number(e.messageId.slice(-12)));

describe('evaluateSentimentWindow', () => {
  it('fires on two strongly negative messages among the last three user messages', () => {
    const verdict = evaluateSentimentWindow([entry(1, 'negative'), entry(2, 'neutral'), entry(3, 'negative')], DEFAULT_HANDOFF_RULE);
    expect(verdict.fires).toBe(true);
    expect(ids(verdict.window)).toEqual([1, 2, 3]);
    expect(ids(verdict.negatives)).toEqual([1, 3]);
  });

  it('does not fire when one of two negatives has fallen out of the last three', () => {
    const verdict = evaluateSentimentWindow([entry(1, 'negative'), entry(2, 'neutral'), entry(3, 'positive'), entry(4, 'negative')]);
    expect(verdict.fires).toBe(false);
    expect(ids(verdict.window)).toEqual([2, 3, 4]);
    expect(ids(verdict.negatives)).toEqual([4]);
  });

  it('windows by sentAt, not by the order the entries come in', () => {
    const verdict = evaluateSentimentWindow([entry(4, 'negative'), entry(1, 'negative'), entry(3, 'neutral'), entry(2, 'positive')]);
    expect(ids(verdict.window)).toEqual([2, 3, 4]);
    expect(verdict.fires).toBe(false);
  });

  it('does not count negatives below minConfidence (the threshold itself counts)', () => {
    expect(evaluateSentimentWindow([entry(1, 'negative', 0.74), entry(2, 'negative', 0.9)]).fires).toBe(false);
    expect(evaluateSentimentWindow([entry(1, 'negative', 0.75), entry(2, 'negative', 0.9)]).fires).toBe(true);
  });

  it('does not fire on a short conversation with one negative, nor on an empty one', () => {
    expect(evaluateSentimentWindow([entry(1, 'negative')]).fires).toBe(false);
    expect(evaluateSentimentWindow([])).toEqual({ fires: false, window: [], negatives: [] });
  });

  it('applies custom thresholds and labels', () => {
    const entries = [entry(1, 'neg', 0.6), entry(2, 'neutral'), entry(3, 'neg', 0.65), entry(4, 'neutral'), entry(5, 'neg', 0.7)];
    const rule = resolveHandoffRule({ windowSize: 5, minNegative: 3, minConfidence: 0.6, negativeLabel: 'neg' });
    expect(evaluateSentimentWindow(entries, rule).fires).toBe(true);
    expect(evaluateSentimentWindow(entries, { ...rule, minConfidence: 0.65 }).fires).toBe(false);
    expect(evaluateSentimentWindow(entries, { ...rule, windowSize: 4 }).fires).toBe(false);
    expect(evaluateSentimentWindow(entries, DEFAULT_HANDOFF_RULE).fires).toBe(false);
  });
});

describe('resolveHandoffRule', () => {
  it('fills in the defaults (2 of the last 3, confidence ≥ 0.75, label negative)', () => {
    expect(resolveHandoffRule()).toEqual({ windowSize: 3, minNegative: 2, minConfidence: 0.75, negativeLabel: 'negative' });
    expect(resolveHandoffRule({ minConfidence: 0.9, windowSize: undefined })).toEqual({ ...DEFAULT_HANDOFF_RULE, minConfidence: 0.9 });
  });

  it.each([
    [{ minNegative: 4 }, /minNegative must be a whole number from 1 to windowSize = 3 \(got 4\)/],
    [{ minNegative: 0 }, /minNegative/],
    [{ windowSize: 2.5 }, /windowSize must be a whole number/],
    [{ windowSize: 0, minNegative: 0 }, /windowSize/],
    [{ minConfidence: 0 }, /minConfidence must be in \(0, 1\] \(got 0\)/],
    [{ minConfidence: 1.5 }, /minConfidence/],
    [{ minConfidence: Number.NaN }, /minConfidence/],
    [{ negativeLabel: ' ' }, /negativeLabel/],
  ])('rejects %o with a clear error', (overrides, message) => {
    expect(() => resolveHandoffRule(overrides)).toThrow(InvalidHandoffRuleError);
    expect(() => resolveHandoffRule(overrides)).toThrow(message);
  });

  it('is also enforced by evaluateSentimentWindow, with a stable code', () => {
    expect(() => resolveHandoffRule({ minNegative: 9 })).toThrow(expect.objectContaining({ code: 'CICLO_ERR_SENTIMENT_INVALID_RULE' }));
    expect(() => evaluateSentimentWindow([], { ...DEFAULT_HANDOFF_RULE, minNegative: 5 })).toThrow(InvalidHandoffRuleError);
  });
});
