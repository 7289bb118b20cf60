import type { ServiceEnv } from '@ciclo/platform-config';
import type { QueueBackendConfig } from '@ciclo/platform-queue';

/** Maps the shared service variables to the queue lib's backend choice. */
export function queueConfigFromEnv(env: ServiceEnv): QueueBackendConfig {
  return env.QUEUE_BACKEND === 'redis'
    ? { kind: 'redis', url: env.REDIS_URL, prefix: env.QUEUE_PREFIX }
    : { kind: 'postgres', connectionString: env.DATABASE_URL, schema: env.QUEUE_PG_SCHEMA };
}
