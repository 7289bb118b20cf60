import { EventEnvelope, eventCatalog, type EventCatalog } from '@ciclo/platform-contracts';
import type { Database } from '@ciclo/platform-db';
import { deliverWebhook, type DeliverWebhookOptions, type DeliveryResult } from './deliver-webhook';

export interface WebhookDeliveryHandlerOptions extends DeliverWebhookOptions {
  readonly db: Database;
  /** Default the platform's event catalog. */
  readonly events?: EventCatalog;
}

export interface WebhookDeliverySummary {
  readonly eventId: string;
  readonly delivered: number;
  readonly results: ReadonlyArray<{ readonly webhookId: string; readonly result: DeliveryResult }>;
}

/** Some webhooks did not take the event; the job fails so the queue retries it. */
export class WebhookDeliveryError extends Error {
  readonly code = 'CICLO_ERR_REGISTRY_WEBHOOK_DELIVERY_FAILED';
  constructor(
    message: string,
    readonly failed: ReadonlyArray<{ readonly webhookId: string; readonly result: DeliveryResult }>,
  ) {
    super(message);
    this.name = 'WebhookDeliveryError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/**
 * The consumer of the `webhooks.deliver` job: takes an event envelope (validated, and its payload
 * against the event catalog), finds the active webhooks of the event's model that subscribe to its
 * type and delivers to each, recording the last status on the webhook. Throws
 * {@link WebhookDeliveryError} if any failed, so the job is retried with backoff; receivers
 * deduplicate by the `X-Ciclo-Delivery` header because those that succeeded get it again.
 */
export function createWebhookDeliveryHandler(options: WebhookDeliveryHandlerOptions) {
  const catalog: EventCatalog = options.events ?? eventCatalog;
  return async function handle(data: unknown): Promise<WebhookDeliverySummary> {
    const envelope = EventEnvelope.parse(data);
    const definition = catalog[envelope.type];
    const payload = definition ? (definition.schema.parse(envelope.payload) as { model?: unknown }) : (envelope.payload as { model?: unknown });
    if (typeof payload?.model !== 'string') return { eventId: envelope.id, delivered: 0, results: [] };
    const hooks = await options.db.prisma.webhook.findMany({
      where: { active: true, model: { name: payload.model }, OR: [{ events: { isEmpty: true } }, { events: { has: envelope.type } }] },
      orderBy: { createdAt: 'asc' },
    });
    const results = await Promise.all(
      hooks.map(async (hook) => {
        const result = await deliverWebhook(envelope, hook, options);
        await options.db.prisma.webhook.update({ where: { id: hook.id }, data: { lastDeliveryAt: new Date(), lastStatus: result.status } }).catch(() => undefined);
        return { webhookId: hook.id, result };
      }),
    );
    const failed = results.filter((r) => !r.result.ok);
    if (failed.length > 0) {
      throw new WebhookDeliveryError(`${failed.length} of ${results.length} webhooks did not accept event ${envelope.id}: ${failed.map((f) => f.result.error).join('; ')}`, failed);
    }
    return { eventId: envelope.id, delivered: results.length, results };
  };
}
