import type { JobCatalog } from '@ciclo/platform-contracts';
import { UnrecoverableError, type Job } from 'bullmq';
import { InvalidJobPayloadError } from './errors/invalid-job-payload-error';
import { PermanentJobError } from './errors/permanent-job-error';
import type { JobContext, QueueJobEvent } from './job-types';
import { validatePayload } from './payload-validation';
import type { QueueLogger } from './queue-logger';

export type AnyHandler = (payload: unknown, ctx: never) => Promise<unknown>;

export interface JobProcessorParams {
  readonly catalog: JobCatalog;
  readonly queue: string;
  readonly handlers: Readonly<Record<string, AnyHandler>>;
  readonly logger: QueueLogger;
  readonly onJobEvent?: (event: QueueJobEvent) => void;
}

/** What BullMQ calls for each job of the queue. */
export type JobProcessor = (job: Job, token?: string, signal?: AbortSignal) => Promise<unknown>;

const neverAborted = new AbortController().signal;

/**
 * One BullMQ processor for the catalog handlers of a queue: it re-validates each payload (a job
 * written by an older producer or by hand must not reach typed code), turns the platform's
 * permanent failures into BullMQ's `UnrecoverableError` (which skips the remaining attempts), and
 * reports and logs each attempt's outcome.
 */
export function createJobProcessor(params: JobProcessorParams): JobProcessor {
  const { queue, logger } = params;
  const report = jobEventReporter(params);
  return async (job, _token, signal) => {
    const started = performance.now();
    const attempt = job.attemptsMade + 1;
    const maxAttempts = job.opts.attempts ?? 1;
    const base = { queue, name: job.name, jobId: job.id ?? '', attempt };
    try {
      const result = await runHandler(params, job, { signal: signal ?? neverAborted, attempt, maxAttempts });
      report({ ...base, outcome: 'completed', durationSeconds: (performance.now() - started) / 1000 });
      // BullMQ stores the return value as JSON; `undefined` would read back as nothing at all.
      return result === undefined ? null : result;
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      const permanent = error instanceof UnrecoverableError || attempt >= maxAttempts;
      report({ ...base, outcome: permanent ? 'failed' : 'retried', durationSeconds: (performance.now() - started) / 1000, error: error.message });
      const bindings = { queue, job: job.name, jobId: job.id, attempt, maxAttempts, err: error };
      if (permanent) logger.error(bindings, 'job failed permanently');
      else logger.warn(bindings, 'job attempt failed; will retry');
      throw error;
    }
  };
}

function jobEventReporter({ onJobEvent, logger, queue }: JobProcessorParams): (event: QueueJobEvent) => void {
  return (event) => {
    try {
      onJobEvent?.(event);
    } catch (err) {
      // A metrics hook must never change a job's outcome.
      logger.warn({ err, queue }, 'onJobEvent hook threw');
    }
  };
}

interface Attempt {
  readonly signal: AbortSignal;
  readonly attempt: number;
  readonly maxAttempts: number;
}

async function runHandler({ catalog, queue, handlers }: JobProcessorParams, job: Job, attempt: Attempt): Promise<unknown> {
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
  try {
    return await handler(payload, jobContext(job, queue, attempt) as never);
  } catch (err) {
    if (err instanceof PermanentJobError) throw new UnrecoverableError(err.message);
    throw err;
  }
}

function jobContext(job: Job, queue: string, { signal, attempt, maxAttempts }: Attempt): JobContext {
  return {
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
}
