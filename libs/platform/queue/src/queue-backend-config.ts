/**
 * Where jobs live. Both kinds run the same BullMQ code; the choice is operational (one Redis for
 * many replicas, or no Redis at all on a single machine).
 */
export type QueueBackendConfig = RedisQueueBackendConfig | PostgresQueueBackendConfig;

export interface RedisQueueBackendConfig {
  readonly kind: 'redis';
  /** `redis://[user:pass@]host:port[/db]` (or `rediss://`). */
  readonly url: string;
  /**
   * Key prefix for every queue of this deployment (default `ciclo`). It is wrapped in a Redis
   * Cluster hash tag (`{ciclo}`) unless it already carries one, so all of a deployment's queues
   * hash to one slot and multi-queue operations (flows) stay legal on a cluster.
   */
  readonly prefix?: string;
}

export interface PostgresQueueBackendConfig {
  readonly kind: 'postgres';
  /** `postgres://user[:pass]@host:port/database`. */
  readonly connectionString: string;
  /** Schema that holds BullMQ's tables and functions (default `bullmq`). */
  readonly schema?: string;
  /** Upper bound of each connection pool this client opens (default 10). */
  readonly poolSize?: number;
}

export const DEFAULT_REDIS_PREFIX = 'ciclo';
export const DEFAULT_POSTGRES_SCHEMA = 'bullmq';

/** `ciclo` → `{ciclo}`; a prefix that already has a hash tag is kept as given. */
export function redisKeyPrefix(prefix: string | undefined): string {
  const p = prefix ?? DEFAULT_REDIS_PREFIX;
  if (p.includes(':')) {
    // BullMQ splits keys on ':'; a colon in the prefix would break flow-key parsing.
    throw new TypeError(`Redis queue prefix must not contain ':' (got "${p}")`);
  }
  return /\{[^}]+\}/.test(p) ? p : `{${p}}`;
}

export function postgresSchema(config: PostgresQueueBackendConfig): string {
  const schema = config.schema ?? DEFAULT_POSTGRES_SCHEMA;
  // Schema names end up in DDL and LISTEN statements, which cannot take bind parameters.
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new TypeError(`PostgreSQL queue schema must be a simple identifier (got "${schema}")`);
  }
  return schema;
}

/** For logs: the backend without credentials. */
export function describeBackend(config: QueueBackendConfig): string {
  const raw = config.kind === 'redis' ? config.url : config.connectionString;
  try {
    const u = new URL(raw);
    // Host and path only: user names and passwords stay out of logs.
    const where = `${u.protocol}//${u.host}${u.pathname}`;
    return config.kind === 'redis'
      ? `redis ${where} prefix=${redisKeyPrefix(config.prefix)}`
      : `postgres ${where} schema=${postgresSchema(config)}`;
  } catch {
    return config.kind;
  }
}
