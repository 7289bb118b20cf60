export { startService, type ServiceContext, type ServiceOptions, type RunningService } from './service';
export { runService } from './run-service';
export { queueConfigFromEnv } from './queue-config';
export { createEventPublisher, UnknownEventTypeError, type StoredEvent, type EventPublisherDeps } from './event-publisher';
