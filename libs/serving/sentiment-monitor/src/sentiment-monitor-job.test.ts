import { randomUUID } from 'node:crypto';
import { EventEnvelope, EventTypes, HandoffRequestedV1, jobCatalog, QueueNames, type PlatformJobCatalog } from '@ciclo/platform-contracts';
import { writeOutboxEvent, type OutboxRelay } from '@ciclo/platform-db';
import { createLogger } from '@ciclo/platform-observability';
import { createPubSub, createQueueClient, type ManagedWorker, type PubSub, type QueueClient } from '@ciclo/platform-queue';
import { createOwnedEventRelay } from '@ciclo/platform-runtime';
import { createTestDatabase, testQueueBackends, type TestDatabase, type TestQueueBackend } from '@ciclo/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSentimentMonitor } from './sentiment-monitor';
import { sentimentMonitorJobHandlers } from './sentiment-monitor-job';
import { bootstrapSentimentScorer, NOT_NEGATIVE, STRONGLY_NEGATIVE, type BootstrapSentimentScorer } from './test-support/bootstrap-sentiment-scorer';
import { chatEnvelope, chatMessage } from './test-support/chat-event';

const JOB_TIMEOUT_MS = 60_000;

let scorer: BootstrapSentimentScorer;
beforeAll(async () => {
  scorer = await bootstrapSentimentScorer();
}, 120_000);
afterAll(() => scorer?.dispose());

/**
 * The whole path as it will run in production: chat-core's outbox row → outbox relay → event
 * publisher → `sentiment.monitor` job → worker → monitor → `handoff.requested` in the outbox →
 * relay → broadcast to agent consoles. Only chat-core is stood in for (the test writes its event
 * and runs chat-core's relay); each relay delivers only its own app's events.
 */
describe.each(testQueueBackends().map((backend) => [backend.kind, backend] as const))('sentiment monitor worker on %s', (_kind, backend: TestQueueBackend) => {
  let testDb: TestDatabase;
  let queues: QueueClient<PlatformJobCatalog>;
  let pubsub: PubSub;
  let relays: OutboxRelay[] = [];
  let worker: ManagedWorker;
  const broadcasts: unknown[] = [];
  let firstBroadcast: Promise<unknown>;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const logger = createLogger({ app: 'nlp-service', level: 'warn' });
    // The invalid-payload case makes the worker log "job failed permanently" at error level, as it should.
    queues = createQueueClient(jobCatalog, backend.config, { logger: createLogger({ app: 'nlp-service', level: 'fatal' }) });
    pubsub = createPubSub(backend.config, { logger });
    firstBroadcast = new Promise((resolve) => {
      void pubsub.subscribe(EventTypes.handoffRequested, (message) => {
        broadcasts.push(message);
        resolve(message);
      });
    });
    const monitor = createSentimentMonitor({ db: testDb.db, score: scorer.score, logger });
    worker = await queues.createWorker(QueueNames.sentimentMonitor, sentimentMonitorJobHandlers(monitor), { concurrency: 3 });
    relays = (['chat-core', 'nlp-service'] as const).map((owner) => {
      const owned = createOwnedEventRelay({ owner, db: testDb.db, queues, pubsub, logger });
      if (!owned) throw new Error(`${owner} owns no event`);
      owned.relay.start();
      return owned.relay;
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
    await worker?.close();
    await queues?.close();
    await pubsub?.close();
    await testDb?.drop();
    await backend.cleanup();
  });

  it('turns a conversation with two strongly negative user messages into exactly one handoff.requested', async () => {
    const conversationId = randomUUID();
    const [angryPt, angryEn] = STRONGLY_NEGATIVE;
    const [statusPt] = NOT_NEGATIVE;
    const messages = [
      chatMessage({ conversationId, n: 1, text: statusPt }),
      chatMessage({ conversationId, n: 2, text: angryPt }),
      chatMessage({ conversationId, n: 3, text: angryEn, role: 'bot' }),
      chatMessage({ conversationId, n: 4, text: angryEn }),
    ];
    // What chat-core will do: write the event in the transaction that stores the message.
    const written = await testDb.db.prisma.$transaction((tx) =>
      Promise.all(messages.map((payload) => writeOutboxEvent(tx, { type: EventTypes.chatMessageReceived, payload }))),
    );

    const jobs = await Promise.all(
      written.map((event) => queues.waitForJob(QueueNames.sentimentMonitor, `evt-${event.id}-sentiment-monitor`, { timeoutMs: JOB_TIMEOUT_MS })),
    );
    expect(jobs.map((job) => job.state)).toEqual(['completed', 'completed', 'completed', 'completed']);
    expect(jobs.map((job) => (job.returnValue as { kind: string }).kind).sort()).toEqual(['handoff_requested', 'ignored', 'scored', 'scored']);

    const handoffs = await testDb.db.prisma.outboxEvent.findMany({ where: { type: EventTypes.handoffRequested, aggregateId: conversationId } });
    expect(handoffs).toHaveLength(1);
    const payload = HandoffRequestedV1.parse(handoffs[0]?.payload);
    expect(payload).toMatchObject({ conversationId, reason: 'negative_sentiment' });
    expect(payload.details?.window.map((e) => e.messageId)).toEqual([messages[0], messages[1], messages[3]].map((m) => m?.messageId));

    // The relay publishes it in turn: agent consoles hear it on the broadcast channel.
    const envelope = EventEnvelope.parse(await firstBroadcast);
    expect(envelope).toMatchObject({ id: handoffs[0]?.eventId, type: EventTypes.handoffRequested });
    expect(HandoffRequestedV1.parse(envelope.payload)).toEqual(payload);
  });

  it('fails a job with an invalid payload at once instead of retrying it', async () => {
    const jobId = `bad-${randomUUID()}`;
    const envelope = chatEnvelope({ conversationId: randomUUID(), role: 'user' });
    await queues.enqueue('sentiment.monitor', envelope, { jobId });
    const job = await queues.waitForJob(QueueNames.sentimentMonitor, jobId, { timeoutMs: JOB_TIMEOUT_MS });
    expect(job.state).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/not a valid chat\.message\.received/);
  });
});
