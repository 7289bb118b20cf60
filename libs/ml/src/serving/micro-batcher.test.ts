import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportOnnx } from '../onnx/export-onnx';
import { randomWeights, testCard } from '../onnx/testing/random-classifier';
import { MicroBatcher, type BatchReport } from './micro-batcher';
import { ModelSession } from './model-session';

/** A run that records its batches and echoes each item, failing on the item "boom". */
function echoRun() {
  const batches: string[][] = [];
  const run = async (items: readonly string[]) => {
    batches.push([...items]);
    await Promise.resolve();
    if (items.includes('boom')) throw new Error('boom in batch');
    return items.map((item) => `${item}!`);
  };
  return { batches, run };
}

describe('MicroBatcher', () => {
  it('merges calls made in the same window into one run and hands back each caller its own results', async () => {
    const { batches, run } = echoRun();
    const reports: BatchReport[] = [];
    const batcher = new MicroBatcher(run, { maxDelayMs: 5, maxBatchSize: 100, onBatch: (r) => reports.push(r) });
    const results = await Promise.all([batcher.submit(['a', 'b']), batcher.submit(['c']), batcher.submit([]), batcher.submit(['d', 'e', 'f'])]);
    expect(results).toEqual([['a!', 'b!'], ['c!'], [], ['d!', 'e!', 'f!']]);
    expect(batches).toEqual([['a', 'b', 'c', 'd', 'e', 'f']]);
    expect(batcher.stats()).toEqual({ calls: 4, items: 6, batches: 1, failedBatches: 0, maxBatchItems: 6, meanBatchItems: 6 });
    expect(reports).toMatchObject([{ items: 6, calls: 3, failed: false }]);
  });

  it('runs as soon as maxBatchSize items wait, and never splits a call', async () => {
    const { batches, run } = echoRun();
    const batcher = new MicroBatcher(run, { maxDelayMs: 10_000, maxBatchSize: 4 });
    const results = await Promise.all([batcher.submit(['a', 'b']), batcher.submit(['c', 'd']), batcher.submit(['e', 'f', 'g', 'h', 'i'])]);
    expect(results).toEqual([['a!', 'b!'], ['c!', 'd!'], ['e!', 'f!', 'g!', 'h!', 'i!']]);
    expect(batches).toEqual([['a', 'b', 'c', 'd'], ['e', 'f', 'g', 'h', 'i']]);
  });

  it('a failing call rejects only its own promise; its neighbours get their results', async () => {
    const { batches, run } = echoRun();
    const batcher = new MicroBatcher(run, { maxDelayMs: 1 });
    const [ok1, bad, ok2] = await Promise.allSettled([batcher.submit(['x']), batcher.submit(['boom']), batcher.submit(['y'])]);
    expect(ok1).toEqual({ status: 'fulfilled', value: ['x!'] });
    expect(bad).toMatchObject({ status: 'rejected', reason: { message: 'boom in batch' } });
    expect(ok2).toEqual({ status: 'fulfilled', value: ['y!'] });
    expect(batches[0]).toEqual(['x', 'boom', 'y']);
    expect(batcher.stats().failedBatches).toBe(2);
  });

  it('a run returning the wrong number of results is an error for its callers, not a misalignment', async () => {
    const batcher = new MicroBatcher(async (items: readonly number[]) => items.slice(1), { maxDelayMs: 1 });
    await expect(batcher.submit([1, 2])).rejects.toThrow(/returned 1 results for 2 items/);
  });
});

describe('MicroBatcher over a ModelSession', () => {
  let session: ModelSession;
  beforeAll(async () => {
    session = await ModelSession.load(exportOnnx(randomWeights('full-rank', { seed: 17, classes: 4 }), testCard));
  });
  afterAll(async () => {
    await session.dispose();
  });

  it('20 concurrent predict calls become a few ORT runs with aligned results', async () => {
    const texts = Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? '' : `pedido número ${i} ${'ação '.repeat(i)}`));
    const expected = await Promise.all(texts.map(async (t) => (await session.predict([t]))[0]));
    const runsBefore = session.runCount;
    const batcher = new MicroBatcher((items: readonly string[]) => session.predict(items), { maxDelayMs: 5, maxBatchSize: 64 });
    const results = await Promise.all(texts.map((t) => batcher.submit([t])));
    const runs = session.runCount - runsBefore;
    expect(runs).toBeLessThanOrEqual(2);
    expect(batcher.stats().batches).toBe(runs);
    for (const [i, [prediction]] of results.entries()) {
      expect(prediction?.label).toBe(expected[i]?.label);
      expect(Array.from(prediction?.probabilities ?? [])).toEqual(Array.from(expected[i]?.probabilities ?? []).map((p) => expect.closeTo(p, 6)));
    }
  });
});
