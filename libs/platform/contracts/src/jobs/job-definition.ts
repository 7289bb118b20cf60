import type { z } from 'zod';

/** How a failed job is retried. Mirrors BullMQ's backoff options without importing BullMQ. */
export interface BackoffPolicy {
  readonly type: 'exponential' | 'fixed';
  /** Base delay in milliseconds. */
  readonly delay: number;
}

/**
 * One entry of the job catalog: which queue carries the job, the zod schema of its payload
 * (checked when enqueued and again when consumed) and its retry policy.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  readonly queue: string;
  readonly schema: S;
  /** Total tries including the first one. */
  readonly attempts: number;
  readonly backoff: BackoffPolicy;
  readonly description: string;
}

export type JobCatalog = Readonly<Record<string, JobDefinition>>;

/** Declares a catalog while keeping every entry's exact schema type. */
export function defineJobCatalog<const C extends JobCatalog>(catalog: C): C {
  return catalog;
}

export type JobName<C extends JobCatalog> = Extract<keyof C, string>;
export type JobPayload<C extends JobCatalog, N extends JobName<C>> = z.infer<C[N]['schema']>;
export type JobPayloadInput<C extends JobCatalog, N extends JobName<C>> = z.input<C[N]['schema']>;
