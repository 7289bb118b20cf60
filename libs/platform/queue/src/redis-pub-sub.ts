import { Redis } from 'ioredis';
import { QueueClosedError } from './errors/queue-closed-error';
import type { PubSub, PubSubHandler } from './pub-sub';
import { PubSubRegistry } from './pub-sub-registry';
import { redisKeyPrefix, type RedisQueueBackendConfig } from './queue-backend-config';
import type { QueueLogger } from './queue-logger';
import { throttledErrorLogger } from './throttled-error-logger';

/**
 * A subscriber connection (ioredis re-subscribes by itself after a reconnect) and a publisher
 * connection, both opened on first use.
 */
export class RedisPubSub implements PubSub {
  readonly #url: string;
  readonly #prefix: string;
  readonly #logger: QueueLogger;
  readonly #registry: PubSubRegistry;
  #publisher: Redis | undefined;
  #subscriber: Redis | undefined;
  #closing: Promise<void> | undefined;

  constructor(config: RedisQueueBackendConfig, logger: QueueLogger) {
    this.#url = config.url;
    this.#prefix = redisKeyPrefix(config.prefix);
    this.#logger = logger;
    this.#registry = new PubSubRegistry(logger);
  }

  #wire(channel: string): string {
    return `${this.#prefix}:pubsub:${channel}`;
  }

  #connect(role: string): Redis {
    const client = new Redis(this.#url, {
      maxRetriesPerRequest: 3,
      connectionName: `ciclo:pubsub-${role}`,
      retryStrategy: (times) => Math.min(times * 100, 5_000),
    });
    client.on('error', throttledErrorLogger(this.#logger, { backend: 'redis', role: `pubsub-${role}` }));
    return client;
  }

  async publish(channel: string, message: unknown): Promise<void> {
    if (this.#closing) throw new QueueClosedError('Pub/sub');
    this.#publisher ??= this.#connect('publisher');
    await this.#publisher.publish(this.#wire(channel), JSON.stringify(message));
  }

  async subscribe(channel: string, handler: PubSubHandler): Promise<() => Promise<void>> {
    if (this.#closing) throw new QueueClosedError('Pub/sub');
    if (!this.#subscriber) {
      const sub = this.#connect('subscriber');
      sub.on('message', (wire: string, raw: string) => this.#registry.dispatch(wire, raw));
      this.#subscriber = sub;
    }
    const sub = this.#subscriber;
    const wire = this.#wire(channel);
    if (this.#registry.add(wire, handler)) {
      try {
        await sub.subscribe(wire);
      } catch (err) {
        this.#registry.remove(wire, handler);
        throw err;
      }
    }
    return async () => {
      if (this.#registry.remove(wire, handler) && !this.#closing) await sub.unsubscribe(wire);
    };
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      for (const client of [this.#subscriber, this.#publisher]) {
        if (!client) continue;
        await Promise.race([client.quit().catch(() => undefined), new Promise((r) => setTimeout(r, 1_000))]);
        client.disconnect();
      }
    })();
    return this.#closing;
  }
}
