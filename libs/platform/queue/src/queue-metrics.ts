import { defineCounter, defineGauge, defineHistogram, type MetricsRegistry } from '@ciclo/platform-observability';
import type { QueueCounts, QueueJobEvent } from './job-types';

export interface QueueMetrics {
  jobFinished(job: Pick<QueueJobEvent, 'queue' | 'name' | 'outcome' | 'durationSeconds'>): void;
  setDepth(queue: string, state: keyof QueueCounts, count: number): void;
}

/** Queues and job names come from the job catalog: a few dozen at most. */
const QUEUE = { maxValues: 50 } as const;
const JOB_NAME = { maxValues: 200 } as const;
const OUTCOMES = ['completed', 'failed', 'retried'] as const satisfies readonly QueueJobEvent['outcome'][];
const STATES = ['waiting', 'active', 'completed', 'failed', 'delayed', 'waitingChildren', 'prioritized'] as const satisfies readonly (keyof QueueCounts)[];

/**
 * Job runs, durations and queue depth, labelled by queue and job name:
 * `ciclo_job_runs_total`, `ciclo_job_duration_seconds`, `ciclo_queue_depth_jobs`.
 */
export function createQueueMetrics(registry: MetricsRegistry): QueueMetrics {
  const runs = defineCounter(registry, {
    area: 'job',
    what: 'runs',
    help: 'Job runs finished by this app, by queue, job name and outcome (retried: failed, will run again).',
    labels: { queue: QUEUE, name: JOB_NAME, outcome: OUTCOMES },
  });
  const duration = defineHistogram(registry, {
    area: 'job',
    what: 'duration',
    unit: 'seconds',
    help: 'Job processing time by queue and job name.',
    labels: { queue: QUEUE, name: JOB_NAME },
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 1800],
  });
  const depth = defineGauge(registry, {
    area: 'queue',
    what: 'depth',
    unit: 'jobs',
    help: 'Jobs in a queue by state, sampled by the app that owns the queue.',
    labels: { queue: QUEUE, state: STATES },
  });
  return {
    jobFinished({ queue, name, outcome, durationSeconds }) {
      runs.labels({ queue, name, outcome }).inc();
      if (outcome !== 'retried') duration.labels({ queue, name }).observe(durationSeconds);
    },
    setDepth: (queue, state, count) => depth.labels({ queue, state }).set(count),
  };
}
