import { createHash } from 'node:crypto';
import pg from 'pg';
import { QueueClosedError } from './errors/queue-closed-error';
import type { PubSub, PubSubHandler } from './pub-sub';
import { PubSubRegistry } from './pub-sub-registry';
import { postgresSchema, type PostgresQueueBackendConfig } from './queue-backend-config';
import type { QueueLogger } from './queue-logger';
import { throttledErrorLogger } from './throttled-error-logger';

/** NOTIFY payloads must stay under 8,000 bytes; leave room for the server's own framing. */
const MAX_PAYLOAD_BYTES = 7_900;

/**
 * LISTEN on one dedicated connection, NOTIFY through a small pool. A dropped LISTEN connection is
 * rebuilt with backoff and every channel re-listened; messages sent meanwhile are lost, which the
 * consumers' periodic reconcile covers.
 */
export class PostgresPubSub implements PubSub {
  readonly #config: PostgresQueueBackendConfig;
  readonly #schema: string;
  readonly #logger: QueueLogger;
  readonly #registry: PubSubRegistry;
  #pool: pg.Pool | undefined;
  #listener: Promise<pg.Client> | undefined;
  #closing: Promise<void> | undefined;
  #reconnectDelayMs = 100;

  constructor(config: PostgresQueueBackendConfig, logger: QueueLogger) {
    this.#config = config;
    this.#schema = postgresSchema(config);
    this.#logger = logger;
    this.#registry = new PubSubRegistry(logger);
  }

  /** Channel identifiers are capped at 63 bytes; long ones are hashed (same on every process). */
  #wire(channel: string): string {
    const readable = `${this.#schema}:${channel}`;
    if (Buffer.byteLength(readable) <= 63) return readable;
    return `${this.#schema.slice(0, 20)}:${createHash('sha256').update(readable).digest('hex').slice(0, 40)}`;
  }

  async publish(channel: string, message: unknown): Promise<void> {
    if (this.#closing) throw new QueueClosedError('Pub/sub');
    const payload = JSON.stringify(message);
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
      throw new RangeError(`pub/sub message on "${channel}" exceeds ${MAX_PAYLOAD_BYTES} bytes; publish an id instead`);
    }
    if (!this.#pool) {
      this.#pool = new pg.Pool({ connectionString: this.#config.connectionString, max: 2, application_name: 'ciclo-pubsub' });
      this.#pool.on('error', throttledErrorLogger(this.#logger, { backend: 'postgres', role: 'pubsub-publisher' }));
    }
    await this.#pool.query('SELECT pg_notify($1, $2)', [this.#wire(channel), payload]);
  }

  #listen(): Promise<pg.Client> {
    this.#listener ??= (async () => {
      const client = new pg.Client({
        connectionString: this.#config.connectionString,
        application_name: 'ciclo-pubsub',
        keepAlive: true,
      });
      client.on('notification', (n) => this.#registry.dispatch(n.channel, n.payload ?? 'null'));
      client.on('error', (err) => {
        throttledErrorLogger(this.#logger, { backend: 'postgres', role: 'pubsub-listener' })(err);
        void this.#reconnect(client);
      });
      client.on('end', () => void this.#reconnect(client));
      try {
        await client.connect();
        for (const wire of this.#registry.channels()) await client.query(`LISTEN ${quoteIdent(wire)}`);
      } catch (err) {
        this.#listener = undefined;
        await client.end().catch(() => undefined);
        throw err;
      }
      this.#reconnectDelayMs = 100;
      return client;
    })();
    return this.#listener;
  }

  async #reconnect(dead: pg.Client): Promise<void> {
    if (this.#closing || !this.#listener) return;
    const current = await this.#listener.catch(() => undefined);
    if (current !== dead) return;
    this.#listener = undefined;
    dead.removeAllListeners('end');
    await dead.end().catch(() => undefined);
    while (!this.#closing) {
      await new Promise((r) => setTimeout(r, this.#reconnectDelayMs));
      this.#reconnectDelayMs = Math.min(this.#reconnectDelayMs * 2, 5_000);
      try {
        await this.#listen();
        this.#logger.info({ backend: 'postgres' }, 'pub/sub listener reconnected');
        return;
      } catch {
        // Try again after a longer pause.
      }
    }
  }

  async subscribe(channel: string, handler: PubSubHandler): Promise<() => Promise<void>> {
    if (this.#closing) throw new QueueClosedError('Pub/sub');
    const wire = this.#wire(channel);
    const first = this.#registry.add(wire, handler);
    try {
      const client = await this.#listen();
      // A fresh listener already LISTENs to every registered channel; repeating it is harmless.
      if (first) await client.query(`LISTEN ${quoteIdent(wire)}`);
    } catch (err) {
      this.#registry.remove(wire, handler);
      throw err;
    }
    return async () => {
      if (!this.#registry.remove(wire, handler) || this.#closing || !this.#listener) return;
      const client = await this.#listener.catch(() => undefined);
      await client?.query(`UNLISTEN ${quoteIdent(wire)}`).catch(() => undefined);
    };
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      const client = await this.#listener?.catch(() => undefined);
      if (client) {
        client.removeAllListeners('end');
        await client.end().catch(() => undefined);
      }
      await this.#pool?.end().catch(() => undefined);
    })();
    return this.#closing;
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
