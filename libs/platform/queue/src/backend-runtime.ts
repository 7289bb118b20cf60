import type { BulkJobOptions, Job, JobsOptions, JobType, Processor } from 'bullmq';

/** The slice of BullMQ's `Queue` the client uses, identical for both backends. */
export interface RuntimeQueue {
  add(name: string, data: unknown, opts?: JobsOptions): Promise<Job>;
  addBulk(jobs: { name: string; data: unknown; opts?: BulkJobOptions }[]): Promise<Job[]>;
  getJob(id: string): Promise<Job | undefined>;
  getJobState(id: string): Promise<string>;
  getJobCounts(...types: JobType[]): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export interface RuntimeFlowJob {
  name: string;
  queueName: string;
  data: unknown;
  opts?: JobsOptions;
  children?: RuntimeFlowJob[];
}

export interface RuntimeJobNode {
  job: Job;
  children?: RuntimeJobNode[];
}

export interface RuntimeFlowProducer {
  add(flow: RuntimeFlowJob): Promise<RuntimeJobNode>;
  close(): Promise<void>;
}

export interface RuntimeWorker {
  waitUntilReady(): Promise<unknown>;
  close(force?: boolean): Promise<void>;
  cancelAllJobs(reason?: string): void;
  disconnect(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

export interface RuntimeWorkerOptions {
  concurrency: number;
  lockDuration: number;
  stalledInterval: number;
  name?: string;
}

/**
 * Everything that differs between Redis and PostgreSQL: how connections are opened and shared,
 * how storage is prepared, how health is checked. The client above it is backend-blind.
 */
export interface BackendRuntime {
  readonly kind: 'redis' | 'postgres';
  /** Connects and prepares storage (PostgreSQL migrations); memoised, safe to call often. */
  ready(): Promise<void>;
  /** One producer-side Queue per name, created after `ready()`. */
  queue(name: string): RuntimeQueue;
  flowProducer(): RuntimeFlowProducer;
  createWorker(name: string, processor: Processor, opts: RuntimeWorkerOptions): RuntimeWorker;
  /** Throws when the backend does not answer within `timeoutMs`. */
  ping(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}
