// Shared by this app's tests (API, CLI end to end, browser): a real registry over a test
// database, tiny real ONNX models, and API keys. Not used by production code.
import type { ApiKeyRole } from '@ciclo/platform-contracts';
import { createApiKeyService, type Database } from '@ciclo/platform-db';
import { createHttpApp, type HttpApp } from '@ciclo/platform-http';
import { createLogger, createMetricsRegistry } from '@ciclo/platform-observability';
import { FileArtifactStore } from '@ciclo/registry-core';
import { configureRegistryApp } from '../registry-app';

/** A real ONNX classifier (labels cancel, greet, order_status); now shared through @ciclo/platform-testing. */
export { tinyModel } from '@ciclo/platform-testing';

export interface TestRegistryAppOptions {
  readonly db: Database;
  readonly artifactsDir: string;
  readonly maxArtifactBytes: number;
  /** Clock of history and audit entries. */
  readonly now?: () => Date;
  /** Clock of Idempotency-Key records. */
  readonly idempotencyClock?: () => Date;
  readonly idempotencyRetentionMs?: number;
}

/** The registry's routes on a fresh Fastify app (not listening), artifacts in `artifactsDir`. */
export async function buildTestRegistryApp(options: TestRegistryAppOptions) {
  const metrics = createMetricsRegistry('model-registry');
  const app: HttpApp = createHttpApp({
    app: 'model-registry',
    version: 'test',
    logger: createLogger({ app: 'model-registry', level: 'silent' }),
    metrics,
    readinessChecks: {},
  });
  const artifacts = new FileArtifactStore({ dir: options.artifactsDir, maxBytes: options.maxArtifactBytes });
  const { registry, idempotency } = await configureRegistryApp(
    { db: options.db, app, metrics },
    {
      artifacts,
      maxArtifactBytes: options.maxArtifactBytes,
      ...(options.now ? { now: options.now } : {}),
      ...(options.idempotencyClock ? { idempotencyClock: options.idempotencyClock } : {}),
      ...(options.idempotencyRetentionMs !== undefined ? { idempotencyRetentionMs: options.idempotencyRetentionMs } : {}),
    },
  );
  return { app, registry, idempotency, artifacts, metrics };
}

/** One API key per role, named `<prefix> <role>`. */
export async function issueTestKeys<R extends ApiKeyRole>(db: Database, roles: readonly R[], prefix: string): Promise<Record<R, string>> {
  const service = createApiKeyService(db);
  const keys = {} as Record<R, string>;
  for (const role of roles) keys[role] = (await service.issue({ name: `${prefix} ${role}`, role, createdBy: { name: 'test' } })).key;
  return keys;
}
