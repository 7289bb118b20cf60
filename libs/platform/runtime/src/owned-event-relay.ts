import { eventCatalog, eventTypesOwnedBy, type PlatformJobCatalog, type ServiceName } from '@ciclo/platform-contracts';
import { createOutboxRelay, type Database, type OutboxRelay, type OutboxRelayOptions } from '@ciclo/platform-db';
import type { Logger } from '@ciclo/platform-observability';
import type { PubSub, QueueClient } from '@ciclo/platform-queue';
import { createEventPublisher } from './event-publisher';

export interface OwnedEventRelayOptions {
  /** The app whose events (catalog `owner`) this relay delivers. */
  readonly owner: ServiceName;
  readonly db: Database;
  readonly queues: QueueClient<PlatformJobCatalog>;
  readonly pubsub?: PubSub;
  readonly logger?: Logger;
  /** Relay tuning (poll interval, LISTEN…), for tests. */
  readonly tuning?: Omit<OutboxRelayOptions, 'db' | 'publish' | 'logger' | 'types'>;
}

export interface OwnedEventRelay {
  readonly relay: OutboxRelay;
  /** The event types it delivers. */
  readonly types: readonly string[];
}

/**
 * The outbox relay of one app: it claims only the events of the catalog that app owns, so an
 * idle app never delivers another context's events, and replicas of the owner share the rows
 * (SKIP LOCKED) and take over from each other. Undefined when the app owns no event: it runs none.
 */
export function createOwnedEventRelay(options: OwnedEventRelayOptions): OwnedEventRelay | undefined {
  const types = eventTypesOwnedBy(eventCatalog, options.owner);
  if (types.length === 0) return undefined;
  const { db, queues, pubsub, logger } = options;
  const publish = createEventPublisher({ events: eventCatalog, queues, pubsub, logger });
  const relay = createOutboxRelay({ ...options.tuning, db, types, publish, logger });
  return { relay, types };
}
