import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface QueueMetrics {
  jobFinished(job: { queue: string; name: string; outcome: 'completed' | 'failed' | 'retried'; durationSeconds: number }): void;
  setDepth(queue: string, state: string, count: number): void;
}

/** Job outcomes, durations and queue depth, labelled by queue and job name. */
export function createQueueMetrics(registry: Registry): QueueMetrics {
  const jobs = new Counter({
    name: 'ciclo_jobs_total',
    help: 'Jobs processed by this app, by queue, job name and outcome.',
    labelNames: ['queue', 'name', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'ciclo_job_duration_seconds',
    help: 'Job processing time by queue and job name.',
    labelNames: ['queue', 'name'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 1800],
    registers: [registry],
  });
  const depth = new Gauge({
    name: 'ciclo_queue_jobs',
    help: 'Jobs in a queue by state, sampled by the app that owns the queue.',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
  });
  return {
    jobFinished({ queue, name, outcome, durationSeconds }) {
      jobs.inc({ queue, name, outcome });
      if (outcome !== 'retried') duration.observe({ queue, name }, durationSeconds);
    },
    setDepth: (queue, state, count) => depth.set({ queue, state }, count),
  };
}
