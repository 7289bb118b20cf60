import {
  createPostgresBackend,
  runMigrations,
  withBackend,
  type BackendClasses,
  type BackendFactory,
  type PostgresConnectionOptions,
  type PostgresQueueBackend,
  type Processor,
} from 'bullmq';
import pg from 'pg';
import { trackWorker, withinTimeout } from './runtime-helpers';
import type { BackendRuntime, RuntimeFlowProducer, RuntimeQueue, RuntimeWorker, RuntimeWorkerOptions } from './backend-runtime';
import { postgresSchema, type PostgresQueueBackendConfig } from './queue-backend-config';
import type { QueueLogger } from './queue-logger';
import { throttledErrorLogger } from './throttled-error-logger';

const { Worker } = withBackend(createPostgresBackend);
type ProducerClasses = BackendClasses<PostgresQueueBackend, PostgresConnectionOptions>;

/**
 * BullMQ's PostgreSQL backend gives every Queue its own `pg.Pool`. Producers here share one: a
 * root backend owns the pool and each queue (and the flow producer) is a non-owning sibling from
 * `forQueue`. Workers keep their own backend (pool + dedicated LISTEN connection), sized to their
 * concurrency, so a busy worker never starves producers.
 *
 * The schema is migrated once per client before any BullMQ object exists: BullMQ memoises a
 * failed readiness check, so a queue built before the migration would stay broken.
 * `runMigrations` takes a per-schema transaction-scoped advisory lock, so replicas booting
 * together migrate exactly once and the others wait, then see the current version.
 */
export class PostgresRuntime implements BackendRuntime {
  readonly kind = 'postgres';
  readonly #config: PostgresQueueBackendConfig;
  readonly #schema: string;
  readonly #logger: QueueLogger;
  readonly #poolSize: number;
  #ready: Promise<void> | undefined;
  #admin: pg.Pool | undefined;
  #root: PostgresQueueBackend | undefined;
  #classes: ProducerClasses | undefined;
  readonly #queues = new Map<string, RuntimeQueue>();
  #flow: RuntimeFlowProducer | undefined;
  readonly #workers = new Set<RuntimeWorker>();

  constructor(config: PostgresQueueBackendConfig, logger: QueueLogger) {
    this.#config = config;
    this.#schema = postgresSchema(config);
    this.#logger = logger;
    this.#poolSize = config.poolSize ?? 10;
  }

  get schema(): string {
    return this.#schema;
  }

  #connectionOptions(max: number): PostgresConnectionOptions {
    return {
      connectionString: this.#config.connectionString,
      schema: this.#schema,
      max,
      connectionTimeoutMillis: 10_000,
      application_name: 'ciclo-queue',
    };
  }

  #adminPool(): pg.Pool {
    if (!this.#admin) {
      this.#admin = new pg.Pool({
        connectionString: this.#config.connectionString,
        max: 2,
        connectionTimeoutMillis: 5_000,
        application_name: 'ciclo-queue-admin',
      });
      this.#admin.on('error', throttledErrorLogger(this.#logger, { backend: 'postgres', role: 'admin' }));
    }
    return this.#admin;
  }

  ready(): Promise<void> {
    this.#ready ??= this.#prepare().catch((err: unknown) => {
      // Let the next call try again (the database may simply not be up yet).
      this.#ready = undefined;
      throw err;
    });
    return this.#ready;
  }

  async #prepare(): Promise<void> {
    const client = await this.#adminPool().connect();
    try {
      const version = await runMigrations(client, this.#schema);
      this.#logger.debug({ schema: this.#schema, version }, 'queue schema ready');
    } finally {
      client.release();
    }
    const root = createPostgresBackend('ciclo-producers', { connection: this.#connectionOptions(this.#poolSize) });
    root.on('error', throttledErrorLogger(this.#logger, { backend: 'postgres', role: 'producer' }));
    this.#root = root;
    const shared: BackendFactory<PostgresQueueBackend, PostgresConnectionOptions> = (name) =>
      root.forQueue(name) as PostgresQueueBackend;
    this.#classes = withBackend(shared);
  }

  #requireReady(): ProducerClasses {
    if (!this.#classes) throw new Error('PostgresRuntime used before ready()');
    return this.#classes;
  }

  queue(name: string): RuntimeQueue {
    let q = this.#queues.get(name);
    if (!q) {
      const queue = new (this.#requireReady().Queue)(name, { connection: this.#connectionOptions(this.#poolSize) });
      queue.on('error', throttledErrorLogger(this.#logger, { backend: 'postgres', queue: name }));
      q = queue;
      this.#queues.set(name, q);
    }
    return q;
  }

  flowProducer(): RuntimeFlowProducer {
    if (!this.#flow) {
      const flow = new (this.#requireReady().FlowProducer)({ connection: this.#connectionOptions(this.#poolSize) });
      flow.on('error', throttledErrorLogger(this.#logger, { backend: 'postgres', role: 'flow' }));
      this.#flow = flow;
    }
    return this.#flow;
  }

  createWorker(name: string, processor: Processor, opts: RuntimeWorkerOptions): RuntimeWorker {
    this.#requireReady();
    // Each in-flight job needs a connection to finish; a couple more serve lock renewal and the
    // stalled-job check. Capped so a huge concurrency cannot exhaust max_connections.
    const max = Math.min(opts.concurrency + 2, Math.max(this.#poolSize, 4), 50);
    const worker = new Worker(name, processor, {
      connection: this.#connectionOptions(max),
      autorun: true,
      concurrency: opts.concurrency,
      lockDuration: opts.lockDuration,
      stalledInterval: opts.stalledInterval,
      ...(opts.name === undefined ? {} : { name: opts.name }),
    });
    return trackWorker(worker, this.#workers);
  }

  async ping(timeoutMs: number): Promise<void> {
    await withinTimeout(this.#adminPool().query('SELECT 1'), timeoutMs);
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.#workers].map((w) => w.close()));
    // Queues and the flow producer borrow the root's pool; closing them is bookkeeping only.
    await Promise.allSettled([...this.#queues.values()].map((q) => q.close()));
    if (this.#flow) await this.#flow.close().catch(() => undefined);
    this.#queues.clear();
    if (this.#ready) await this.#ready.catch(() => undefined);
    if (this.#root) await this.#root.close().catch(() => undefined);
    if (this.#admin) await this.#admin.end().catch(() => undefined);
  }
}
