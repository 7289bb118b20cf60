import type { EventCatalog, EventEnvelope, JobCatalog, JobName } from '@ciclo/platform-contracts';
import type { Logger } from '@ciclo/platform-observability';
import type { PubSub, QueueClient } from '@ciclo/platform-queue';

/** What the outbox hands over: one stored event. */
export interface StoredEvent {
  readonly id: string;
  readonly type: string;
  readonly payload: unknown;
  readonly occurredAt: Date;
}

export class UnknownEventTypeError extends Error {
  readonly code = 'CICLO_ERR_EVENT_UNKNOWN_TYPE';
  constructor(type: string) {
    super(`Event type "${type}" is not in the event catalog`);
    this.name = 'UnknownEventTypeError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export interface EventPublisherDeps<E extends EventCatalog, J extends JobCatalog> {
  readonly events: E;
  readonly queues: QueueClient<J>;
  readonly pubsub?: PubSub;
  readonly logger?: Logger;
}

/**
 * Delivers one outbox event: a job per subscriber named in the event catalog (job id derived from
 * the event id, so a re-delivery after a crash does not enqueue twice) and, for broadcast events,
 * a pub/sub message. Throws when delivery failed so the outbox keeps the event and retries.
 */
export function createEventPublisher<E extends EventCatalog, J extends JobCatalog>(deps: EventPublisherDeps<E, J>) {
  return async function publish(event: StoredEvent): Promise<void> {
    const definition = deps.events[event.type];
    if (!definition) throw new UnknownEventTypeError(event.type);
    // Validated on the way out as well as when written: a schema change cannot leak bad events.
    const payload = definition.schema.parse(event.payload);
    const envelope: EventEnvelope = { id: event.id, type: event.type, occurredAt: event.occurredAt.toISOString(), payload };
    for (const jobName of definition.deliverTo) {
      await deps.queues.enqueue(jobName as JobName<J>, envelope as never, { jobId: `evt-${event.id}-${jobName.replaceAll('.', '-')}` });
    }
    if (definition.broadcast && deps.pubsub) await deps.pubsub.publish(event.type, envelope);
    deps.logger?.debug({ eventId: event.id, type: event.type, jobs: definition.deliverTo.length }, 'event delivered');
  };
}
