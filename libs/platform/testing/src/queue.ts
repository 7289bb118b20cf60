import { randomBytes } from 'node:crypto';
import { destroyQueueNamespace, type QueueBackendConfig } from '@ciclo/platform-queue';

/** One queue backend for a test: a namespace nobody else uses, and the way to drop it. */
export interface TestQueueBackend {
  readonly kind: QueueBackendConfig['kind'];
  readonly config: QueueBackendConfig;
  /** Deletes every job and queue under the namespace (Redis keys or PostgreSQL schema). */
  cleanup(): Promise<void>;
}

export interface TestQueueBackendOptions {
  /** Default `TEST_REDIS_URL` or `redis://127.0.0.1:6379`. */
  readonly redisUrl?: string;
  /** Default `TEST_DATABASE_URL` or `postgres://postgres@127.0.0.1:5432/test`. */
  readonly postgresUrl?: string;
}

/**
 * Both backends, each in a fresh namespace: a Redis key prefix `ciclo-test-<random>` and a
 * PostgreSQL schema `ciclo_test_<random>` (created by the queue client's migration on first use).
 * Call once per test (or per file) and `cleanup()` afterwards. Typical use:
 *
 *   describe.each(['redis', 'postgres'] as const)('… on %s', (kind) => {
 *     let backend: TestQueueBackend;
 *     beforeEach(() => { backend = testQueueBackend(kind); });
 *     afterEach(() => backend.cleanup());
 *   });
 */
export function testQueueBackends(options: TestQueueBackendOptions = {}): TestQueueBackend[] {
  return [testQueueBackend('redis', options), testQueueBackend('postgres', options)];
}

export function testQueueBackend(
  kind: QueueBackendConfig['kind'],
  options: TestQueueBackendOptions = {},
): TestQueueBackend {
  const id = randomBytes(5).toString('hex');
  const config: QueueBackendConfig =
    kind === 'redis'
      ? {
          kind,
          url: options.redisUrl ?? process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
          prefix: `ciclo-test-${id}`,
        }
      : {
          kind,
          connectionString:
            options.postgresUrl ?? process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test',
          schema: `ciclo_test_${id}`,
          poolSize: 5,
        };
  return { kind, config, cleanup: () => destroyQueueNamespace(config) };
}
