import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featurize } from '../features/featurize';
import { predictProbabilities } from '../model/forward';
import { MetadataKeys } from '../model/model-contract';
import { exportOnnx } from '../onnx/export-onnx';
import { InvalidModelError } from '../onnx/invalid-model-error';
import { OnnxDataType, floatTensor, node, tensorValueInfo } from '../onnx/onnx-graph-builder';
import { encodeModel, maxPoolClassifier, validMetadata } from '../onnx/testing/custom-onnx-model';
import { randomWeights, seededRandom, smallFeaturizer, testCard } from '../onnx/testing/random-classifier';
import { InvalidPredictInputError } from './invalid-predict-input-error';
import { ModelSession, planRunsByWidth } from './model-session';
import { ModelSessionDisposedError } from './model-session-disposed-error';

const weights = randomWeights('low-rank', { seed: 7 });
const artifact = exportOnnx(weights, testCard);

async function loadError(source: Uint8Array | string): Promise<InvalidModelError> {
  const error = await ModelSession.load(source).then(
    async (session) => {
      await session.dispose();
      return null;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidModelError);
  expect((error as InvalidModelError).code).toBe('CICLO_ERR_ML_INVALID_MODEL');
  return error as InvalidModelError;
}

describe('ModelSession.predict', () => {
  let session: ModelSession;
  beforeAll(async () => {
    session = await ModelSession.load(artifact);
  });
  afterAll(async () => {
    await session.dispose();
  });

  it('returns label, confidence, the full distribution and the threshold verdict per text', async () => {
    const texts = ['quero cancelar meu pedido', 'where is my order?', 'olá'];
    const predictions = await session.predict(texts);
    const reference = predictProbabilities(weights, texts.map((t) => featurize(t, smallFeaturizer)), testCard.temperature);
    expect(predictions).toHaveLength(3);
    for (const [i, p] of predictions.entries()) {
      const row = reference.subarray(i * 5, i * 5 + 5);
      const best = row.indexOf(Math.max(...row));
      expect(p.label).toBe(weights.labels[best]);
      expect(p.confidence).toBeCloseTo(row[best] ?? 0, 5);
      expect(p.probabilities).toHaveLength(5);
      expect(p.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(p.belowThreshold).toBe(p.confidence < testCard.confidenceThreshold);
    }
    expect(session.labels).toEqual(weights.labels);
    expect(session.metadata.temperature).toBe(testCard.temperature);
    expect(await session.predict([])).toEqual([]);
  });

  it('gives a defined prediction for hostile texts', async () => {
    const texts = [
      '',
      '   \n\t ',
      'a'.repeat(100_000),
      'palavra '.repeat(12_500),
      '😡😡😡🔥👍🏽',
      'Привет 東京 مرحبا नमस्ते ação',
      '\uD800 lone high \uDC00 lone low \uDBFF',
      '\u0000\u200B\uFEFF',
    ];
    const predictions = await session.predict(texts);
    const bias = predictProbabilities(weights, [{ ids: new Int32Array(0), weights: new Float32Array(0) }], testCard.temperature);
    expect(predictions).toHaveLength(texts.length);
    for (const p of predictions) {
      expect(weights.labels).toContain(p.label);
      expect(Number.isFinite(p.confidence)).toBe(true);
      expect(p.probabilities.every((x) => x >= 0 && x <= 1)).toBe(true);
    }
    // No features at all: the bias alone decides.
    expect(Array.from(predictions[0]?.probabilities ?? [])).toEqual(Array.from(bias).map((x) => expect.closeTo(x, 6)));
  });

  it('with runOverheadCells, groups rows by width into several runs and keeps results in input order', async () => {
    const grouped = await ModelSession.load(artifact, { runOverheadCells: 16 });
    try {
      const texts = Array.from({ length: 24 }, (_, i) => (i % 5 === 0 ? '' : `palavra ${'muito longa '.repeat(i % 7 === 0 ? 40 : 1)}${i}`));
      const runsBefore = grouped.runCount;
      const together = await grouped.predict(texts);
      expect(grouped.runCount - runsBefore).toBeGreaterThan(1);
      const alone = await session.predict(texts.slice());
      for (const [i, p] of together.entries()) {
        expect(p.label).toBe(alone[i]?.label);
        expect(Array.from(p.probabilities)).toEqual(Array.from(alone[i]?.probabilities ?? []).map((x) => expect.closeTo(x, 6)));
      }
    } finally {
      await grouped.dispose();
    }
  });

  it('splits calls larger than maxRunBatchSize into several runs with aligned results', async () => {
    const small = await ModelSession.load(artifact, { maxRunBatchSize: 8 });
    try {
      const rand = seededRandom(2);
      const texts = Array.from({ length: 20 }, (_, i) => `texto ${i} ${rand().toString(36)}`);
      const runsBefore = small.runCount;
      const together = await small.predict(texts);
      expect(small.runCount - runsBefore).toBe(3);
      const alone = await Promise.all(texts.map(async (t) => (await small.predict([t]))[0]));
      for (const [i, p] of together.entries()) {
        expect(p.label).toBe(alone[i]?.label);
        expect(p.confidence).toBeCloseTo(alone[i]?.confidence ?? -1, 6);
      }
    } finally {
      await small.dispose();
    }
  });

  it('rejects input that is not an array of strings', async () => {
    await expect(session.predict('hello' as unknown as string[])).rejects.toBeInstanceOf(InvalidPredictInputError);
    await expect(session.predict(['ok', 42 as unknown as string])).rejects.toThrow(/texts\[1\] must be a string/);
  });
});

describe('ModelSession lifecycle', () => {
  it('dispose is idempotent, waits for in-flight runs, and later calls fail clearly', async () => {
    // Several runs per call: dispose must wait for the whole call, not just the current run.
    const session = await ModelSession.load(artifact, { maxRunBatchSize: 2 });
    const inFlight = session.predict(['antes', 'do', 'fim', 'da', 'sessão', '', '🙂']);
    await Promise.all([session.dispose(), session.dispose()]);
    expect((await inFlight).map((p) => typeof p.label)).toEqual(Array(7).fill('string'));
    expect(session.disposed).toBe(true);
    await expect(session.predict(['depois'])).rejects.toBeInstanceOf(ModelSessionDisposedError);
    await expect(session.predict(['depois'])).rejects.toMatchObject({ code: 'CICLO_ERR_ML_SESSION_DISPOSED' });
    await session.dispose();
  });

  it('loads from a file path; a missing file is an InvalidModelError', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ciclo-model-'));
    try {
      const path = join(dir, 'model.onnx');
      await writeFile(path, artifact);
      const session = await ModelSession.load(path);
      expect(session.sizeBytes).toBe(artifact.byteLength);
      await session.dispose();
      expect((await loadError(join(dir, 'absent.onnx'))).message).toMatch(/cannot read model file/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('ModelSession.load validation', () => {
  it('truncated files, random bytes and empty files are InvalidModelError', async () => {
    for (const cut of [10, 100, 1000, Math.floor(artifact.byteLength / 2), artifact.byteLength - 3]) {
      await loadError(artifact.subarray(0, cut));
    }
    const rand = seededRandom(4);
    for (let i = 0; i < 5; i++) await loadError(Uint8Array.from({ length: 4096 }, () => Math.floor(rand() * 256)));
    expect((await loadError(new Uint8Array(0))).message).toMatch(/empty/);
    await loadError(new TextEncoder().encode('definitely not an onnx model'));
  });

  it('wrong input names, types or ranks, and a wrong output are InvalidModelError', async () => {
    expect((await loadError(maxPoolClassifier({ idsName: 'tokens' }))).message).toMatch(/unexpected input\(s\) "tokens"/);
    expect((await loadError(maxPoolClassifier({ idsType: OnnxDataType.INT64 }))).message).toMatch(/input "input_ids" must be a int32 tensor, found int64/);
    expect((await loadError(maxPoolClassifier({ weightsRank: 3 }))).message).toMatch(/rank 2/);
    expect((await loadError(maxPoolClassifier({ outputName: 'scores' }))).message).toMatch(/lacks output "probabilities"/);
    expect((await loadError(maxPoolClassifier({ softmax: false }))).message).toMatch(/warm-up/);
  });

  it('missing or incoherent metadata is InvalidModelError', async () => {
    const labels = ['yes', 'no', 'maybe'];
    const withMetadata = (overrides: Record<string, string | undefined>) => maxPoolClassifier({ metadata: validMetadata(labels, overrides) });
    expect((await loadError(maxPoolClassifier({ metadata: [] }))).message).toMatch(/lack required key/);
    expect((await loadError(withMetadata({ [MetadataKeys.labels]: undefined }))).message).toMatch(/ciclo\.labels/);
    expect((await loadError(withMetadata({ [MetadataKeys.labels]: '["yes","no"' }))).message).toMatch(/not valid JSON/);
    expect((await loadError(withMetadata({ [MetadataKeys.labels]: '["yes","yes","no"]' }))).message).toMatch(/appears twice/);
    expect((await loadError(withMetadata({ [MetadataKeys.labels]: '["yes",""]' }))).message).toMatch(/non-empty/);
    expect((await loadError(withMetadata({ [MetadataKeys.labels]: '["a","b","c","d"]' }))).message).toMatch(/3 columns but the metadata lists 4 labels/);
    expect((await loadError(withMetadata({ [MetadataKeys.featurizer]: '{"version":2}' }))).message).toMatch(/featurizer/);
    expect((await loadError(withMetadata({ [MetadataKeys.featurizer]: '[]' }))).message).toMatch(/featurizer/);
    expect((await loadError(withMetadata({ [MetadataKeys.temperature]: '0' }))).message).toMatch(/temperature/);
    expect((await loadError(withMetadata({ [MetadataKeys.temperature]: 'warm' }))).message).toMatch(/temperature/);
    expect((await loadError(withMetadata({ [MetadataKeys.confidenceThreshold]: '1.2' }))).message).toMatch(/confidence_threshold/);
    expect((await loadError(withMetadata({ [MetadataKeys.formatVersion]: '9' }))).message).toMatch(/format_version/);
  });

  it('an embedding table smaller than the featurizer buckets fails the warm-up', async () => {
    const error = await loadError(maxPoolClassifier({ buckets: smallFeaturizer.buckets / 2 }));
    expect(error.message).toMatch(/warm-up/);
  });

  it('tensors stored outside the file are refused', async () => {
    const model = encodeModel({
      irVersion: 7,
      opsetImport: [{ domain: '', version: 13 }],
      graph: {
        name: 'external',
        node: [node('Identity', ['feature_weights'], ['probabilities'])],
        initializer: [{ ...floatTensor('stolen', [1], new Float32Array(1)), rawData: null, dataLocation: 1, externalData: [{ key: 'location', value: '/etc/passwd' }] }],
        input: [tensorValueInfo('input_ids', OnnxDataType.INT32, ['b', 'f']), tensorValueInfo('feature_weights', OnnxDataType.FLOAT, ['b', 'f'])],
        output: [tensorValueInfo('probabilities', OnnxDataType.FLOAT, ['b', 'f'])],
      },
      metadataProps: validMetadata(['a']),
    });
    expect((await loadError(model)).message).toMatch(/external data/);
  });
});

describe('bring your own model', () => {
  it('a different architecture that follows the contract loads and predicts', async () => {
    const session = await ModelSession.load(maxPoolClassifier());
    try {
      const predictions = await session.predict(['isso é outro modelo', '', '🙂']);
      expect(predictions.map((p) => ['yes', 'no', 'maybe'].includes(p.label))).toEqual([true, true, true]);
      expect(session.metadata.trainingDataSha256).toBeNull();
    } finally {
      await session.dispose();
    }
  });
});

describe('planRunsByWidth', () => {
  it('keeps one run when padding costs less than another run', () => {
    expect(planRunsByWidth([10, 9, 9, 8], 100)).toEqual([4]);
    expect(planRunsByWidth([], 100)).toEqual([0]);
    expect(planRunsByWidth([5], 100)).toEqual([1]);
  });

  it('cuts where the width drops enough to pay for a run', () => {
    // One wide row and many narrow ones: 1 × 500 + 9 × 10 + 2 runs beats 10 × 500.
    expect(planRunsByWidth([500, 10, 10, 10, 10, 10, 10, 10, 10, 10], 100)).toEqual([1, 10]);
    expect(planRunsByWidth([400, 390, 100, 95, 90, 5, 5, 5, 5, 5, 5, 5, 5], 50)).toEqual([2, 5, 13]);
  });

  it('chooses the cheapest plan (checked against every plan of small inputs)', () => {
    const rand = seededRandom(3);
    for (let k = 0; k < 200; k++) {
      const widths = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => Math.floor(rand() * 300)).sort((a, b) => b - a);
      const overhead = Math.floor(rand() * 400);
      const cost = (ends: number[]) => ends.reduce((sum, end, i) => sum + overhead + (end - (ends[i - 1] ?? 0)) * Math.max(1, widths[ends[i - 1] ?? 0] ?? 0), 0);
      let best = Number.POSITIVE_INFINITY;
      for (let mask = 0; mask < 2 ** (widths.length - 1); mask++) {
        const ends = [...widths.keys()].filter((i) => i === widths.length - 1 || (mask >> i) & 1).map((i) => i + 1);
        best = Math.min(best, cost(ends));
      }
      expect(cost(planRunsByWidth(widths, overhead))).toBe(best);
    }
  });
});
