import type { JobCatalog, JobDefinition, JobName, JobPayloadInput } from '@ciclo/platform-contracts';
import type { Job, JobsOptions } from 'bullmq';
import type { BackendRuntime, RuntimeFlowJob, RuntimeJobNode } from './backend-runtime';
import { rethrowAsUnavailable } from './connection-errors';
import { JobWaitTimeoutError } from './errors/job-wait-timeout-error';
import { QueueClosedError } from './errors/queue-closed-error';
import { QueueUnavailableError } from './errors/queue-unavailable-error';
import { UnknownJobError } from './errors/unknown-job-error';
import type {
  CatalogQueueName,
  EnqueuedFlow,
  EnqueuedJob,
  EnqueueItem,
  EnqueueOptions,
  FlowNode,
  JobSnapshot,
  JobStatus,
  ManagedWorker,
  QueueCounts,
  QueueHandlers,
  QueueJobDefaults,
  QueueJobEvent,
  WorkerOptions,
} from './job-types';
import { startManagedWorker } from './managed-worker';
import { jobDefinition, validatePayload } from './payload-validation';
import { PostgresRuntime } from './postgres-runtime';
import type { QueueBackendConfig } from './queue-backend-config';
import { silentLogger, type QueueLogger } from './queue-logger';
import { RedisRuntime } from './redis-runtime';

export interface QueueClientOptions {
  readonly logger?: QueueLogger;
  readonly defaultJobOptions?: QueueJobDefaults;
  /** Called once per finished attempt of every worker this client creates (for metrics). */
  readonly onJobEvent?: (event: QueueJobEvent) => void;
  /** `ping()` gives up after this long (default 2,000 ms). */
  readonly pingTimeoutMs?: number;
}

export interface WaitForJobOptions {
  readonly timeoutMs: number;
  /** Longest pause between two reads of the job (default 250 ms; the first reads are quicker). */
  readonly maxPollIntervalMs?: number;
}

/**
 * Typed access to the job system for one catalog. Producers, workers, flows and inspection all go
 * through it, so payloads are checked against the catalog on the way in and on the way out.
 */
export interface QueueClient<C extends JobCatalog> {
  readonly backend: 'redis' | 'postgres';
  /** Validates `payload` and enqueues it with the catalog's retry policy. */
  enqueue<N extends JobName<C>>(name: N, payload: JobPayloadInput<C, N>, opts?: EnqueueOptions): Promise<EnqueuedJob>;
  /**
   * Validates every item first (nothing is enqueued if one is invalid), then adds them with one
   * `addBulk` per queue. Ids come back in input order.
   */
  enqueueBulk(items: readonly EnqueueItem<C>[]): Promise<EnqueuedJob[]>;
  /** Enqueues a tree of jobs atomically; each parent runs after all its children completed. */
  enqueueFlow(flow: FlowNode<C>): Promise<EnqueuedFlow>;
  /** Starts a worker for one queue; resolves once it is connected and taking jobs. */
  createWorker<Q extends CatalogQueueName<C>>(
    queue: Q,
    handlers: QueueHandlers<C, Q>,
    opts?: WorkerOptions,
  ): Promise<ManagedWorker>;
  getJob(queue: CatalogQueueName<C>, id: string): Promise<JobSnapshot | null>;
  /**
   * Polls the job until it is completed or failed and returns it in that state. Polling (not
   * QueueEvents) because the stored state is the truth on both backends; QueueEvents can miss
   * events on PostgreSQL.
   */
  waitForJob(queue: CatalogQueueName<C>, id: string, opts: WaitForJobOptions): Promise<JobSnapshot>;
  counts(queue: CatalogQueueName<C>): Promise<QueueCounts>;
  /** Resolves when the backend answers; throws `QueueUnavailableError` otherwise. */
  ping(): Promise<void>;
  /** Closes workers (gracefully), queues and connections this client opened. Idempotent. */
  close(): Promise<void>;
}

const DAY_SECONDS = 24 * 3600;

/**
 * Completed jobs are kept a day so `getJob`/`waitForJob` can read results; failed jobs a week as
 * evidence. Redis also caps completed jobs by count (cheap there, and memory is the limit). On
 * PostgreSQL a count cap re-scans the kept rows on every completion (BullMQ's `apply_retention`),
 * which halved throughput in bench/queue.bench.ts, so only the age limit applies.
 */
function defaultJobOptions(kind: QueueBackendConfig['kind']): Required<QueueJobDefaults> {
  return {
    removeOnComplete: kind === 'redis' ? { age: DAY_SECONDS, count: 1_000 } : { age: DAY_SECONDS },
    removeOnFail: { age: 7 * DAY_SECONDS },
  };
}

export function createQueueClient<const C extends JobCatalog>(
  catalog: C,
  config: QueueBackendConfig,
  options: QueueClientOptions = {},
): QueueClient<C> {
  const logger = options.logger ?? silentLogger;
  const runtime: BackendRuntime =
    config.kind === 'redis' ? new RedisRuntime(config, logger) : new PostgresRuntime(config, logger);
  const defaults = { ...defaultJobOptions(config.kind), ...options.defaultJobOptions };
  const pingTimeoutMs = options.pingTimeoutMs ?? 2_000;
  const queues = new Set<string>(Object.values(catalog).map((d) => d.queue));
  const workers = new Set<ManagedWorker>();
  let closing: Promise<void> | undefined;

  function assertOpen(): void {
    if (closing) throw new QueueClosedError('Queue client');
  }

  function assertQueue(queue: string): void {
    if (!queues.has(queue)) throw new UnknownJobError('queue', queue);
  }

  async function readyRuntime(): Promise<BackendRuntime> {
    assertOpen();
    try {
      await runtime.ready();
    } catch (err) {
      // Not connected or storage not prepared: either way the backend cannot take work now.
      throw new QueueUnavailableError(runtime.kind, err instanceof Error ? err.message : String(err), err);
    }
    return runtime;
  }

  function jobOptions(def: JobDefinition, opts: EnqueueOptions | undefined): JobsOptions {
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

  function idOf(job: Job): string {
    if (job.id === undefined) throw new Error(`BullMQ returned job "${job.name}" without an id`);
    return job.id;
  }

  async function withBackend<T>(fn: (rt: BackendRuntime) => Promise<T>): Promise<T> {
    const rt = await readyRuntime();
    try {
      return await fn(rt);
    } catch (err) {
      rethrowAsUnavailable(rt.kind, err);
    }
  }

  function toFlowJob(node: FlowNode<C>, isChild: boolean): RuntimeFlowJob {
    const def = jobDefinition(catalog, node.name);
    const data = validatePayload(catalog, node.name, node.payload);
    const opts: JobsOptions = jobOptions(def, node.opts);
    if (isChild) opts.failParentOnFailure = node.opts?.failParentOnFailure ?? true;
    const children = (node.children ?? []).map((child) => toFlowJob(child, true));
    return { name: node.name, queueName: def.queue, data, opts, ...(children.length ? { children } : {}) };
  }

  function fromJobNode(node: RuntimeJobNode): EnqueuedFlow {
    return {
      id: idOf(node.job),
      queue: node.job.queueName,
      name: node.job.name,
      children: (node.children ?? []).map(fromJobNode),
    };
  }

  async function snapshot(queue: string, id: string): Promise<JobSnapshot | null> {
    return withBackend(async (rt) => {
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

  const client: QueueClient<C> = {
    backend: runtime.kind,

    async enqueue(name, payload, opts) {
      const def = jobDefinition(catalog, name);
      const data = validatePayload(catalog, name, payload);
      const jobOpts = jobOptions(def, opts);
      return withBackend(async (rt) => {
        const job = await rt.queue(def.queue).add(name, data, jobOpts);
        return { id: idOf(job) };
      });
    },

    async enqueueBulk(items) {
      const prepared = items.map((item, index) => {
        const def = jobDefinition(catalog, item.name);
        return {
          index,
          queue: def.queue,
          job: { name: item.name, data: validatePayload(catalog, item.name, item.payload), opts: jobOptions(def, item.opts) },
        };
      });
      const byQueue = new Map<string, typeof prepared>();
      for (const p of prepared) byQueue.set(p.queue, [...(byQueue.get(p.queue) ?? []), p]);
      const ids: string[] = new Array<string>(items.length);
      await withBackend(async (rt) => {
        for (const [queue, group] of byQueue) {
          const jobs = await rt.queue(queue).addBulk(group.map((g) => g.job));
          group.forEach((g, i) => {
            const job = jobs[i];
            if (!job) throw new Error(`addBulk returned ${jobs.length} jobs for ${group.length} items`);
            ids[g.index] = idOf(job);
          });
        }
      });
      return ids.map((id) => ({ id }));
    },

    async enqueueFlow(flow) {
      const tree = toFlowJob(flow, false);
      return withBackend(async (rt) => fromJobNode(await rt.flowProducer().add(tree)));
    },

    async createWorker(queue, handlers, opts = {}) {
      assertQueue(queue);
      const rt = await readyRuntime();
      const worker = await startManagedWorker({
        runtime: rt,
        catalog,
        queue,
        handlers: handlers as Readonly<Record<string, (payload: unknown, ctx: never) => Promise<unknown>>>,
        opts,
        logger,
        ...(options.onJobEvent ? { onJobEvent: options.onJobEvent } : {}),
      });
      workers.add(worker);
      return {
        queue: worker.queue,
        close: async () => {
          await worker.close();
          workers.delete(worker);
        },
      };
    },

    async getJob(queue, id) {
      assertQueue(queue);
      return snapshot(queue, id);
    },

    async waitForJob(queue, id, { timeoutMs, maxPollIntervalMs = 250 }) {
      assertQueue(queue);
      const deadline = Date.now() + timeoutMs;
      let interval = 10;
      let last: JobSnapshot | null = null;
      for (;;) {
        last = await snapshot(queue, id);
        if (last && (last.state === 'completed' || last.state === 'failed')) return last;
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new JobWaitTimeoutError(queue, id, timeoutMs, last?.state ?? 'missing');
        await new Promise((r) => setTimeout(r, Math.min(interval, remaining)));
        interval = Math.min(interval * 2, maxPollIntervalMs);
      }
    },

    async counts(queue) {
      assertQueue(queue);
      return withBackend(async (rt) => {
        const c = await rt
          .queue(queue)
          .getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'waiting-children', 'prioritized');
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
    },

    async ping() {
      assertOpen();
      try {
        await runtime.ping(pingTimeoutMs);
      } catch (err) {
        throw new QueueUnavailableError(runtime.kind, err instanceof Error ? err.message : String(err), err);
      }
    },

    close() {
      closing ??= (async () => {
        await Promise.allSettled([...workers].map((w) => w.close()));
        await runtime.close();
      })();
      return closing;
    },
  };
  return client;
}
