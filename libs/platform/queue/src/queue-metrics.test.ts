import { createMetricsRegistry } from '@ciclo/platform-observability';
import { describe, expect, it } from 'vitest';
import { createQueueMetrics } from './queue-metrics';

describe('queue metrics', () => {
  it('exposes job runs, durations and queue depth with the app label', async () => {
    const registry = createMetricsRegistry('model-registry');
    const metrics = createQueueMetrics(registry);
    metrics.jobFinished({ queue: 'training', name: 'train', outcome: 'completed', durationSeconds: 2 });
    metrics.jobFinished({ queue: 'training', name: 'train', outcome: 'retried', durationSeconds: 1 });
    metrics.setDepth('training', 'waiting', 4);
    const text = await registry.metrics();
    expect(text).toMatch(/ciclo_job_runs_total\{queue="training",name="train",outcome="completed",app="model-registry"\} 1/);
    expect(text).toMatch(/ciclo_job_runs_total\{queue="training",name="train",outcome="retried",app="model-registry"\} 1/);
    // A retried run is not a finished job: only the completed one is timed.
    expect(text).toMatch(/ciclo_job_duration_seconds_count\{[^}]*queue="training",name="train"[^}]*\} 1/);
    expect(text).toMatch(/ciclo_queue_depth_jobs\{queue="training",state="waiting",app="model-registry"\} 4/);
  });

  it('is declared once per registry however many clients report to it', () => {
    const registry = createMetricsRegistry('test');
    expect(() => {
      createQueueMetrics(registry);
      createQueueMetrics(registry);
    }).not.toThrow();
  });
});
