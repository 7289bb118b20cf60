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

/** The registry's routes on a fresh Fastify app (not listening), artifacts in `artifactsDir`. */
export async function buildTestRegistryApp(options: { db: Database; artifactsDir: string; maxArtifactBytes: number; now?: () => Date }) {
  const app: HttpApp = createHttpApp({
    app: 'model-registry',
    version: 'test',
    logger: createLogger({ app: 'model-registry', level: 'silent' }),
    metrics: createMetricsRegistry('model-registry'),
    readinessChecks: {},
  });
  const { registry } = await configureRegistryApp(
    { db: options.db, app },
    {
      artifacts: new FileArtifactStore({ dir: options.artifactsDir, maxBytes: options.maxArtifactBytes }),
      maxArtifactBytes: options.maxArtifactBytes,
      ...(options.now ? { now: options.now } : {}),
    },
  );
  return { app, registry };
}

/** One API key per role, named `<prefix> <role>`. */
export async function issueTestKeys<R extends ApiKeyRole>(db: Database, roles: readonly R[], prefix: string): Promise<Record<R, string>> {
  const service = createApiKeyService(db);
  const keys = {} as Record<R, string>;
  for (const role of roles) keys[role] = (await service.issue({ name: `${prefix} ${role}`, role, createdBy: { name: 'test' } })).key;
  return keys;
}
