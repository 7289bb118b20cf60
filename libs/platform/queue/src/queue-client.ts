import type { JobCatalog, JobName, JobPayloadInput } from '@ciclo/platform-contracts';
import { BackendAccess } from './backend-access';
import type { BackendRuntime } from './backend-runtime';
import { UnknownJobError } from './errors/unknown-job-error';
import { countJobs, pollUntilFinished, readJobSnapshot } from './job-inspection';
import { defaultJobOptions } from './job-options';
import { JobProducer } from './job-producer';
import type {
  CatalogQueueName,
  EnqueuedFlow,
  EnqueuedJob,
  EnqueueItem,
  EnqueueOptions,
  FlowNode,
  JobSnapshot,
  ManagedWorker,
  QueueCounts,
  QueueHandlers,
  QueueJobDefaults,
  QueueJobEvent,
  WorkerOptions,
} from './job-types';
import { startManagedWorker } from './managed-worker';
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

/**
 * Starts a worker through `backend` and tracks it in `workers` until it is closed, so that the
 * client's `close()` can close it gracefully.
 */
async function startTrackedWorker<C extends JobCatalog>(
  backend: BackendAccess,
  workers: Set<ManagedWorker>,
  init: { catalog: C; queue: string; handlers: unknown; opts: WorkerOptions; logger: QueueLogger; onJobEvent: QueueClientOptions['onJobEvent'] },
): Promise<ManagedWorker> {
  const rt = await backend.ready();
  const worker = await startManagedWorker({
    runtime: rt,
    catalog: init.catalog,
    queue: init.queue,
    handlers: init.handlers as Readonly<Record<string, (payload: unknown, ctx: never) => Promise<unknown>>>,
    opts: init.opts,
    logger: init.logger,
    ...(init.onJobEvent ? { onJobEvent: init.onJobEvent } : {}),
  });
  workers.add(worker);
  return {
    queue: worker.queue,
    close: async () => {
      await worker.close();
      workers.delete(worker);
    },
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
  const backend = new BackendAccess(runtime);
  const producer = new JobProducer(catalog, backend, { ...defaultJobOptions(config.kind), ...options.defaultJobOptions });
  const pingTimeoutMs = options.pingTimeoutMs ?? 2_000;
  const queues = new Set<string>(Object.values(catalog).map((d) => d.queue));
  const workers = new Set<ManagedWorker>();
  let closing: Promise<void> | undefined;

  function assertQueue(queue: string): void {
    if (!queues.has(queue)) throw new UnknownJobError('queue', queue);
  }

  return {
    backend: runtime.kind,
    enqueue: (name, payload, opts) => producer.enqueue(name, payload, opts),
    enqueueBulk: (items) => producer.enqueueBulk(items),
    enqueueFlow: (flow) => producer.enqueueFlow(flow),
    async createWorker(queue, handlers, opts = {}) {
      assertQueue(queue);
      return startTrackedWorker(backend, workers, { catalog, queue, handlers, opts, logger, onJobEvent: options.onJobEvent });
    },
    async getJob(queue, id) {
      assertQueue(queue);
      return readJobSnapshot(backend, queue, id);
    },
    async waitForJob(queue, id, { timeoutMs, maxPollIntervalMs = 250 }) {
      assertQueue(queue);
      return pollUntilFinished(backend, queue, id, { timeoutMs, maxPollIntervalMs });
    },
    async counts(queue) {
      assertQueue(queue);
      return countJobs(backend, queue);
    },
    ping: () => backend.ping(pingTimeoutMs),
    close() {
      backend.markClosed();
      closing ??= (async () => {
        await Promise.allSettled([...workers].map((w) => w.close()));
        await backend.close();
      })();
      return closing;
    },
  };
}
