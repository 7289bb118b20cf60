/* eslint-disable @typescript-eslint/no-non-null-assertion -- test data is built in the test, indices are known to exist. */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InvalidTrainingInputError } from './invalid-training-input-error';
import { syntheticIntents } from './synthetic-intents.fixture';
import { trainClassifier } from './train-classifier';
import { trainInWorker } from './train-in-worker';
import type { TrainOptions, TrainProgress } from './train-options';
import { TrainingAbortedError } from './training-aborted-error';

const options: TrainOptions = { featurizer: { buckets: 8_192 }, mode: 'low-rank', epochs: 6, dim: 16, seed: 9 };
const examples = syntheticIntents(60, 1);
const sameBytes = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('trainInWorker', () => {
  it('trains on a worker thread (vitest host) with the same weights as in-process', async () => {
    const progress: TrainProgress[] = [];
    const inWorker = await trainInWorker(examples, options, { onProgress: (p) => progress.push(p) });
    const inProcess = await trainClassifier(examples, options);
    expect(sameBytes(inWorker.weights.embeddings, inProcess.weights.embeddings)).toBe(true);
    expect(sameBytes(inWorker.weights.outputWeights!, inProcess.weights.outputWeights!)).toBe(true);
    expect(inWorker.weights.embeddings).toBeInstanceOf(Float32Array);
    expect(progress.map((p) => p.epoch)).toEqual(inProcess.history.map((h) => h.epoch));
  });

  it('keeps the event loop free while training', async () => {
    const bigger = syntheticIntents(2_000, 4);
    const heavy: TrainOptions = { featurizer: { buckets: 65_536 }, mode: 'low-rank', dim: 64, epochs: 8, earlyStoppingPatience: null };
    let worst = 0;
    let ticks = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last - 10);
      last = now;
      ticks++;
    }, 10);
    const started = performance.now();
    await trainInWorker(bigger, heavy);
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(elapsed).toBeGreaterThan(200); // long enough for the measurement to mean something
    expect(ticks).toBeGreaterThan(elapsed / 10 / 3);
    // Training on this thread would stall the timer for the whole run; in the worker the longest
    // gap is scheduling noise. Half the run separates the two even on a loaded CI machine.
    expect(worst).toBeLessThan(elapsed / 2);
  });

  it('aborts by terminating the worker', async () => {
    const controller = new AbortController();
    const run = trainInWorker(syntheticIntents(2_000, 4), { ...options, epochs: 500, earlyStoppingPatience: null }, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(TrainingAbortedError);
    await expect(trainInWorker(examples, options, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(TrainingAbortedError);
  });

  it('revives coded errors from the worker', async () => {
    await expect(trainInWorker([], options)).rejects.toBeInstanceOf(InvalidTrainingInputError);
  });

  it('works when the host process runs under tsx', () => {
    const workerModule = pathToFileURL(new URL('./train-in-worker.ts', import.meta.url).pathname).href;
    const fixture = pathToFileURL(new URL('./synthetic-intents.fixture.ts', import.meta.url).pathname).href;
    const script = `
      const { trainInWorker } = await import(${JSON.stringify(workerModule)});
      const { syntheticIntents } = await import(${JSON.stringify(fixture)});
      const r = await trainInWorker(syntheticIntents(60, 1), ${JSON.stringify(options)});
      let sum = 0; for (const v of r.weights.embeddings) sum += v;
      console.log(JSON.stringify({ epochs: r.history.length, sum }));`;
    const tsx = createRequire(import.meta.url).resolve('tsx');
    const out = spawnSync(process.execPath, ['--import', pathToFileURL(tsx).href, '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    const parsed = JSON.parse(out.stdout) as { epochs: number; sum: number };
    expect(parsed.epochs).toBeGreaterThan(0);
    expect(Number.isFinite(parsed.sum)).toBe(true);
  });
});
