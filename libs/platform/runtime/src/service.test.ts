import { PassThrough } from 'node:stream';
import { parseEnv, serviceEnvSchema } from '@ciclo/platform-config';
import { ChatMessageReceivedV1, EventTypes, QueueNames, ReadinessBody } from '@ciclo/platform-contracts';
import { writeOutboxEvent } from '@ciclo/platform-db';
import { createLogger } from '@ciclo/platform-observability';
import { createTestDatabase, testQueueBackend, type TestDatabase, type TestQueueBackend } from '@ciclo/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from './service';

const silent = createLogger({ app: 'test', level: 'silent', destination: new PassThrough() });

function envFor(database: TestDatabase, queue: TestQueueBackend, extra: Record<string, string> = {}) {
  const queueEnv =
    queue.config.kind === 'redis'
      ? { QUEUE_BACKEND: 'redis', REDIS_URL: queue.config.url, QUEUE_PREFIX: queue.config.prefix ?? 'ciclo' }
      : { QUEUE_BACKEND: 'postgres', QUEUE_PG_SCHEMA: queue.config.schema ?? 'bullmq' };
  return parseEnv('test-service', serviceEnvSchema(0), { DATABASE_URL: database.url, PORT: '0', ...queueEnv, ...extra });
}

describe.each(['redis', 'postgres'] as const)('startService on the %s queue backend', (kind) => {
  let database: TestDatabase;
  let queue: TestQueueBackend;
  let service: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase();
    queue = testQueueBackend(kind, { postgresUrl: database.url });
    service = await startService({
      name: 'test-service',
      // Relays what the model registry owns, as the registry's own service would.
      eventOwner: 'model-registry',
      env: envFor(database, queue),
      logger: silent,
      configure: async (context) => {
        const worker = await context.queues.createWorker(QueueNames.diagnostics, {
          'diagnostics.ping': async (payload) => ({ nonce: payload.nonce, processedBy: 'test', pid: process.pid, processedAt: new Date().toISOString() }),
        });
        context.shutdown.register('worker', () => worker.close());
      },
    });
  });

  afterAll(async () => {
    await service?.shutdown.run('test done');
    await queue?.cleanup();
    await database?.drop();
  });

  it('reports ready only after really checking the database and the queue', async () => {
    const response = await fetch(`${service.url}/health/ready`);
    expect(response.status).toBe(200);
    const body = ReadinessBody.parse(await response.json());
    expect(body.checks['database']?.status).toBe('up');
    expect(body.checks['queue']?.status).toBe('up');
  });

  it('processes a job through the configured backend and counts it in /metrics', async () => {
    const { id } = await service.queues.enqueue('diagnostics.ping', { nonce: 'n-1', requestedBy: 'test', sentAt: new Date().toISOString() });
    const job = await service.queues.waitForJob(QueueNames.diagnostics, id, { timeoutMs: 15_000 });
    expect(job.state).toBe('completed');
    expect(job.returnValue).toMatchObject({ nonce: 'n-1' });
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/ciclo_job_runs_total\{queue="diagnostics",name="diagnostics.ping",outcome="completed",app="test-service"\} 1/);
    expect(metrics).toMatch(/ciclo_readiness_dependency_up\{dependency="database",app="test-service"\} 1/);
  });

  it('delivers an outbox event it owns to pub/sub subscribers, and leaves other owners\' events alone', async () => {
    let deliver: (message: unknown) => void = () => undefined;
    const received = new Promise<unknown>((resolve) => (deliver = resolve));
    const unsubscribe = await service.pubsub.subscribe(EventTypes.modelAliasChanged, (message) => deliver(message));
    const chatMessage = ChatMessageReceivedV1.parse({
      conversationId: '0192f0c4-aaaa-7bbb-8ccc-000000000001',
      messageId: '0192f0c4-aaaa-7bbb-8ccc-000000000002',
      role: 'user',
      text: 'oi',
      sentAt: new Date().toISOString(),
    });
    // chat-core's event goes first: the relay, claiming in id order, would reach it before the alias change.
    const [notOwned] = await service.db.prisma.$transaction(async (tx) => [
      await writeOutboxEvent(tx, { type: EventTypes.chatMessageReceived, payload: chatMessage }),
      await writeOutboxEvent(tx, {
        type: EventTypes.modelAliasChanged,
        payload: { model: 'intent', alias: 'production', fromVersion: 1, toVersion: 2, actor: 'test', reason: 'better' },
      }),
    ]);
    expect(await received).toMatchObject({ type: EventTypes.modelAliasChanged, payload: { model: 'intent', toVersion: 2 } });
    const row = await service.db.prisma.outboxEvent.findUniqueOrThrow({ where: { eventId: notOwned?.id ?? '' } });
    expect(row).toMatchObject({ publishedAt: null, attempts: 0 });
    await unsubscribe();
  });
});

describe('startService readiness with a dead queue backend', () => {
  let database: TestDatabase;
  let service: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = parseEnv('test-service', serviceEnvSchema(0), {
      DATABASE_URL: database.url,
      PORT: '0',
      QUEUE_BACKEND: 'redis',
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    service = await startService({ name: 'test-service', env, logger: silent, outboxRelay: false });
  });

  afterAll(async () => {
    await service?.shutdown.run('test done');
    await database?.drop();
  });

  it('answers 503 and names the queue as down', async () => {
    const response = await fetch(`${service.url}/health/ready`);
    expect(response.status).toBe(503);
    const body = ReadinessBody.parse(await response.json());
    expect(body.checks['queue']?.status).toBe('down');
    expect(body.checks['database']?.status).toBe('up');
    expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
  });
});
