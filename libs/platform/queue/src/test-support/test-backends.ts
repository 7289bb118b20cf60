import { randomBytes } from 'node:crypto';
import { destroyQueueNamespace } from '../destroy-queue-namespace';
import type { QueueBackendConfig } from '../queue-backend-config';

export interface TestBackendUrls {
  readonly redisUrl: string;
  readonly postgresUrl: string;
}

export interface IsolatedBackend {
  readonly config: QueueBackendConfig;
  cleanup(): Promise<void>;
}

export type BackendKind = QueueBackendConfig['kind'];

/**
 * A fresh namespace per call: a Redis prefix or a PostgreSQL schema nobody else uses, dropped by
 * `cleanup()`. (libs/testing has the shared fixture; this copy avoids a queue ↔ testing cycle.)
 */
export function isolatedBackend(kind: BackendKind, urls: TestBackendUrls): IsolatedBackend {
  const id = randomBytes(5).toString('hex');
  const config: QueueBackendConfig =
    kind === 'redis'
      ? { kind, url: urls.redisUrl, prefix: `ciclo-test-${id}` }
      : { kind, connectionString: urls.postgresUrl, schema: `ciclo_test_${id}`, poolSize: 5 };
  return { config, cleanup: () => destroyQueueNamespace(config) };
}
