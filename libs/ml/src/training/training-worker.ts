/**
 * Entry of the training worker thread (see train-in-worker.ts). Trains, reports progress, and
 * sends the result back with its typed arrays transferred, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { trainClassifier } from './train-classifier';
import type { TrainingExample, TrainOptions } from './train-options';
import type { TrainingWorkerMessage } from './training-worker-protocol';

const port = parentPort;
if (port === null) throw new Error('training-worker.ts must run in a worker thread.');
const { examples, options } = workerData as { examples: TrainingExample[]; options: TrainOptions };

const post = (message: TrainingWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

trainClassifier(examples, options, (progress) => post({ type: 'progress', progress })).then(
  (result) => {
    const { weights, validation } = result;
    const buffers = [weights.embeddings, weights.outputWeights, weights.outputBias, validation.indices, validation.labels, validation.probabilities]
      .filter((a) => a !== null)
      .map((a) => a.buffer as ArrayBuffer);
    post({ type: 'result', result }, [...new Set(buffers)]);
  },
  (error: unknown) => {
    const e = error as { name?: unknown; message?: unknown; code?: unknown; details?: unknown; stack?: unknown };
    post({
      type: 'error',
      error: {
        name: String(e?.name ?? 'Error'),
        message: String(e?.message ?? error),
        code: typeof e?.code === 'string' ? e.code : null,
        details: (e?.details as Record<string, unknown> | undefined) ?? null,
        stack: typeof e?.stack === 'string' ? e.stack : null,
      },
    });
  },
);
