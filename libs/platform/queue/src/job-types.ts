import type { JobCatalog, JobName, JobPayload, JobPayloadInput } from '@ciclo/platform-contracts';

/** Every queue the catalog routes at least one job to. */
export type CatalogQueueName<C extends JobCatalog> = C[JobName<C>]['queue'];

/** The job names carried by queue `Q`. */
export type JobNameInQueue<C extends JobCatalog, Q extends string> = {
  [N in JobName<C>]: C[N]['queue'] extends Q ? N : never;
}[JobName<C>];

/** Per-call options of `enqueue`. Retry policy is not here on purpose: the catalog owns it. */
export interface EnqueueOptions {
  /**
   * Idempotency key: enqueueing twice with the same id in the same queue keeps the first job.
   * Must not be a plain integer (BullMQ reserves those) nor contain ':'.
   */
  readonly jobId?: string;
  /** Milliseconds to wait before the job becomes runnable. */
  readonly delay?: number;
  /** 1 (highest) … 2,097,152; jobs without a priority run before prioritised ones. */
  readonly priority?: number;
}

/**
 * How many finished jobs a queue keeps: `true` removes at once, a number keeps that many, `age` is
 * in seconds. BullMQ's `KeepJobs`, restated so apps need no BullMQ.
 */
export type KeepJobsPolicy =
  | boolean
  | number
  | { readonly age: number; readonly count?: number }
  | { readonly age?: number; readonly count: number };

/** Defaults applied to every job this client enqueues. */
export interface QueueJobDefaults {
  /** Default: keep completed jobs 24 h (on Redis also at most the last 1,000). */
  readonly removeOnComplete?: KeepJobsPolicy;
  /** Default: keep failed jobs for 7 days (they are the evidence of what went wrong). */
  readonly removeOnFail?: KeepJobsPolicy;
}

export interface EnqueuedJob {
  readonly id: string;
}

export type EnqueueItem<C extends JobCatalog> = {
  [N in JobName<C>]: { readonly name: N; readonly payload: JobPayloadInput<C, N>; readonly opts?: EnqueueOptions };
}[JobName<C>];

/**
 * One node of a flow: the parent runs only after every child has completed, and reads their
 * results with `ctx.getChildrenValues()`.
 */
export type FlowNode<C extends JobCatalog> = {
  [N in JobName<C>]: {
    readonly name: N;
    readonly payload: JobPayloadInput<C, N>;
    readonly opts?: EnqueueOptions & {
      /**
       * When this child fails for good, fail its parent too (default true) instead of leaving
       * the parent waiting for a child that will never complete.
       */
      readonly failParentOnFailure?: boolean;
    };
    readonly children?: readonly FlowNode<C>[];
  };
}[JobName<C>];

export interface EnqueuedFlow {
  readonly id: string;
  readonly queue: string;
  readonly name: string;
  readonly children: readonly EnqueuedFlow[];
}

/** Normalised job states; BullMQ's `prioritized` and `waiting-children` are kept distinct. */
export type JobStatus =
  | 'waiting'
  | 'prioritized'
  | 'waiting-children'
  | 'delayed'
  | 'active'
  | 'completed'
  | 'failed'
  | 'unknown';

export interface JobSnapshot<P = unknown> {
  readonly id: string;
  readonly queue: string;
  readonly name: string;
  readonly state: JobStatus;
  /** Attempts that have ended (failed or completed); `attempt` in the handler is this + 1. */
  readonly attemptsMade: number;
  readonly returnValue: unknown;
  readonly failedReason: string | null;
  readonly progress: number | object | string | boolean;
  readonly data: P;
  readonly timestamp: number;
  readonly finishedOn: number | null;
}

export interface QueueCounts {
  readonly waiting: number;
  readonly active: number;
  readonly completed: number;
  readonly failed: number;
  readonly delayed: number;
  /** Parents waiting for their children. */
  readonly waitingChildren: number;
  readonly prioritized: number;
}

/** What a handler can do besides returning a result. */
export interface JobContext {
  readonly jobId: string;
  readonly queue: string;
  readonly name: string;
  /** 1 for the first try, 2 for the first retry, … */
  readonly attempt: number;
  readonly maxAttempts: number;
  /** Shown by `getJob` and `ciclo train --watch`; a number is read as percent. */
  updateProgress(progress: number | object): Promise<void>;
  /** Appends a line to the job's log (kept with the job). */
  log(message: string): Promise<void>;
  /** Results of this job's children in a flow, keyed by child job id. */
  getChildrenValues<T = unknown>(): Promise<Record<string, T>>;
  /** Aborted when the worker is being force-closed; long handlers should stop early. */
  readonly signal: AbortSignal;
}

export type JobHandler<C extends JobCatalog, N extends JobName<C>> = (
  payload: JobPayload<C, N>,
  ctx: JobContext,
) => Promise<unknown>;

export type QueueHandlers<C extends JobCatalog, Q extends string> = {
  readonly [N in JobNameInQueue<C, Q>]: JobHandler<C, N>;
};

/**
 * One finished attempt, for metrics. `retried` means the attempt failed and another one is
 * scheduled; `failed` means the job is now failed for good.
 */
export interface QueueJobEvent {
  readonly queue: string;
  readonly name: string;
  readonly jobId: string;
  readonly outcome: 'completed' | 'failed' | 'retried';
  readonly attempt: number;
  readonly durationSeconds: number;
  readonly error?: string;
}

export interface WorkerOptions {
  /** Jobs processed at once by this worker (default 1). */
  readonly concurrency?: number;
  /**
   * How long a job's lock lives without renewal (default 30 s). A worker that dies mid-job is
   * noticed at most about lockDuration + stalledInterval later and its job retried.
   */
  readonly lockDurationMs?: number;
  /** How often this worker looks for jobs whose lock expired (default 30 s). */
  readonly stalledIntervalMs?: number;
  /** `close()` waits this long for active jobs before abandoning them (default 30 s). */
  readonly closeTimeoutMs?: number;
  /** A name shown in BullMQ's worker list (defaults to host:pid). */
  readonly name?: string;
}

export interface ManagedWorker {
  readonly queue: string;
  /**
   * Stops taking jobs and waits for active ones (up to `closeTimeoutMs`). Jobs still running then
   * are abandoned; their locks expire and another worker retries them. Idempotent.
   */
  close(): Promise<void>;
}
