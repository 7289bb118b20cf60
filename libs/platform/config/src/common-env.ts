import { z } from 'zod';
import { databaseUrl, logLevel, port, positiveInt, queueBackend, redisUrl } from './fields';

/**
 * Variables every service app shares. Each app extends this with its own in its `config.ts`
 * (one small schema per app, not one giant one for the platform).
 */
export function serviceEnvSchema(defaultPort: number) {
  return z.object({
    HOST: z.string().default('127.0.0.1'),
    PORT: port.default(defaultPort),
    LOG_LEVEL: logLevel.default('info'),
    DATABASE_URL: databaseUrl,
    QUEUE_BACKEND: queueBackend.default('redis'),
    REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
    /** Prefix for queue keys (Redis) so several platforms can share one server. */
    QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]+$/i, { error: 'letters, digits, - and _ only' }).default('ciclo'),
    /** PostgreSQL schema that holds BullMQ's tables when QUEUE_BACKEND=postgres. */
    QUEUE_PG_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, { error: 'a lowercase SQL identifier' }).default('bullmq'),
    SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
  });
}

export type ServiceEnv = z.infer<ReturnType<typeof serviceEnvSchema>>;
