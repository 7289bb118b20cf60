import { describe, expect, it } from 'vitest';
import { defaultBootstrapDataDir, loadBootstrapTask } from './bootstrap-data';
import { trainTaskModel, type TaskModelOptions } from './train-task-model';

describe('trainTaskModel', () => {
  it('gives a byte-identical artifact for the same data and seed, and a different one for another seed', async () => {
    const examples = (await loadBootstrapTask(defaultBootstrapDataDir(), 'sentiment')).filter((_, i) => i % 8 === 0);
    const options: TaskModelOptions = {
      task: 'sentiment',
      language: 'multi',
      libraryVersion: 'test',
      createdAt: '2026-01-01T00:00:00.000Z',
      refitOnAllData: true,
      train: { mode: 'low-rank', dim: 8, epochs: 5, seed: 3, featurizer: { buckets: 16_384 } },
    };
    const first = await trainTaskModel(examples, options);
    const second = await trainTaskModel(examples, options);
    expect(Buffer.from(first.artifact).equals(Buffer.from(second.artifact))).toBe(true);
    expect(first.card.trainingDataSha256).toBe(second.card.trainingDataSha256);

    const reseeded = await trainTaskModel(examples, { ...options, train: { ...options.train, seed: 4 } });
    expect(Buffer.from(reseeded.artifact).equals(Buffer.from(first.artifact))).toBe(false);
  }, 60_000);

  it('reports per-language holdout metrics and counts that add up', async () => {
    const examples = (await loadBootstrapTask(defaultBootstrapDataDir(), 'sentiment')).filter((_, i) => i % 6 === 0);
    const result = await trainTaskModel(examples, {
      task: 'sentiment',
      language: 'multi',
      libraryVersion: 'test',
      train: { mode: 'low-rank', dim: 8, epochs: 5, seed: 1, featurizer: { buckets: 16_384 } },
    });
    const { train, holdout, byLanguage } = result.counts;
    expect(train + holdout).toBe(examples.length);
    expect(Object.values(byLanguage).reduce((sum, c) => sum + c.holdout, 0)).toBe(holdout);
    expect(result.holdout.overall.examples).toBe(holdout);
    expect(result.calibration.temperature).toBeGreaterThan(0);
    expect(result.calibration.confidenceThreshold).toBeGreaterThanOrEqual(0.2);
  }, 60_000);
});
