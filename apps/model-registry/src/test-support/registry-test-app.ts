// Shared by this app's tests (API, CLI end to end, browser): a real registry over a test
// database, tiny real ONNX models, and API keys. Not used by production code.
import type { ApiKeyRole } from '@ciclo/contracts';
import { createApiKeyService, type Database } from '@ciclo/db';
import { createHttpApp, type HttpApp } from '@ciclo/http';
import { exportOnnxArtifact, trainClassifier } from '@ciclo/ml';
import { createLogger, createMetricsRegistry } from '@ciclo/observability';
import { FileArtifactStore } from '@ciclo/registry';
import { configureRegistryApp } from '../registry-app';

const EXAMPLES = [
  { text: 'oi tudo bem', label: 'greet' },
  { text: 'hello there', label: 'greet' },
  { text: 'quero cancelar meu pedido', label: 'cancel' },
  { text: 'cancel my order please', label: 'cancel' },
  { text: 'onde está meu pedido', label: 'order_status' },
  { text: 'where is my order', label: 'order_status' },
];

/** A real ONNX classifier (labels cancel, greet, order_status) in a few milliseconds; seeds give different bytes. */
export async function tinyModel(seed: number): Promise<Uint8Array> {
  const trained = await trainClassifier(EXAMPLES, { seed, epochs: 3, validationFraction: 0, earlyStoppingPatience: null, featurizer: { buckets: 512 } });
  return exportOnnxArtifact(trained.weights, {
    temperature: 1,
    confidenceThreshold: 0.4,
    trainingDataSha256: 'c'.repeat(64),
    task: 'intent',
    language: 'pt-BR',
    libraryVersion: '0.1.0',
    createdAt: '2026-11-22T00:00:00.000Z',
  }).bytes;
}

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
