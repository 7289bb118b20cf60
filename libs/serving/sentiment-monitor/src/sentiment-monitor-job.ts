import type { PlatformJobCatalog, QueueNames } from '@ciclo/platform-contracts';
import type { QueueHandlers } from '@ciclo/platform-queue';
import type { SentimentMonitor } from './sentiment-monitor';

/** The handlers of the `sentiment-monitor` queue, as `queues.createWorker` takes them. */
export type SentimentMonitorQueueHandlers = QueueHandlers<PlatformJobCatalog, typeof QueueNames.sentimentMonitor>;

/**
 * Turns a monitor into the handler map of its queue:
 *
 *   const worker = await queues.createWorker(QueueNames.sentimentMonitor, sentimentMonitorJobHandlers(monitor), { concurrency: 4 });
 *
 * The worker has already checked the envelope against the job catalog; the monitor checks the
 * payload and throws `PermanentJobError` for one that can never be handled. Its outcome is the
 * job's return value.
 */
export function sentimentMonitorJobHandlers(monitor: SentimentMonitor): SentimentMonitorQueueHandlers {
  return { 'sentiment.monitor': (envelope) => monitor.handle(envelope) };
}
