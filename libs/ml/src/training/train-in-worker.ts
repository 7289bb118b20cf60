import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InvalidFeaturizerConfigError } from '../features/invalid-featurizer-config-error';
import { InvalidTrainingInputError } from './invalid-training-input-error';
import type { TrainResult } from './train-classifier';
import type { ProgressCallback, TrainingExample, TrainOptions } from './train-options';
import { TrainingAbortedError } from './training-aborted-error';
import { TrainingWorkerError } from './training-worker-error';
import type { SerializedTrainingError, TrainingWorkerMessage } from './training-worker-protocol';

export interface TrainInWorkerOptions {
  /** Called on the caller's thread after every epoch. */
  readonly onProgress?: ProgressCallback;
  /** Terminates the worker at once and rejects with {@link TrainingAbortedError}. */
  readonly signal?: AbortSignal;
}

const workerEntry = new URL(import.meta.url.endsWith('.ts') ? './training-worker.ts' : './training-worker.js', import.meta.url);

/**
 * Runs {@link trainClassifier} on a worker thread, so a server's event loop keeps serving while
 * a model trains. Progress arrives as messages; the result's typed arrays are transferred.
 * The examples are structured-cloned into the worker once (strings only, cheap next to training).
 */
export function trainInWorker(examples: readonly TrainingExample[], options: TrainOptions = {}, run: TrainInWorkerOptions = {}): Promise<TrainResult> {
  const signal = run.signal ?? options.signal;
  if (signal?.aborted) return Promise.reject(new TrainingAbortedError(signal.reason));
  const { signal: _dropped, ...cloneable } = options;
  return new Promise<TrainResult>((resolve, reject) => {
    const worker = startWorker({ examples, options: cloneable });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      settle(() => reject(new TrainingAbortedError(signal?.reason)));
      void worker.terminate();
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: TrainingWorkerMessage) => {
      if (settled) return;
      if (message.type === 'progress') {
        run.onProgress?.(message.progress);
      } else if (message.type === 'result') {
        settle(() => resolve(message.result));
        void worker.terminate();
      } else {
        settle(() => reject(reviveError(message.error)));
        void worker.terminate();
      }
    });
    worker.on('error', (error) => settle(() => reject(new TrainingWorkerError(`The training worker failed: ${error.message}`, error))));
    worker.on('exit', (code) => settle(() => reject(new TrainingWorkerError(`The training worker exited (code ${code}) without a result.`))));
  });
}

/**
 * Libraries here ship TypeScript source and run under tsx, but a worker thread does not inherit
 * the parent's module loader hooks (Node 20), and under vitest there is no Node loader at all.
 * So a `.ts` entry is started through a two-line bootstrap that registers tsx's ESM loader in the
 * worker and then imports the entry: the same path under tsx, vitest and plain Node.
 */
function startWorker(workerData: unknown): Worker {
  if (!workerEntry.pathname.endsWith('.ts')) return new Worker(workerEntry, { workerData });
  const bootstrap = `import(${JSON.stringify(tsxEsmApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerEntry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** tsx's ESM API (its `import` export; the CommonJS build cannot register hooks from an eval'd worker). */
function tsxEsmApiUrl(): string {
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href;
}

function reviveError(e: SerializedTrainingError): Error {
  const details = e.details ?? undefined;
  if (e.code === 'CICLO_ERR_ML_INVALID_TRAINING_INPUT') return new InvalidTrainingInputError(e.message, details);
  if (e.code === 'CICLO_ERR_ML_INVALID_FEATURIZER_CONFIG') {
    const problems = Array.isArray(details?.['problems']) ? (details['problems'] as string[]) : [e.message];
    return new InvalidFeaturizerConfigError(problems);
  }
  if (e.code === 'CICLO_ERR_ML_TRAINING_ABORTED') return new TrainingAbortedError();
  const error = new TrainingWorkerError(`Training failed in the worker: ${e.name}: ${e.message}`);
  if (e.stack !== null) error.stack = `${error.stack ?? ''}\nCaused in the worker by: ${e.stack}`;
  return error;
}
