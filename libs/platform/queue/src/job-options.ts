import type { JobDefinition } from '@ciclo/platform-contracts';
import type { JobsOptions } from 'bullmq';
import type { EnqueueOptions, QueueJobDefaults } from './job-types';
import type { QueueBackendConfig } from './queue-backend-config';

const DAY_SECONDS = 24 * 3600;

/**
 * Completed jobs are kept a day so `getJob`/`waitForJob` can read results; failed jobs a week as
 * evidence. Redis also caps completed jobs by count (cheap there, and memory is the limit). On
 * PostgreSQL a count cap re-scans the kept rows on every completion (BullMQ's `apply_retention`),
 * which halved throughput in bench/queue.bench.ts, so only the age limit applies.
 */
export function defaultJobOptions(kind: QueueBackendConfig['kind']): Required<QueueJobDefaults> {
  return {
    removeOnComplete: kind === 'redis' ? { age: DAY_SECONDS, count: 1_000 } : { age: DAY_SECONDS },
    removeOnFail: { age: 7 * DAY_SECONDS },
  };
}

/** BullMQ options of one job: the catalog's retry policy, the client's retention, the caller's extras. */
export function jobOptions(def: JobDefinition, opts: EnqueueOptions | undefined, defaults: Required<QueueJobDefaults>): JobsOptions {
  if (opts?.jobId !== undefined && (/^\d+$/.test(opts.jobId) || opts.jobId.includes(':'))) {
    // BullMQ reserves integer ids for its own counter and splits keys on ':'.
    throw new TypeError(`jobId must not be an integer nor contain ':' (got "${opts.jobId}")`);
  }
  return {
    attempts: def.attempts,
    backoff: { type: def.backoff.type, delay: def.backoff.delay },
    removeOnComplete: defaults.removeOnComplete,
    removeOnFail: defaults.removeOnFail,
    ...(opts?.jobId === undefined ? {} : { jobId: opts.jobId }),
    ...(opts?.delay === undefined ? {} : { delay: opts.delay }),
    ...(opts?.priority === undefined ? {} : { priority: opts.priority }),
  };
}
