import { QueueNames } from '@ciclo/platform-contracts';
import { createWebhookDeliveryHandler } from '@ciclo/registry-core';
import type { ServiceContext } from '@ciclo/platform-runtime';

/**
 * Delivers `webhooks.deliver` jobs (one per outbox event that subscribers may care about, e.g.
 * `model.alias.changed`) to each model's webhooks. A failed delivery throws, so the job is
 * retried with the catalog's backoff; receivers dedupe by the event id in `X-Ciclo-Delivery`.
 */
export async function startWebhookWorker(context: ServiceContext, concurrency = 4): Promise<void> {
  const deliver = createWebhookDeliveryHandler({ db: context.db });
  const worker = await context.queues.createWorker(QueueNames.webhooks, { 'webhooks.deliver': (payload) => deliver(payload) }, { concurrency });
  context.shutdown.register('webhook worker', () => worker.close());
}
