import { PostgresPubSub } from './postgres-pub-sub';
import type { QueueBackendConfig } from './queue-backend-config';
import { silentLogger, type QueueLogger } from './queue-logger';
import { RedisPubSub } from './redis-pub-sub';

export type PubSubHandler = (message: unknown) => void | Promise<void>;

/**
 * Best-effort broadcast to every subscribed process (e.g. `model.alias.changed` to all
 * nlp-service replicas). A message published while a subscriber is disconnected is lost by
 * design, so consumers also reconcile periodically; validate messages with the event's schema.
 */
export interface PubSub {
  /** Sends a JSON-serialisable message (PostgreSQL caps it at about 7,900 bytes). */
  publish(channel: string, message: unknown): Promise<void>;
  /** Resolves once the subscription is active; returns a function that cancels it. */
  subscribe(channel: string, handler: PubSubHandler): Promise<() => Promise<void>>;
  /** Idempotent. */
  close(): Promise<void>;
}

export interface PubSubOptions {
  readonly logger?: QueueLogger;
}

/**
 * Redis pub/sub on the Redis backend, LISTEN/NOTIFY on PostgreSQL. Channels are namespaced by the
 * backend's prefix or schema, so two deployments sharing a server do not hear each other.
 */
export function createPubSub(config: QueueBackendConfig, options: PubSubOptions = {}): PubSub {
  const logger = options.logger ?? silentLogger;
  return config.kind === 'redis' ? new RedisPubSub(config, logger) : new PostgresPubSub(config, logger);
}
