import { Redis } from 'ioredis';
import pg from 'pg';
import { postgresSchema, redisKeyPrefix, type QueueBackendConfig } from './queue-backend-config';

/**
 * Deletes every queue, job and schedule under the backend's prefix (Redis) or schema
 * (PostgreSQL). For test fixtures and `ciclo` dev resets; never called by the apps themselves.
 */
export async function destroyQueueNamespace(config: QueueBackendConfig): Promise<void> {
  if (config.kind === 'redis') {
    const prefix = redisKeyPrefix(config.prefix);
    const client = new Redis(config.url, { maxRetriesPerRequest: 3, lazyConnect: true });
    try {
      await client.connect();
      let cursor = '0';
      do {
        // Glob-escape the hash-tag braces so `{ciclo}` matches literally.
        const pattern = `${prefix.replace(/[[\]{}*?\\]/g, '\\$&')}:*`;
        const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        if (keys.length > 0) await client.unlink(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      client.disconnect();
    }
    return;
  }
  const schema = postgresSchema(config);
  const client = new pg.Client({ connectionString: config.connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
