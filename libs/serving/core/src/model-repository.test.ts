// The swap pipeline and the repository's convergence rules against an in-memory registry.
// Why a stand-in here (the app's tests use the real registry process): it can corrupt bytes in
// transit, answer out of order and fail on demand, which a healthy registry never does.
import { createHash } from 'node:crypto';
import type { ModelView, SamplePredictionView, VersionView } from '@ciclo/platform-contracts';
import { ModelSession } from '@ciclo/ml';
import { createLogger, createMetricsRegistry } from '@ciclo/platform-observability';
import { computeSamplePredictions } from '@ciclo/ml';
import { TINY_MODEL_LABELS, tinyModel } from '@ciclo/platform-testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ModelNotReadyError } from './errors/model-not-ready-error';
import { ModelNotServedError } from './errors/model-not-served-error';
import { ServedVersionNotFoundError } from './errors/version-not-found-error';
import { RegistryRequestError } from './errors/registry-request-error';
import { SwapStepError } from './errors/swap-step-error';
import { createInferenceMetrics } from './inference-metrics';
import { loadVersion } from './load-version';
import { ModelRepository } from './model-repository';
import type { DownloadedArtifact, RegistryClient } from './registry-client';

interface StoredVersion {
  bytes: Uint8Array;
  labels: string[];
  samples: SamplePredictionView[];
}

/** A registry in memory with knobs for the failures a real one does not produce on purpose. */
class InMemoryRegistry implements RegistryClient {
  readonly versions = new Map<string, StoredVersion>();
  aliases: Record<string, Record<string, number>> = {};
  down = false;
  /** Applied to downloaded bytes (corruption in transit). */
  tamper: ((bytes: Uint8Array) => Uint8Array) | null = null;
  /** Held downloads: resolve them to let a load continue. */
  gate: Promise<void> | null = null;
  downloads = 0;
  /** Every per-version call (record, samples, artifact). */
  versionCalls = 0;

  async add(model: string, version: number, bytes: Uint8Array, samples?: SamplePredictionView[]): Promise<void> {
    const session = await ModelSession.load(bytes);
    const computed = samples ?? (await computeSamplePredictions(session, ['hello there', 'quero cancelar meu pedido'])).map((p) => ({ ...p, probabilities: [...p.probabilities] }));
    this.versions.set(`${model}/${version}`, { bytes, labels: [...session.labels], samples: computed });
    await session.dispose();
  }

  async listModels(): Promise<ModelView[]> {
    if (this.down) throw new RegistryRequestError('model registry unreachable (test)', { status: null, path: '/v1/models' });
    return Object.entries(this.aliases).map(([name, aliases]) => ({
      name, task: name, description: null, labels: [], languages: [], policy: 'manual', gate: {}, aliases, createdAt: '2026-11-22T00:00:00.000Z', updatedAt: '2026-11-22T00:00:00.000Z',
    }));
  }

  #stored(model: string, version: number): StoredVersion {
    this.versionCalls += 1;
    const stored = this.versions.get(`${model}/${version}`);
    if (!stored) throw new RegistryRequestError(`no ${model} v${version}`, { status: 404, path: `/v1/models/${model}/versions/${version}` });
    return stored;
  }

  async getVersion(model: string, version: number): Promise<VersionView> {
    const stored = this.#stored(model, version);
    return {
      model, version, sha256: createHash('sha256').update(stored.bytes).digest('hex'), sizeBytes: stored.bytes.byteLength, format: 'onnx', labels: stored.labels,
      metrics: {}, params: {}, tags: [], description: null, confidenceThreshold: 0.4, datasetSnapshotId: null, trainingRunId: null, createdBy: 'test', createdAt: '2026-11-22T00:00:00.000Z', aliases: [],
    };
  }

  async getSamples(model: string, version: number): Promise<SamplePredictionView[]> {
    return this.#stored(model, version).samples;
  }

  async downloadArtifact(model: string, version: number): Promise<DownloadedArtifact> {
    this.downloads += 1;
    await this.gate;
    const stored = this.#stored(model, version);
    return { bytes: this.tamper ? this.tamper(stored.bytes) : stored.bytes, declaredSha256: null };
  }
}

const logger = createLogger({ app: 'serving-test', level: 'silent' });
const batching = { maxDelayMs: 1, maxBatchSize: 16 };

describe('loadVersion: download → verify → load → warm up → samples', () => {
  let registry: InMemoryRegistry;

  beforeAll(async () => {
    registry = new InMemoryRegistry();
    await registry.add('intent', 1, await tinyModel(1));
    await registry.add('intent', 2, await tinyModel(2), [{ input: 'hello there', label: 'cancel', probabilities: [1, 0, 0] }]);
    await registry.add('intent', 3, new TextEncoder().encode('not an onnx model at all'), []).catch(() => undefined);
  });

  afterEach(() => {
    registry.tamper = null;
  });

  async function failure(version: number): Promise<SwapStepError> {
    const error = await loadVersion('intent', version, { registry, batching }).then(
      () => new Error('loaded'),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(SwapStepError);
    return error as SwapStepError;
  }

  it('loads a good version, timing every step, and it predicts', async () => {
    const steps: string[] = [];
    const loaded = await loadVersion('intent', 1, { registry, batching, onStep: (step) => steps.push(step) });
    expect(steps).toEqual(['download', 'verify', 'load', 'warm-up', 'samples']);
    expect(loaded.labels).toEqual([...TINY_MODEL_LABELS]);
    expect((await loaded.predict(['hello there']))[0]?.label).toBe('greet');
    await loaded.retire();
  });

  it('refuses bytes corrupted in transit at the verify step', async () => {
    registry.tamper = (bytes) => Uint8Array.from(bytes, (b, i) => (i === 100 ? b ^ 1 : b));
    const error = await failure(1);
    expect(error.step).toBe('verify');
    expect(error.message).toMatch(/hash to [0-9a-f]{64}, the registry records [0-9a-f]{64}/);
  });

  it('refuses a version whose stored samples it does not reproduce', async () => {
    const error = await failure(2);
    expect(error.step).toBe('samples');
    expect(error.message).toMatch(/1 of 1 stored sample predictions not reproduced/);
  });

  it('names the download step when the registry has no such version', async () => {
    const error = await failure(9);
    expect(error.step).toBe('download');
    expect((error.cause as RegistryRequestError).status).toBe(404);
  });
});

describe('ModelRepository', () => {
  let registry: InMemoryRegistry;
  let repository: ModelRepository;

  beforeAll(async () => {
    registry = new InMemoryRegistry();
    await registry.add('intent', 1, await tinyModel(1));
    await registry.add('intent', 2, await tinyModel(2));
    await registry.add('intent', 3, await tinyModel(3), [{ input: 'x', label: 'greet', probabilities: [0, 1, 0] }]);
  });

  afterEach(async () => {
    await repository?.close();
    registry.down = false;
    registry.gate = null;
    registry.aliases = {};
  });

  const create = (options: Partial<ConstructorParameters<typeof ModelRepository>[0]> = {}) =>
    new ModelRepository({ registry, logger, batching, reconcileIntervalMs: 3_600_000, ...options });

  it('is not ready while the registry cannot be read, and says why; then converges', async () => {
    registry.down = true;
    registry.aliases = { intent: { production: 1 } };
    repository = create();
    await repository.start();
    expect(repository.readiness()).toEqual({ ready: false, reason: 'registry not read yet: model registry unreachable (test)' });
    expect(() => repository.served('intent')).toThrow(ModelNotReadyError);
    registry.down = false;
    await repository.reconcile();
    expect(repository.readiness()).toEqual({ ready: true, reason: null });
    expect(repository.served('intent').version).toBe(1);
  });

  it('retries quickly until the registry answers for the first time, then converges on its own', async () => {
    registry.down = true;
    registry.aliases = { intent: { production: 1 } };
    repository = create();
    await repository.start();
    expect(repository.readiness().ready).toBe(false);
    registry.down = false;
    await expect.poll(() => repository.readiness().ready, { timeout: 10_000, interval: 50 }).toBe(true);
    expect(repository.served('intent').version).toBe(1);
  });

  it('keeps serving what it has when the registry goes away', async () => {
    registry.aliases = { intent: { production: 1 } };
    repository = create();
    await repository.start();
    registry.down = true;
    await repository.reconcile();
    expect(repository.served('intent').version).toBe(1);
    expect(repository.readiness().ready).toBe(true);
  });

  it('keeps the old version when the target fails, and waits out a backoff before trying it again', async () => {
    registry.aliases = { intent: { production: 1 } };
    repository = create({ retryDelayMs: 60_000 });
    await repository.start();
    registry.aliases = { intent: { production: 3 } };
    await repository.reconcile();
    expect(repository.served('intent').version).toBe(1);
    expect(repository.status()).toEqual([expect.objectContaining({ name: 'intent', servedVersion: 1, targetVersion: 3, lastError: expect.stringMatching(/failed at samples/) })]);
    const downloads = registry.downloads;
    await repository.reconcile();
    expect(registry.downloads).toBe(downloads);
  });

  it('drops a load that a newer target superseded, and serves the newest', async () => {
    registry.aliases = { intent: { production: 1 } };
    repository = create();
    await repository.start();
    let release!: () => void;
    registry.gate = new Promise<void>((resolve) => (release = resolve));
    const downloadsBefore = registry.downloads;
    registry.aliases = { intent: { production: 2 } };
    const first = repository.aliasChanged({ model: 'intent', alias: 'production' });
    await expect.poll(() => registry.downloads > 0).toBe(true);
    registry.aliases = { intent: { production: 1 } };
    const second = repository.aliasChanged({ model: 'intent', alias: 'production' });
    // The second look at the registry does not wait for the first load to finish.
    await expect.poll(() => repository.status()[0]?.targetVersion).toBe(1);
    release();
    await Promise.all([first, second]);
    expect(repository.served('intent').version).toBe(1);
    // v2 was loaded once, then dropped as superseded; v1 was never downloaded again.
    expect(registry.downloads).toBe(downloadsBefore + 1);
    expect(repository.loadedVersions('intent').map((v) => v.version)).toEqual([1]);
  });

  it('stops serving a model whose alias is gone, and ignores other aliases’ events', async () => {
    registry.aliases = { intent: { production: 1 } };
    repository = create();
    await repository.start();
    const downloads = registry.downloads;
    await repository.aliasChanged({ model: 'intent', alias: 'staging' });
    expect(registry.downloads).toBe(downloads);
    registry.aliases = { intent: {} };
    await repository.aliasChanged({ model: 'intent', alias: 'production' });
    expect(() => repository.served('intent')).toThrow(ModelNotServedError);
    expect(repository.readiness().ready).toBe(true);
  });

  it('keeps at most maxPinnedVersions explicitly addressed versions, retiring the least recently used', async () => {
    registry.aliases = { intent: { production: 1 } };
    repository = create({ maxPinnedVersions: 1 });
    await repository.start();
    const v2 = await repository.version('intent', 2);
    expect(repository.loadedVersions('intent').map((v) => v.version)).toEqual([1, 2]);
    await registry.add('intent', 4, await tinyModel(4));
    await repository.version('intent', 4);
    await expect.poll(() => v2.retired).toBe(true);
    expect(repository.loadedVersions('intent').map((v) => v.version)).toEqual([1, 4]);
    const { served, predictions } = await repository.predict('intent', ['hello there'], 4);
    expect({ version: served.version, n: predictions.length }).toEqual({ version: 4, n: 1 });
  });

  it('promotes an already pinned version without loading it again', async () => {
    registry.aliases = { intent: { production: 1 } };
    repository = create();
    await repository.start();
    const pinned = await repository.version('intent', 2);
    const downloads = registry.downloads;
    registry.aliases = { intent: { production: 2 } };
    await repository.reconcile();
    expect(repository.served('intent')).toBe(pinned);
    expect(registry.downloads).toBe(downloads);
  });

  it('removes a retired version’s latency series, so the version label cap counts live versions', async () => {
    const metricsRegistry = createMetricsRegistry('nlp-service');
    const metrics = createInferenceMetrics(metricsRegistry);
    const latencyVersions = async () =>
      [...new Set(((await metricsRegistry.getMetricsAsJSON()).find((m) => m.name === 'ciclo_inference_duration_seconds')?.values ?? []).map((v) => v.labels['version']))];
    registry.aliases = { intent: { production: 1 } };
    repository = create({ metrics });
    await repository.start();
    const v1 = repository.served('intent');
    metrics.inference('intent', v1.version, 0.002);
    registry.aliases = { intent: { production: 2 } };
    await repository.reconcile();
    metrics.inference('intent', repository.served('intent').version, 0.002);
    await expect.poll(() => v1.retired).toBe(true);
    await expect.poll(latencyVersions).toEqual(['2']);
  });

  it('keeps per-name state bounded over 10,000 unknown model names, and asks the registry about a remembered one no more', async () => {
    registry.aliases = { intent: { production: 1 } };
    repository = create({ unknownModelCacheSize: 500 });
    await repository.start();
    for (let i = 0; i < 10_000; i++) {
      const error = await repository.version(`unknown-${i}`, 1).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelNotServedError);
    }
    expect(repository.stats()).toEqual({ models: 1, unknownModels: 500 });
    expect(repository.status().map((s) => s.name)).toEqual(['intent']);
    const calls = registry.versionCalls;
    await expect(repository.version('unknown-9999', 1)).rejects.toThrow(/"unknown-9999" is not served here: the registry has no model of that name/);
    await expect(repository.registryVersion('unknown-9999', 1)).rejects.toBeInstanceOf(ModelNotServedError);
    expect(registry.versionCalls).toBe(calls);
    // A known model's missing version is not a missing model, and is not remembered as one.
    await expect(repository.version('intent', 99)).rejects.toBeInstanceOf(ServedVersionNotFoundError);
    expect(repository.stats()).toEqual({ models: 1, unknownModels: 500 });
    await expect.poll(() => repository.served('intent').version).toBe(1);
  });

  it('forgets a remembered unknown name as soon as a registry listing shows the model', async () => {
    registry.aliases = { intent: { production: 1 } };
    repository = create();
    await repository.start();
    await expect(repository.version('fresh', 1)).rejects.toBeInstanceOf(ModelNotServedError);
    expect(repository.stats()).toEqual({ models: 1, unknownModels: 1 });
    await registry.add('fresh', 1, await tinyModel(5));
    registry.aliases = { intent: { production: 1 }, fresh: {} };
    await repository.reconcile();
    expect(repository.stats()).toEqual({ models: 2, unknownModels: 0 });
    expect((await repository.version('fresh', 1)).version).toBe(1);
    // Gone from the registry with nothing loaded: its state goes too; with a version loaded, it stays.
    registry.aliases = { intent: { production: 1 } };
    await repository.reconcile();
    expect(repository.stats().models).toBe(2);
    expect(repository.loadedVersions('fresh').map((v) => v.version)).toEqual([1]);
  });
});
