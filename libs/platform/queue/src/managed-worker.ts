import type { JobCatalog } from '@ciclo/platform-contracts';
import { UnrecoverableError, type Job } from 'bullmq';
import { hostname } from 'node:os';
import type { BackendRuntime } from './backend-runtime';
import { InvalidJobPayloadError } from './errors/invalid-job-payload-error';
import { PermanentJobError } from './errors/permanent-job-error';
import type { JobContext, ManagedWorker, QueueJobEvent, WorkerOptions } from './job-types';
import { validatePayload } from './payload-validation';
import type { QueueLogger } from './queue-logger';
import { throttledErrorLogger } from './throttled-error-logger';

type AnyHandler = (payload: unknown, ctx: never) => Promise<unknown>;

export interface StartWorkerParams {
  readonly runtime: BackendRuntime;
  readonly catalog: JobCatalog;
  readonly queue: string;
  readonly handlers: Readonly<Record<string, AnyHandler>>;
  readonly opts: WorkerOptions;
  readonly logger: QueueLogger;
  readonly onJobEvent?: (event: QueueJobEvent) => void;
}

const neverAborted = new AbortController().signal;

/**
 * Wraps the catalog handlers in one BullMQ processor that re-validates each payload (a job written
 * by an older producer or by hand must not reach typed code) and turns the platform's permanent
 * failures into BullMQ's `UnrecoverableError`, which skips the remaining attempts.
 */
export async function startManagedWorker(params: StartWorkerParams): Promise<ManagedWorker> {
  const { runtime, catalog, queue, handlers, opts, logger, onJobEvent } = params;
  const log = (event: QueueJobEvent): void => {
    try {
      onJobEvent?.(event);
    } catch (err) {
      // A metrics hook must never change a job's outcome.
      logger.warn({ err, queue }, 'onJobEvent hook threw');
    }
  };

  const processor = async (job: Job, _token?: string, signal?: AbortSignal): Promise<unknown> => {
    const started = performance.now();
    const attempt = job.attemptsMade + 1;
    const maxAttempts = job.opts.attempts ?? 1;
    const base = { queue, name: job.name, jobId: job.id ?? '', attempt };
    try {
      const result = await runHandler(job, signal ?? neverAborted, attempt, maxAttempts);
      log({ ...base, outcome: 'completed', durationSeconds: (performance.now() - started) / 1000 });
      // BullMQ stores the return value as JSON; `undefined` would read back as nothing at all.
      return result === undefined ? null : result;
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      const permanent = error instanceof UnrecoverableError || attempt >= maxAttempts;
      log({
        ...base,
        outcome: permanent ? 'failed' : 'retried',
        durationSeconds: (performance.now() - started) / 1000,
        error: error.message,
      });
      const bindings = { queue, job: job.name, jobId: job.id, attempt, maxAttempts, err: error };
      if (permanent) logger.error(bindings, 'job failed permanently');
      else logger.warn(bindings, 'job attempt failed; will retry');
      throw error;
    }
  };

  async function runHandler(job: Job, signal: AbortSignal, attempt: number, maxAttempts: number): Promise<unknown> {
    const def = Object.hasOwn(catalog, job.name) ? catalog[job.name] : undefined;
    const handler = Object.hasOwn(handlers, job.name) ? handlers[job.name] : undefined;
    if (!def || def.queue !== queue || !handler) {
      throw new UnrecoverableError(`No handler for job "${job.name}" in queue "${queue}"`);
    }
    let payload: unknown;
    try {
      payload = validatePayload(catalog, job.name, job.data);
    } catch (err) {
      if (err instanceof InvalidJobPayloadError) throw new UnrecoverableError(err.message);
      throw err;
    }
    const ctx: JobContext = {
      jobId: job.id ?? '',
      queue,
      name: job.name,
      attempt,
      maxAttempts,
      signal,
      updateProgress: (p) => job.updateProgress(p),
      log: async (message) => {
        await job.log(message);
      },
      getChildrenValues: async <T>() => {
        // BullMQ keys children by their full key (`<prefix>:<queue>:<id>` on Redis,
        // `<queue>:<id>` on PostgreSQL); callers want the job id alone.
        const raw = await job.getChildrenValues<T>();
        return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key.slice(key.lastIndexOf(':') + 1), value]));
      },
    };
    try {
      return await handler(payload, ctx as never);
    } catch (err) {
      if (err instanceof PermanentJobError) throw new UnrecoverableError(err.message);
      throw err;
    }
  }

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
