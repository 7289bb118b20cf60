// Shared by this app's tests: the real model registry as its own process (as in production),
// a test database, a Redis queue namespace for the alias events, API keys, and the nlp-service
// itself in-process so tests can look at its repository. Not used by production code.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiKeyService } from '@ciclo/platform-db';
import { createLogger } from '@ciclo/platform-observability';
import { startService, type RunningService } from '@ciclo/platform-runtime';
import { createTestDatabase, startServiceProcess, testQueueBackend, type ServiceProcess, type TestDatabase, type TestQueueBackend } from '@ciclo/platform-testing';
import { loadConfig } from '../config';
import { configureNlpService, type NlpService } from '../nlp-app';

const registryEntry = fileURLToPath(new URL('../../../model-registry/src/main.ts', import.meta.url));

export interface RunningNlpService {
  readonly running: RunningService;
  readonly service: NlpService;
  readonly url: string;
  stop(): Promise<void>;
}

export interface ServingFixture {
  readonly testDb: TestDatabase;
  readonly registryUrl: string;
  /** The registry's file artifact store (tests tamper with blobs in it). */
  readonly artifactsDir: string;
  readonly keys: { readonly admin: string; readonly viewer: string };
  /** POST to the registry as admin; throws on a non-2xx answer. */
  registryCall<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** Creates the model (labels from the first version). */
  createModel(name: string): Promise<void>;
  /** Registers a version from ONNX bytes and returns its number. */
  registerVersion(name: string, artifact: Uint8Array): Promise<number>;
  /** Points `production` at a version (forced past the gate; tests do not register metrics). */
  promote(name: string, version: number, reason?: string): Promise<void>;
  /** The nlp-service in this process, with env overrides (e.g. a long reconcile interval) and, to read its logs, where they go. */
  startNlp(env?: Record<string, string>, logDestination?: NodeJS.WritableStream): Promise<RunningNlpService>;
  close(): Promise<void>;
}

export async function createServingFixture(): Promise<ServingFixture> {
  const [testDb, artifactsDir] = await Promise.all([createTestDatabase(), mkdtemp(join(tmpdir(), 'ciclo-nlp-artifacts-'))]);
  const queue: TestQueueBackend = testQueueBackend('redis');
  if (queue.config.kind !== 'redis') throw new Error('unreachable');
  const queueEnv = { QUEUE_BACKEND: 'redis', REDIS_URL: queue.config.url, QUEUE_PREFIX: queue.config.prefix };
  const keyService = createApiKeyService(testDb.db);
  const createdBy = { name: 'nlp-service tests' };
  const admin = (await keyService.issue({ name: 'nlp tests admin', role: 'admin', createdBy })).key;
  const viewer = (await keyService.issue({ name: 'nlp tests viewer', role: 'viewer', createdBy })).key;

  let registry: ServiceProcess;
  try {
    registry = await startServiceProcess(registryEntry, {
      env: { DATABASE_URL: testDb.url, PORT: '0', CICLO_ARTIFACTS_DIR: artifactsDir, ...queueEnv },
      timeoutMs: 60_000,
    });
  } catch (error) {
    await Promise.allSettled([testDb.drop(), queue.cleanup(), rm(artifactsDir, { recursive: true, force: true })]);
    throw error;
  }

  const started: RunningNlpService[] = [];

  async function registryCall<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${registry.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${admin}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`registry ${method} ${path} → ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    testDb,
    registryUrl: registry.url,
    artifactsDir,
    keys: { admin, viewer },
    registryCall,
    async createModel(name) {
      await registryCall('POST', '/v1/models', { name, task: name, description: `${name} (test)` });
    },
    async registerVersion(name, artifact) {
      const view = await registryCall<{ version: number }>('POST', `/v1/models/${name}/versions`, { artifactBase64: Buffer.from(artifact).toString('base64') });
      return view.version;
    },
    async promote(name, version, reason = 'test promotion') {
      await registryCall('PUT', `/v1/models/${name}/aliases/production`, { version, reason, force: true });
    },
    async startNlp(env = {}, logDestination) {
      const config = loadConfig({
        DATABASE_URL: testDb.url,
        PORT: '0',
        MODEL_REGISTRY_URL: registry.url,
        MODEL_REGISTRY_API_KEY: viewer,
        LOG_LEVEL: 'silent',
        ...queueEnv,
        ...env,
      });
      let service: NlpService | undefined;
      const running = await startService({
        name: 'nlp-service',
        env: config,
        bodyLimitBytes: config.NLP_BODY_LIMIT_BYTES,
        outboxRelay: config.OUTBOX_RELAY_ENABLED,
        logger: createLogger({ app: 'nlp-service', level: config.LOG_LEVEL, ...(logDestination ? { destination: logDestination } : {}) }),
        configure: async (context) => {
          service = await configureNlpService(context, config);
        },
      });
      if (!service) throw new Error('configure did not run');
      const handle: RunningNlpService = { running, service, url: running.url, stop: async () => void (await running.shutdown.run('test done')) };
      started.push(handle);
      return handle;
    },
    async close() {
      await Promise.allSettled(started.map((s) => s.stop()));
      await registry.stop();
      await Promise.allSettled([testDb.drop(), queue.cleanup(), rm(artifactsDir, { recursive: true, force: true })]);
    },
  };
}
