import type { ServiceEnv } from '@ciclo/platform-config';
import { DefaultPorts, jobCatalog, PLATFORM_VERSION, type PlatformJobCatalog, type ServiceName } from '@ciclo/platform-contracts';
import { createDatabase, type Database } from '@ciclo/platform-db';
import { createGracefulShutdown, createHttpApp, type GracefulShutdown, type HttpApp, type ReadinessCheck } from '@ciclo/platform-http';
import { createLogger, createMetricsRegistry, type Logger, type MetricsRegistry } from '@ciclo/platform-observability';
import { createPubSub, createQueueClient, createQueueMetrics, type PubSub, type QueueClient } from '@ciclo/platform-queue';
import { createOwnedEventRelay } from './owned-event-relay';
import { queueConfigFromEnv } from './queue-config';

/** What an app gets to wire its routes, workers and background loops. */
export interface ServiceContext {
  readonly name: string;
  readonly env: ServiceEnv;
  readonly logger: Logger;
  readonly metrics: MetricsRegistry;
  readonly db: Database;
  readonly queues: QueueClient<PlatformJobCatalog>;
  /** Broadcast channel between replicas (Redis pub/sub or PostgreSQL LISTEN/NOTIFY). */
  readonly pubsub: PubSub;
  readonly app: HttpApp;
  readonly shutdown: GracefulShutdown;
}

export interface ServiceOptions {
  readonly name: string;
  readonly env: ServiceEnv;
  /** Extra readiness probes (models loaded, …) beside the database and queue ones. */
  readonly readinessChecks?: Readonly<Record<string, ReadinessCheck>>;
  readonly bodyLimitBytes?: number;
  /**
   * Runs the outbox relay for the events this app owns (the catalog's `owner`): default on, and
   * an app that owns none runs none anyway. Apps pass their `OUTBOX_RELAY_ENABLED`, so one
   * replica can be kept from relaying; the others (rows claimed with SKIP LOCKED) still do.
   */
  readonly outboxRelay?: boolean;
  /**
   * Whose events the relay delivers; default `name`. Tests whose service stands in for an app
   * under another name set it.
   */
  readonly eventOwner?: ServiceName;
  /**
   * Registers routes and starts workers; runs before the server listens. Register stop steps for
   * what it starts on `context.shutdown` (default phase): they run after the server closed and
   * before queues and database.
   */
  readonly configure?: (context: ServiceContext) => Promise<void> | void;
  /** Injected by tests; apps let the service create its own from LOG_LEVEL. */
  readonly logger?: Logger;
}

export interface RunningService extends ServiceContext {
  /** The address the server listens on (port resolved when PORT=0). */
  readonly url: string;
}

/**
 * Boots a Ciclo service the same way in every app: logger → metrics → database → queues → HTTP
 * (health, metrics, error handling) → app-specific wiring → listen. Shutdown runs in reverse
 * dependency order: stop taking requests, stop workers (registered by `configure`), close
 * queues, close the database.
 */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { env, name } = options;
  const logger = options.logger ?? createLogger({ app: name, level: env.LOG_LEVEL });
  const metrics = createMetricsRegistry(name);
  const shutdown = createGracefulShutdown({ logger, timeoutMs: env.SHUTDOWN_TIMEOUT_MS });

  const db = createDatabase({ url: env.DATABASE_URL, applicationName: name });
  const queueConfig = queueConfigFromEnv(env);
  const queueMetrics = createQueueMetrics(metrics);
  const queues = createQueueClient(jobCatalog, queueConfig, {
    logger,
    onJobEvent: (event) => queueMetrics.jobFinished(event),
  });

  const pubsub = createPubSub(queueConfig, { logger });

  const app = createHttpApp({
    app: name,
    version: PLATFORM_VERSION,
    logger,
    metrics,
    readinessChecks: { database: () => db.ping(), queue: () => queues.ping(), ...options.readinessChecks },
    isDraining: shutdown.isShuttingDown,
    ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
  });

  // Stop accepting requests before anything else closes; what `configure` registers (workers,
  // loops) runs next, in the default `components` phase; the connections they use close last.
  shutdown.register('http server', () => app.close(), 'server');
  const context: ServiceContext = { name, env, logger, metrics, db, queues, pubsub, app, shutdown };
  let relayStarted = false;
  const owner = options.eventOwner ?? (isServiceName(name) ? name : undefined);
  const owned = options.outboxRelay === false || !owner ? undefined : createOwnedEventRelay({ owner, db, queues, pubsub, logger });
  shutdown.register('outbox relay', async () => (relayStarted ? owned?.relay.stop() : undefined), 'infrastructure');
  shutdown.register('pub/sub', () => pubsub.close(), 'infrastructure');
  shutdown.register('queues', () => queues.close(), 'infrastructure');
  shutdown.register('database', () => db.close(), 'infrastructure');

  let address: string;
  try {
    await options.configure?.(context);
    if (owned) {
      owned.relay.start();
      relayStarted = true;
    }
    address = await app.listen({ host: env.HOST, port: env.PORT });
  } catch (error) {
    // Nothing half-started may linger: close what was opened, then report the original error.
    await shutdown.run('failed to start');
    throw error;
  }
  logger.info(
    { url: address, queueBackend: env.QUEUE_BACKEND, version: PLATFORM_VERSION, outboxRelay: owned ? owned.types : 'off' },
    `${name} listening`,
  );
  return { ...context, url: address };
}

/** Whether `name` is one of the platform's apps (only they own events). */
function isServiceName(name: string): name is ServiceName {
  return Object.hasOwn(DefaultPorts, name) && name !== 'launcher';
}
