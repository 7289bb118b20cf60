import type { Job } from 'bullmq';
import type { BackendAccess } from './backend-access';
import { JobWaitTimeoutError } from './errors/job-wait-timeout-error';
import type { JobSnapshot, JobStatus, QueueCounts } from './job-types';

export function idOf(job: Job): string {
  if (job.id === undefined) throw new Error(`BullMQ returned job "${job.name}" without an id`);
  return job.id;
}

/** One job as stored now, or `null` when it does not exist (any more). */
export async function readJobSnapshot(backend: BackendAccess, queue: string, id: string): Promise<JobSnapshot | null> {
  return backend.run(async (rt) => {
    // State first, record second: a job read while active could finish in between and pair
    // a stale attempt count with a `completed` state. Finished jobs no longer change.
    const q = rt.queue(queue);
    const state = (await q.getJobState(id)) as JobStatus;
    const job = await q.getJob(id);
    if (!job) return null;
    return {
      id: idOf(job),
      queue,
      name: job.name,
      state,
      attemptsMade: job.attemptsMade,
      returnValue: job.returnvalue ?? null,
      failedReason: job.failedReason ? job.failedReason : null,
      progress: job.progress,
      data: job.data as unknown,
      timestamp: job.timestamp,
      finishedOn: job.finishedOn ?? null,
    };
  });
}

/** Reads the job with a doubling pause (10 ms up to `maxPollIntervalMs`) until it completed or failed. */
export async function pollUntilFinished(
  backend: BackendAccess,
  queue: string,
  id: string,
  { timeoutMs, maxPollIntervalMs }: { timeoutMs: number; maxPollIntervalMs: number },
): Promise<JobSnapshot> {
  const deadline = Date.now() + timeoutMs;
  let interval = 10;
  let last: JobSnapshot | null = null;
  for (;;) {
    last = await readJobSnapshot(backend, queue, id);
    if (last && (last.state === 'completed' || last.state === 'failed')) return last;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new JobWaitTimeoutError(queue, id, timeoutMs, last?.state ?? 'missing');
    await new Promise((r) => setTimeout(r, Math.min(interval, remaining)));
    interval = Math.min(interval * 2, maxPollIntervalMs);
  }
}

export async function countJobs(backend: BackendAccess, queue: string): Promise<QueueCounts> {
  return backend.run(async (rt) => {
    const c = await rt.queue(queue).getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'waiting-children', 'prioritized');
    return {
      waiting: c['waiting'] ?? 0,
      active: c['active'] ?? 0,
      completed: c['completed'] ?? 0,
      failed: c['failed'] ?? 0,
      delayed: c['delayed'] ?? 0,
      waitingChildren: c['waiting-children'] ?? 0,
      prioritized: c['prioritized'] ?? 0,
    };
  });
}
