import { FlowProducer, Queue, Worker, type Processor } from 'bullmq';
import { Redis } from 'ioredis';
import { trackWorker, withinTimeout } from './runtime-helpers';
import type { BackendRuntime, RuntimeFlowProducer, RuntimeQueue, RuntimeWorker, RuntimeWorkerOptions } from './backend-runtime';
import { redisKeyPrefix, type RedisQueueBackendConfig } from './queue-backend-config';
import type { QueueLogger } from './queue-logger';
import { throttledErrorLogger } from './throttled-error-logger';

/**
 * Two shared ioredis connections per client: one for producers (fails commands after a few
 * reconnect attempts, so an HTTP handler gets an error instead of hanging) and one for workers
 * (`maxRetriesPerRequest: null`, as BullMQ requires, so a blip never loses a job transition).
 * BullMQ adds one dedicated blocking connection per worker on top.
 */
export class RedisRuntime implements BackendRuntime {
  readonly kind = 'redis';
  readonly #config: RedisQueueBackendConfig;
  readonly #prefix: string;
  readonly #logger: QueueLogger;
  readonly #queues = new Map<string, RuntimeQueue>();
  #producer: Redis | undefined;
  #workerConnection: Redis | undefined;
  #flow: RuntimeFlowProducer | undefined;
  readonly #workers = new Set<RuntimeWorker>();

  constructor(config: RedisQueueBackendConfig, logger: QueueLogger) {
    this.#config = config;
    this.#prefix = redisKeyPrefix(config.prefix);
    this.#logger = logger;
  }

  get prefix(): string {
    return this.#prefix;
  }

  #connect(role: 'producer' | 'worker'): Redis {
    const client = new Redis(this.#config.url, {
      maxRetriesPerRequest: role === 'worker' ? null : 3,
      connectionName: `ciclo:${role}`,
      // Reconnect forever, but not in a tight loop: 0.1 s, 0.2 s, … capped at 5 s.
      retryStrategy: (times) => Math.min(times * 100, 5_000),
    });
    client.on('error', throttledErrorLogger(this.#logger, { backend: 'redis', role }));
    return client;
  }

  #producerConnection(): Redis {
    this.#producer ??= this.#connect('producer');
    return this.#producer;
  }

  async ready(): Promise<void> {
    // BullMQ waits for a connection's first 'ready' without a time limit, so an enqueue against
    // a Redis that is down at boot would hang. One bounded ping turns that into an error.
    if (this.#producerConnection().status !== 'ready') await this.ping(5_000);
  }

  queue(name: string): RuntimeQueue {
    let q = this.#queues.get(name);
    if (!q) {
      const queue = new Queue(name, { connection: this.#producerConnection(), prefix: this.#prefix });
      queue.on('error', throttledErrorLogger(this.#logger, { backend: 'redis', queue: name }));
      q = queue;
      this.#queues.set(name, q);
    }
    return q;
  }

  flowProducer(): RuntimeFlowProducer {
    if (!this.#flow) {
      const flow = new FlowProducer({ connection: this.#producerConnection(), prefix: this.#prefix });
      flow.on('error', throttledErrorLogger(this.#logger, { backend: 'redis', role: 'flow' }));
      this.#flow = flow;
    }
    return this.#flow;
  }

  createWorker(name: string, processor: Processor, opts: RuntimeWorkerOptions): RuntimeWorker {
    this.#workerConnection ??= this.#connect('worker');
    const worker = new Worker(name, processor, {
      connection: this.#workerConnection,
      prefix: this.#prefix,
      autorun: true,
      concurrency: opts.concurrency,
      lockDuration: opts.lockDuration,
      stalledInterval: opts.stalledInterval,
      ...(opts.name === undefined ? {} : { name: opts.name }),
    });
    return trackWorker(worker, this.#workers);
  }

  async ping(timeoutMs: number): Promise<void> {
    const client = this.#producerConnection();
    await withinTimeout(client.ping(), timeoutMs);
  }

  async close(): Promise<void> {
    // Workers first (they may still be finishing jobs), then producers, then the connections
    // they borrowed: BullMQ leaves caller-owned clients open.
    await Promise.allSettled([...this.#workers].map((w) => w.close()));
    await Promise.allSettled([...this.#queues.values()].map((q) => q.close()));
    if (this.#flow) await this.#flow.close().catch(() => undefined);
    this.#queues.clear();
    for (const client of [this.#producer, this.#workerConnection]) {
      if (!client) continue;
      // quit() waits for pending replies; disconnect() is the fallback when Redis is gone.
      await Promise.race([client.quit().catch(() => undefined), new Promise((r) => setTimeout(r, 1_000))]);
      client.disconnect();
    }
  }
}
