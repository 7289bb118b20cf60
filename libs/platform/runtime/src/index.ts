export { startService, type ServiceContext, type ServiceOptions, type RunningService } from './service';
export { runService } from './run-service';
export { queueConfigFromEnv } from './queue-config';
export { createEventPublisher, type StoredEvent, type EventPublisherDeps, type EnvelopeQueue } from './event-publisher';
export { createOwnedEventRelay, type OwnedEventRelay, type OwnedEventRelayOptions } from './owned-event-relay';
