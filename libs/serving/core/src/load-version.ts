import { ModelSession, type ModelSessionOptions } from '@ciclo/ml';
import { checkSamplePredictions, sha256Hex } from '@ciclo/ml';
import { SwapStepError, type SwapStep } from './errors/swap-step-error';
import { LoadedVersion, type BatchingOptions } from './loaded-version';
import type { RegistryClient } from './registry-client';

export interface LoadVersionOptions {
  readonly registry: RegistryClient;
  readonly batching: BatchingOptions;
  readonly session?: ModelSessionOptions;
  readonly onBatch?: (model: string, items: number) => void;
  /** Told when the loaded version has been retired and its session freed. */
  readonly onRetired?: (model: string, version: number) => void;
  /** Told how long each step took (logs, tests). */
  readonly onStep?: (step: SwapStep, durationMs: number) => void;
}

/**
 * Serving batches mix short and long texts: group a batch's rows by width (ModelSession's
 * `runOverheadCells`; one run costs about as much as 512 padded feature cells). Measured on the
 * bootstrap intent model, batches of 32 chat texts: ≈ 16 → 13 µs per text.
 */
const RUN_OVERHEAD_CELLS = 512;

/** Texts for the warm-up runs: batch shapes the batcher will produce, before traffic sees them. */
const WARM_UP_TEXTS = ['warm up', 'aquecimento do modelo', '', 'pedido 123456 não chegou 😡'];

/**
 * The swap pipeline up to (not including) the switch: download → verify sha256 → load (the
 * session validates the model contract) → warm up → reproduce the version's stored sample
 * predictions. Any failure is a {@link SwapStepError} naming the step, and nothing stays loaded.
 */
export async function loadVersion(model: string, version: number, options: LoadVersionOptions): Promise<LoadedVersion> {
  const { registry } = options;
  const timed = async <T>(step: SwapStep, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } catch (error) {
      if (error instanceof SwapStepError) throw error;
      throw new SwapStepError(model, version, step, (error as Error).message, error);
    } finally {
      options.onStep?.(step, performance.now() - started);
    }
  };

  const [record, artifact, samples] = await timed('download', () =>
    Promise.all([registry.getVersion(model, version), registry.downloadArtifact(model, version), registry.getSamples(model, version)]),
  );

  await timed('verify', async () => {
    const actual = sha256Hex(artifact.bytes);
    if (actual !== record.sha256) {
      throw new SwapStepError(model, version, 'verify', `artifact bytes hash to ${actual}, the registry records ${record.sha256}`);
    }
    if (artifact.declaredSha256 !== null && artifact.declaredSha256 !== record.sha256) {
      throw new SwapStepError(model, version, 'verify', `download header says sha256 ${artifact.declaredSha256}, the version record says ${record.sha256}`);
    }
  });

  const session = await timed('load', () => ModelSession.load(artifact.bytes, { runOverheadCells: RUN_OVERHEAD_CELLS, ...options.session }));
  const { onBatch, onRetired } = options;
  const loaded = new LoadedVersion({
    model,
    version,
    sha256: record.sha256,
    session,
    batching: options.batching,
    ...(onBatch ? { onBatch: (items: number) => onBatch(model, items) } : {}),
    ...(onRetired ? { onRetired: () => onRetired(model, version) } : {}),
  });
  try {
    await timed('warm-up', async () => {
      const labels = record.labels;
      if (labels.length !== session.labels.length || labels.some((l, i) => l !== session.labels[i])) {
        throw new SwapStepError(model, version, 'warm-up', `artifact labels [${session.labels.join(', ')}] differ from the version record [${labels.join(', ')}]`);
      }
      await loaded.predictDirect(WARM_UP_TEXTS.slice(0, 1));
      await loaded.predictDirect(WARM_UP_TEXTS);
    });
    await timed('samples', async () => {
      // Straight to the session: the batcher serves traffic, and this version has none yet.
      const mismatches = await checkSamplePredictions({ predict: (texts) => loaded.predictDirect(texts) }, samples);
      if (mismatches.length > 0) {
        const first = mismatches[0];
        throw new SwapStepError(
          model,
          version,
          'samples',
          `${mismatches.length} of ${samples.length} stored sample predictions not reproduced (sample ${first?.index}: expected ${first?.expectedLabel}, got ${first?.actualLabel}, max |Δp| ${first?.maxAbsDiff})`,
        );
      }
    });
  } catch (error) {
    await loaded.retire();
    throw error;
  }
  return loaded;
}
