import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { featurize } from '../features/featurize';
import { importLabelledFile } from '../import/import-labelled-file';
import { predictProbabilities } from '../model/forward';
import { MetadataKeys, type ClassifierWeights, type Features } from '../model/model-contract';
import { ModelSession } from '../serving/model-session';
import { trainClassifier } from '../training/train-classifier';
import { ArtifactTooLargeError } from './artifact-too-large-error';
import { fromFloat16, storedEmbeddingWeights, toFloat16, type EmbeddingStorage } from './embedding-storage';
import { ARTIFACT_SIZE_BUDGET_BYTES, ONNX_OPSET_VERSION, exportOnnx, exportOnnxArtifact } from './export-onnx';
import { InvalidModelError } from './invalid-model-error';
import { parseModelMetadata } from './model-metadata';
import { decodeOnnxModel, readOnnxMetadata } from './read-onnx-metadata';
import { randomFeatures, randomWeights, seededRandom, smallFeaturizer, testCard } from './testing/random-classifier';

const PARITY_TOLERANCE = 1e-5;

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return max;
}

const WORDS = ['quero', 'cancelar', 'meu', 'pedido', 'não', 'chegou', 'where', 'is', 'my', 'order', 'ação', 'olá', 'obrigado', '😡', '👍🏽', 'Привет', '東京', 'BR-100234', 'R$199,90'];

/** Realistic-ish texts of exactly `length` UTF-16 units or fewer: words, accents, emoji, scripts. */
function randomText(rand: () => number, length: number): string {
  let text = '';
  while (text.length < length) text += `${WORDS[Math.floor(rand() * WORDS.length)] ?? ''}${rand() < 0.1 ? '. ' : ' '}`;
  // Cut on a code point boundary so only the invalid-surrogate test has broken pairs.
  return Array.from(text).join('').slice(0, length).replace(/[\uD800-\uDBFF]$/, '');
}

async function parity(weights: ClassifierWeights, features: readonly Features[], storage: EmbeddingStorage = 'float32') {
  const session = await ModelSession.load(exportOnnx(weights, testCard, { embeddingStorage: storage }));
  try {
    const onnx = await session.probabilities(features);
    const reference = predictProbabilities(storedEmbeddingWeights(weights, storage), features, testCard.temperature);
    return { diff: maxAbsDiff(onnx, reference), onnx, original: predictProbabilities(weights, features, testCard.temperature) };
  } finally {
    await session.dispose();
  }
}

describe('exportOnnx parity with the TypeScript forward pass', () => {
  for (const mode of ['low-rank', 'full-rank'] as const) {
    it(`${mode}: random features, batch sizes 1..64, max abs diff ≤ 1e-5`, async () => {
      const weights = randomWeights(mode, { seed: mode === 'low-rank' ? 11 : 12 });
      const session = await ModelSession.load(exportOnnx(weights, testCard));
      const rand = seededRandom(5);
      let worst = 0;
      try {
        for (let batch = 1; batch <= 64; batch++) {
          const features = Array.from({ length: batch }, () => randomFeatures(rand, smallFeaturizer.buckets, Math.floor(rand() * 300)));
          const onnx = await session.probabilities(features);
          worst = Math.max(worst, maxAbsDiff(onnx, predictProbabilities(weights, features, testCard.temperature)));
        }
      } finally {
        await session.dispose();
      }
      expect(worst).toBeLessThanOrEqual(PARITY_TOLERANCE);
    });

    it(`${mode}: featurised texts of 0..2,000 characters`, async () => {
      const weights = randomWeights(mode, { seed: 21 });
      const rand = seededRandom(6);
      const texts = [
        '',
        ' ',
        ...Array.from({ length: 62 }, (_, i) => randomText(rand, Math.round((i / 61) * 2000))),
        randomText(rand, 2000),
      ];
      const features = texts.map((t) => featurize(t, smallFeaturizer));
      expect(features[0]?.ids.length).toBe(0);
      const { diff } = await parity(weights, features);
      expect(diff).toBeLessThanOrEqual(PARITY_TOLERANCE);
    });
  }

  it('a text without features (all weights 0) scores softmax(bias / T)', async () => {
    const weights = randomWeights('low-rank', { seed: 3 });
    const empty = { ids: new Int32Array(0), weights: new Float32Array(0) };
    const zeroWeights = { ids: Int32Array.from([5, 9]), weights: new Float32Array(2) };
    const { onnx } = await parity(weights, [empty, zeroWeights]);
    const bias = Array.from(weights.outputBias, (b) => Math.exp(b / testCard.temperature));
    const sum = bias.reduce((a, b) => a + b, 0);
    for (let c = 0; c < bias.length; c++) {
      expect(onnx[c]).toBeCloseTo((bias[c] ?? 0) / sum, 6);
      expect(onnx[bias.length + c]).toBeCloseTo((bias[c] ?? 0) / sum, 6);
    }
  });

  for (const storage of ['float16', 'int8'] as const) {
    it(`${storage} storage: exact w.r.t. the stored weights, close to the original`, async () => {
      const weights = randomWeights('low-rank', { seed: 31 });
      const rand = seededRandom(8);
      const features = Array.from({ length: 64 }, () => randomFeatures(rand, smallFeaturizer.buckets, Math.floor(rand() * 200)));
      const { diff, onnx, original } = await parity(weights, features, storage);
      expect(diff).toBeLessThanOrEqual(PARITY_TOLERANCE);
      // The documented, looser tolerance against the unquantized model (docs/model-contract.md).
      expect(maxAbsDiff(onnx, original)).toBeLessThanOrEqual(storage === 'float16' ? 1e-3 : 2e-2);
    });
  }

  it('a model trained on the bootstrap sentiment data: parity on its real texts, artifact well under budget', async () => {
    const { examples } = await importLabelledFile(resolve(import.meta.dirname, '../../../../data/bootstrap/sentiment/pt-BR.csv'));
    const { weights } = await trainClassifier(examples.map((e) => ({ text: e.text, label: e.label })), { epochs: 3, validationFraction: 0 });
    const artifact = exportOnnxArtifact(weights, testCard);
    // Buckets the training data never used stay zero and share one stored row.
    expect(artifact.storedEmbeddingRows).toBeLessThan(weights.featurizer.buckets / 4);
    expect(artifact.sizeBytes).toBeLessThan(ARTIFACT_SIZE_BUDGET_BYTES / 2);
    const features = examples.slice(0, 512).map((e) => featurize(e.text, weights.featurizer));
    const session = await ModelSession.load(artifact.bytes);
    try {
      const diff = maxAbsDiff(await session.probabilities(features), predictProbabilities(weights, features, testCard.temperature));
      expect(diff).toBeLessThanOrEqual(PARITY_TOLERANCE);
    } finally {
      await session.dispose();
    }
  });

  it('zero rows share one stored row and keep parity', async () => {
    const base = randomWeights('low-rank', { seed: 41, featurizer: { ...smallFeaturizer, buckets: 20_000 } });
    const embeddings = new Float32Array(base.embeddings);
    // Only every tenth bucket was "touched by training".
    for (let r = 0; r < 20_000; r++) if (r % 10 !== 0) embeddings.fill(0, r * base.dim, (r + 1) * base.dim);
    const weights = { ...base, embeddings };
    const dense = exportOnnx(base, testCard);
    const sparse = exportOnnx(weights, testCard);
    expect(sparse.byteLength).toBeLessThan(dense.byteLength / 5);
    const rand = seededRandom(9);
    const features = Array.from({ length: 32 }, () => randomFeatures(rand, 20_000, 50));
    const session = await ModelSession.load(sparse);
    try {
      const diff = maxAbsDiff(await session.probabilities(features), predictProbabilities(weights, features, testCard.temperature));
      expect(diff).toBeLessThanOrEqual(PARITY_TOLERANCE);
    } finally {
      await session.dispose();
    }
  });
});

describe('exportOnnx artifact', () => {
  const weights = randomWeights('low-rank', { seed: 51 });

  it('writes opset ≤ 26 with every metadata key, and reads back what it wrote', () => {
    const bytes = exportOnnx(weights, testCard);
    const model = decodeOnnxModel(bytes);
    expect(Number(model.opsetImport[0]?.version)).toBe(ONNX_OPSET_VERSION);
    expect(ONNX_OPSET_VERSION).toBeLessThanOrEqual(26);
    const props = readOnnxMetadata(bytes);
    expect(Object.keys(props)).toEqual(Object.values(MetadataKeys));
    const metadata = parseModelMetadata(props);
    expect(metadata.labels).toEqual(weights.labels);
    expect(metadata.featurizer).toEqual(smallFeaturizer);
    expect(metadata.temperature).toBe(testCard.temperature);
    expect(metadata.confidenceThreshold).toBe(testCard.confidenceThreshold);
    expect(metadata.trainingDataSha256).toBe(testCard.trainingDataSha256);
    expect(metadata.libraryVersion).toBe(testCard.libraryVersion);
    expect(metadata.task).toBe('intent');
    expect(metadata.language).toBe('pt-BR');
    expect(metadata.createdAt).toBe(testCard.createdAt);
  });

  it('gives the same bytes for the same inputs, whatever order the featurizer keys were built in', () => {
    const { version, buckets, wordNgrams, charNgrams, foldAccents, maxFeatures, hashSeed, charNgramWeight } = smallFeaturizer;
    const reordered = { charNgramWeight, hashSeed, maxFeatures, foldAccents, charNgrams, wordNgrams, buckets, version };
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    const first = sha(exportOnnx(weights, testCard));
    expect(sha(exportOnnx({ ...weights, featurizer: reordered }, testCard))).toBe(first);
    expect(sha(exportOnnx(randomWeights('low-rank', { seed: 51 }), { ...testCard }))).toBe(first);
    expect(sha(exportOnnx(weights, { ...testCard, createdAt: '2026-11-23T00:00:00.000Z' }))).not.toBe(first);
  });

  it('refuses artifacts over the budget with CICLO_ERR_ML_ARTIFACT_TOO_LARGE, and auto storage fits them', () => {
    // 65,536 × 64 float32 = exactly 16 MiB of embeddings: over budget once the head is added.
    const big = randomWeights('low-rank', { seed: 1, dim: 64, featurizer: { ...smallFeaturizer, buckets: 65_536 } });
    expect(ARTIFACT_SIZE_BUDGET_BYTES).toBe(16 * 1024 * 1024);
    const error = (() => {
      try {
        exportOnnx(big, testCard);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ArtifactTooLargeError);
    expect((error as ArtifactTooLargeError).code).toBe('CICLO_ERR_ML_ARTIFACT_TOO_LARGE');
    expect((error as ArtifactTooLargeError).message).toMatch(/over the 16\.00 MiB budget/);
    const half = exportOnnx(big, testCard, { embeddingStorage: 'auto' });
    expect(half.byteLength).toBeLessThanOrEqual(ARTIFACT_SIZE_BUDGET_BYTES);
    expect(decodeOnnxModel(half).docString).toMatch(/float16/);
    expect(() => exportOnnx(weights, testCard, { sizeBudgetBytes: 1000 })).toThrow(ArtifactTooLargeError);
  });

  it('refuses weights that break the contract', () => {
    expect(() => exportOnnx({ ...weights, labels: ['a', 'a', 'b', 'c', 'd'] }, testCard)).toThrow(InvalidModelError);
    expect(() => exportOnnx({ ...weights, outputBias: new Float32Array(2) }, testCard)).toThrow(/outputBias/);
    expect(() => exportOnnx({ ...weights, embeddings: new Float32Array(10) }, testCard)).toThrow(/buckets × dim/);
    const nan = new Float32Array(weights.embeddings);
    nan[7] = Number.NaN;
    expect(() => exportOnnx({ ...weights, embeddings: nan }, testCard)).toThrow(/embeddings\[7\] is not finite/);
    expect(() => exportOnnx(weights, { ...testCard, temperature: 0 })).toThrow(/temperature/);
    expect(() => exportOnnx(weights, { ...testCard, confidenceThreshold: 1.5 })).toThrow(/confidenceThreshold/);
    expect(() => exportOnnx({ ...weights, featurizer: { ...smallFeaturizer, buckets: 0 } }, testCard)).toThrow(InvalidModelError);
  });
});

describe('float16 conversion', () => {
  it('rounds to nearest even and handles the edges', () => {
    const cases: Array<[number, number]> = [
      [0, 0x0000],
      [-0, 0x8000],
      [1, 0x3c00],
      [-2, 0xc000],
      [65504, 0x7bff],
      [65520, 0x7c00],
      [1 / 3, 0x3555],
      [2 ** -24, 0x0001],
      [2 ** -14, 0x0400],
      [1 + 2 ** -11, 0x3c00],
      [1 + 3 * 2 ** -11, 0x3c02],
      [Infinity, 0x7c00],
    ];
    expect(Array.from(toFloat16(Float32Array.from(cases, ([value]) => value)))).toEqual(cases.map(([, bits]) => bits));
    expect(Number.isNaN(fromFloat16(toFloat16(Float32Array.of(Number.NaN)))[0])).toBe(true);
    const halves = Uint16Array.from({ length: 0x7c00 / 7 }, (_, i) => i * 7);
    expect(toFloat16(fromFloat16(halves))).toEqual(halves);
  });
});
