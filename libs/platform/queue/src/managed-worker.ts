import type { JobCatalog } from '@ciclo/platform-contracts';
import { hostname } from 'node:os';
import type { BackendRuntime } from './backend-runtime';
import { createJobProcessor, type AnyHandler } from './job-processor';
import type { ManagedWorker, QueueJobEvent, WorkerOptions } from './job-types';
import type { QueueLogger } from './queue-logger';
import { throttledErrorLogger } from './throttled-error-logger';

export interface StartWorkerParams {
  readonly runtime: BackendRuntime;
  readonly catalog: JobCatalog;
  readonly queue: string;
  readonly handlers: Readonly<Record<string, AnyHandler>>;
  readonly opts: WorkerOptions;
  readonly logger: QueueLogger;
  readonly onJobEvent?: (event: QueueJobEvent) => void;
}

/**
 * Starts a BullMQ worker running the catalog handlers (through `createJobProcessor`) and closes it
 * gracefully: active jobs get `closeTimeoutMs` to finish before they are cancelled.
 */
export async function startManagedWorker(params: StartWorkerParams): Promise<ManagedWorker> {
  const { runtime, queue, opts, logger } = params;
  const processor = createJobProcessor(params);
  const closeTimeoutMs = opts.closeTimeoutMs ?? 30_000;
  const worker = runtime.createWorker(queue, processor, {
    concurrency: opts.concurrency ?? 1,
    lockDuration: opts.lockDurationMs ?? 30_000,
    stalledInterval: opts.stalledIntervalMs ?? 30_000,
    name: opts.name ?? `${hostname()}:${process.pid}`,
  });
  worker.on('error', throttledErrorLogger(logger, { backend: runtime.kind, queue, role: 'worker' }));
  await worker.waitUntilReady();
  logger.debug({ queue, concurrency: opts.concurrency ?? 1 }, 'worker started');

  let closing: Promise<void> | undefined;
  return {
    queue,
    close() {
      closing ??= (async () => {
        const graceful = worker.close();
        if (await settlesWithin(graceful, closeTimeoutMs)) return;
        // Handlers still running: ask them to stop, then drop the connections. Their jobs'
        // locks lapse and the stalled-job check hands them to another worker.
        logger.warn({ queue, closeTimeoutMs }, 'worker close timed out; abandoning active jobs');
        worker.cancelAllJobs('worker is shutting down');
        if (await settlesWithin(graceful, 1_000)) return;
        await worker.disconnect().catch(() => undefined);
      })();
      return closing;
    },
  };
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true, () => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
