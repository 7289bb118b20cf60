import { eventDefinitionOf, type EventCatalog, type EventEnvelope } from '@ciclo/platform-contracts';
import type { Logger } from '@ciclo/platform-observability';
import type { EnqueueOptions, PubSub } from '@ciclo/platform-queue';

/** What the outbox hands over: one stored event. */
export interface StoredEvent {
  readonly id: string;
  readonly type: string;
  readonly payload: unknown;
  readonly occurredAt: Date;
}

/**
 * The part of a queue client the publisher needs: enqueue an envelope to the jobs the catalog
 * names. `defineEventCatalog` lets `deliverTo` name only jobs whose payload is the envelope, so a
 * `QueueClient` of that job catalog fits here without a cast.
 */
export interface EnvelopeQueue<N extends string> {
  enqueue(name: N, payload: EventEnvelope, opts?: EnqueueOptions): Promise<unknown>;
}

export interface EventPublisherDeps<N extends string> {
  readonly events: EventCatalog<N>;
  readonly queues: EnvelopeQueue<N>;
  readonly pubsub?: PubSub;
  readonly logger?: Logger;
}

/**
 * Delivers one outbox event: a job per subscriber named in the event catalog (job id derived from
 * the event id, so a re-delivery after a crash does not enqueue twice) and, for broadcast events,
 * a pub/sub message. Throws when delivery failed so the outbox keeps the event and retries.
 */
export function createEventPublisher<N extends string>(deps: EventPublisherDeps<N>) {
  return async function publish(event: StoredEvent): Promise<void> {
    const definition = eventDefinitionOf(deps.events, event.type);
    // Validated on the way out as well as when written: a schema change cannot leak bad events.
    const payload = definition.schema.parse(event.payload);
    const envelope: EventEnvelope = { id: event.id, type: event.type, occurredAt: event.occurredAt.toISOString(), payload };
    for (const jobName of definition.deliverTo) {
      await deps.queues.enqueue(jobName, envelope, { jobId: `evt-${event.id}-${jobName.replaceAll('.', '-')}` });
    }
    if (definition.broadcast && deps.pubsub) await deps.pubsub.publish(event.type, envelope);
    deps.logger?.debug({ eventId: event.id, type: event.type, jobs: definition.deliverTo.length }, 'event delivered');
  };
}
