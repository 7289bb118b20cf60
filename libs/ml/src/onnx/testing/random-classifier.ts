// Test fixtures only (not exported from the lib index): seeded random weights and features for
// parity, robustness and size tests of the exporter and ModelSession.
import type { ClassifierWeights, Features, FeaturizerConfig, ModelCard } from '../../model/model-contract';

/** mulberry32: tiny, seeded, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const smallFeaturizer: FeaturizerConfig = {
  version: 1,
  buckets: 4096,
  wordNgrams: [1, 2],
  charNgrams: [3, 4],
  foldAccents: true,
  maxFeatures: 256,
  hashSeed: 7,
  charNgramWeight: 0.5,
};

export function randomWeights(
  mode: ClassifierWeights['mode'],
  options: { seed?: number; classes?: number; dim?: number; featurizer?: FeaturizerConfig; scale?: number } = {},
): ClassifierWeights {
  const rand = seededRandom(options.seed ?? 1);
  const classes = options.classes ?? 5;
  const featurizer = options.featurizer ?? smallFeaturizer;
  const dim = mode === 'full-rank' ? classes : (options.dim ?? 16);
  const scale = options.scale ?? 2;
  const fill = (n: number) => Float32Array.from({ length: n }, () => (rand() * 2 - 1) * scale);
  return {
    mode,
    labels: Array.from({ length: classes }, (_, i) => `label_${i}`),
    featurizer,
    dim,
    embeddings: fill(featurizer.buckets * dim),
    outputWeights: mode === 'low-rank' ? fill(classes * dim) : null,
    outputBias: fill(classes),
  };
}

export function randomFeatures(rand: () => number, buckets: number, count: number): Features {
  const ids = Int32Array.from({ length: count }, () => Math.floor(rand() * buckets));
  const weights = Float32Array.from({ length: count }, () => (rand() < 0.1 ? 0 : rand() * 2));
  return { ids, weights };
}

export const testCard: ModelCard = {
  temperature: 1.3,
  confidenceThreshold: 0.4,
  trainingDataSha256: 'a'.repeat(64),
  task: 'intent',
  language: 'pt-BR',
  libraryVersion: '0.1.0',
  createdAt: '2026-11-22T00:00:00.000Z',
};
