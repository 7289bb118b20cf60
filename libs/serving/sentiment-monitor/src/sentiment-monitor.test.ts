import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { EventTypes, HandoffRequestedV1 } from '@ciclo/platform-contracts';
import { createLogger, createMetricsRegistry, type Logger, type MetricsRegistry } from '@ciclo/platform-observability';
import { PermanentJobError } from '@ciclo/platform-queue';
import { createTestDatabase, type TestDatabase } from '@ciclo/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HANDOFF_RULE } from './handoff-rule';
import { createSentimentMonitor, type MonitorOutcome, type SentimentMonitor } from './sentiment-monitor';
import { bootstrapSentimentScorer, NOT_NEGATIVE, STRONGLY_NEGATIVE, TEST_MODEL_VERSION, type BootstrapSentimentScorer } from './test-support/bootstrap-sentiment-scorer';
import { chatEnvelope, chatMessage, type ChatMessageInput } from './test-support/chat-event';
import { createSentimentMonitorMetrics } from './sentiment-monitor-metrics';

const [ANGRY_PT, ANGRY_PT_2, ANGRY_EN, ANGRY_EN_2] = STRONGLY_NEGATIVE;
const [STATUS_PT, ADDRESS_PT, DELIVERY_EN, THANKS_PT] = NOT_NEGATIVE;

describe('createSentimentMonitor (real PostgreSQL, real sentiment model)', () => {
  let testDb: TestDatabase;
  let scorer: BootstrapSentimentScorer;
  let metrics: MetricsRegistry;
  let monitor: SentimentMonitor;
  const logLines: string[] = [];

  beforeAll(async () => {
    [testDb, scorer] = await Promise.all([createTestDatabase({ poolMax: 8 }), bootstrapSentimentScorer()]);
    metrics = createMetricsRegistry('nlp-service');
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    const logger: Logger = createLogger({ app: 'nlp-service', level: 'debug', destination: stream });
    monitor = createSentimentMonitor({ db: testDb.db, score: scorer.score, logger, metrics: createSentimentMonitorMetrics(metrics) });
  }, 120_000);

  afterAll(async () => {
    await scorer?.dispose();
    await testDb?.drop();
  });

  const handle = (input: ChatMessageInput) => monitor.handle(chatEnvelope(chatMessage(input)));

  async function handoffEvents(conversationId: string) {
    return testDb.db.prisma.outboxEvent.findMany({ where: { type: EventTypes.handoffRequested, aggregateId: conversationId }, orderBy: { id: 'asc' } });
  }

  async function windowOf(conversationId: string) {
    return testDb.db.prisma.sentimentWindow.findUnique({ where: { conversationId } });
  }

  it('uses examples the model scores as intended (strong negatives clear the default threshold)', async () => {
    const negatives = await scorer.score(STRONGLY_NEGATIVE);
    for (const [i, s] of negatives.entries()) {
      expect(s.label, STRONGLY_NEGATIVE[i]).toBe('negative');
      expect(s.confidence, STRONGLY_NEGATIVE[i]).toBeGreaterThanOrEqual(DEFAULT_HANDOFF_RULE.minConfidence);
    }
    for (const [i, s] of (await scorer.score(NOT_NEGATIVE)).entries()) expect(s.label, NOT_NEGATIVE[i]).not.toBe('negative');
  });

  it('requests exactly one handoff for two strongly negative user messages among neutral ones; a third adds none', async () => {
    const conversationId = randomUUID();
    const first = await handle({ conversationId, n: 1, text: STATUS_PT });
    const angry1 = await handle({ conversationId, n: 2, text: ANGRY_PT });
    const neutral = await handle({ conversationId, n: 3, text: ADDRESS_PT });
    expect([first.kind, angry1.kind, neutral.kind]).toEqual(['scored', 'scored', 'scored']);
    expect(await handoffEvents(conversationId)).toEqual([]);

    const angry2 = await handle({ conversationId, n: 4, text: ANGRY_PT_2 });
    expect(angry2).toMatchObject({ kind: 'handoff_requested', conversationId, sentiment: 'negative' });

    const [event, ...others] = await handoffEvents(conversationId);
    expect(others).toEqual([]);
    if (!event) throw new Error('no handoff.requested in the outbox');
    expect(angry2.kind === 'handoff_requested' && angry2.handoffEventId).toBe(event.eventId);
    // Key and aggregate id come from the event catalog; the key is the one it always had.
    expect(event).toMatchObject({ key: `handoff-negative_sentiment-${conversationId}`, aggregateId: conversationId });
    const payload = HandoffRequestedV1.parse(event.payload);
    expect(payload).toMatchObject({
      conversationId,
      reason: 'negative_sentiment',
      triggeredByMessageId: angry2.messageId,
      details: { rule: { windowSize: 3, minNegative: 2, minConfidence: 0.75 } },
    });
    // The last three user messages, oldest first, with what the model said about each.
    expect(payload.details?.window.map((e) => [e.messageId, e.sentiment, e.modelVersion])).toEqual([
      [angry1.messageId, 'negative', TEST_MODEL_VERSION],
      [neutral.messageId, 'neutral', TEST_MODEL_VERSION],
      [angry2.messageId, 'negative', TEST_MODEL_VERSION],
    ]);
    for (const entry of payload.details?.window ?? []) if (entry.sentiment === 'negative') expect(entry.confidence).toBeGreaterThanOrEqual(0.75);

    const window = await windowOf(conversationId);
    expect(window?.handoffEventId).toBe(event.eventId);
    expect(window?.handoffRequestedAt?.toISOString()).toBe(payload.requestedAt);

    const third = await handle({ conversationId, n: 5, text: ANGRY_EN });
    expect(third).toMatchObject({ kind: 'scored', sentiment: 'negative', handoffAlreadyRequested: true });
    expect(await handoffEvents(conversationId)).toHaveLength(1);
    // The window keeps moving after the handoff (the agent sees the latest mood).
    expect(((await windowOf(conversationId))?.entries as { messageId: string }[]).map((e) => e.messageId)).toEqual([
      neutral.messageId,
      angry2.messageId,
      third.messageId,
    ]);

    const text = await metrics.metrics();
    expect(text).toMatch(/ciclo_handoffs_requested_total\{reason="negative_sentiment",app="nlp-service"\} 1/);
    expect(text).toMatch(/ciclo_sentiment_monitor_messages_total\{sentiment="negative",app="nlp-service"\} [3-9]/);
    expect(text).toMatch(/ciclo_sentiment_monitor_lag_seconds_count\{app="nlp-service"\} [5-9]/);
  });

  it('ignores bot and agent messages, however negative', async () => {
    const conversationId = randomUUID();
    const outcomes = [
      await handle({ conversationId, n: 1, text: ANGRY_PT, role: 'bot' }),
      await handle({ conversationId, n: 2, text: ANGRY_EN, role: 'agent' }),
      await handle({ conversationId, n: 3, text: ANGRY_PT_2, role: 'bot' }),
      await handle({ conversationId, n: 4, text: ANGRY_EN_2 }),
    ];
    expect(outcomes.map((o) => o.kind)).toEqual(['ignored', 'ignored', 'ignored', 'scored']);
    expect(outcomes[0]).toMatchObject({ role: 'bot' });
    expect(await handoffEvents(conversationId)).toEqual([]);
    expect((await windowOf(conversationId))?.entries).toHaveLength(1);
  });

  it('counts a message delivered twice once', async () => {
    const conversationId = randomUUID();
    const envelope = chatEnvelope(chatMessage({ conversationId, n: 1, text: ANGRY_PT }));
    expect((await monitor.handle(envelope)).kind).toBe('scored');
    // At-least-once delivery: the same event again, and the same message in a new event.
    expect((await monitor.handle(envelope)).kind).toBe('duplicate');
    expect((await monitor.handle({ ...envelope, id: randomUUID() })).kind).toBe('duplicate');
    expect(await handoffEvents(conversationId)).toEqual([]);
    expect((await windowOf(conversationId))?.entries).toHaveLength(1);

    expect((await handle({ conversationId, n: 2, text: ANGRY_EN })).kind).toBe('handoff_requested');
  });

  it('windows messages by sentAt when they arrive out of order', async () => {
    const conversationId = randomUUID();
    // Sent: 1 negative, 2 neutral, 3 negative, 4 neutral. Message 1 arrives last: it is older
    // than the last three, so it must not count (by arrival order it would fire).
    const m2 = await handle({ conversationId, n: 2, text: STATUS_PT });
    const m4 = await handle({ conversationId, n: 4, text: DELIVERY_EN });
    const m3 = await handle({ conversationId, n: 3, text: ANGRY_PT });
    const m1 = await handle({ conversationId, n: 1, text: ANGRY_EN });
    expect([m2, m4, m3, m1].map((o) => o.kind)).toEqual(['scored', 'scored', 'scored', 'scored']);
    expect(await handoffEvents(conversationId)).toEqual([]);
    expect(((await windowOf(conversationId))?.entries as { messageId: string }[]).map((e) => e.messageId)).toEqual([m2.messageId, m3.messageId, m4.messageId]);

    // Message 5 is negative: window 3, 4, 5 holds two negatives.
    const m5 = await handle({ conversationId, n: 5, text: ANGRY_PT_2 });
    expect(m5.kind).toBe('handoff_requested');
    const [event] = await handoffEvents(conversationId);
    expect(HandoffRequestedV1.parse(event?.payload).details?.window.map((e) => e.messageId)).toEqual([m3.messageId, m4.messageId, m5.messageId]);
  });

  it('stays correct when several messages of one conversation are handled at once', async () => {
    const conversationId = randomUUID();
    const texts = [ANGRY_PT, ANGRY_EN, STATUS_PT, ANGRY_PT_2, ANGRY_EN_2, THANKS_PT];
    const inputs = texts.map((text, i) => chatMessage({ conversationId, n: i + 1, text }));
    // Each message delivered twice, all at once: as if several workers raced on redeliveries.
    const outcomes: MonitorOutcome[] = await Promise.all([...inputs, ...inputs].map((m) => monitor.handle(chatEnvelope(m))));
    const kinds = outcomes.map((o) => o.kind);
    expect(kinds.filter((k) => k === 'handoff_requested')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'duplicate').length).toBeGreaterThanOrEqual(3);
    expect(await handoffEvents(conversationId)).toHaveLength(1);
    // Whatever the interleaving, the window ends as the last three messages by sentAt.
    expect(((await windowOf(conversationId))?.entries as { messageId: string }[]).map((e) => e.messageId)).toEqual(inputs.slice(-3).map((m) => m.messageId));
  });

  it('does not request a handoff in a neutral and positive conversation', async () => {
    const conversationId = randomUUID();
    for (const [i, text] of NOT_NEGATIVE.entries()) expect((await handle({ conversationId, n: i, text })).kind).toBe('scored');
    expect(await handoffEvents(conversationId)).toEqual([]);
    expect((await windowOf(conversationId))?.handoffRequestedAt).toBeNull();
  });

  it('rejects an invalid payload or another event type as a permanent failure, writing nothing', async () => {
    const conversationId = randomUUID();
    const valid = chatMessage({ conversationId, n: 1, text: ANGRY_PT });
    const broken = [
      chatEnvelope({ ...valid, conversationId: 'not-a-uuid' }),
      chatEnvelope({ ...valid, role: 'system' }),
      chatEnvelope({ ...valid, text: 'x'.repeat(10_001) }),
      chatEnvelope({ conversationId }),
      chatEnvelope(valid, EventTypes.modelAliasChanged),
    ];
    for (const envelope of broken) {
      const error = await monitor.handle(envelope).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PermanentJobError);
      expect((error as Error).message).toContain(envelope.id);
      expect((error as Error).message).not.toContain(ANGRY_PT);
    }
    expect(await windowOf(conversationId)).toBeNull();
    expect(await handoffEvents(conversationId)).toEqual([]);
  });

  it('never logs message texts', () => {
    expect(logLines.length).toBeGreaterThan(10);
    const logs = logLines.join('\n');
    for (const text of [...STRONGLY_NEGATIVE, ...NOT_NEGATIVE]) expect(logs).not.toContain(text);
    expect(logs).toContain('negative sentiment: human handoff requested');
  });
});
