import { randomUUID } from 'node:crypto';
import { ChatMessageReceivedV1, EventTypes, HandoffRequestedV1 } from '@ciclo/platform-contracts';
import { writeOutboxEvent, type OutboxRelay } from '@ciclo/platform-db';
import { createOwnedEventRelay } from '@ciclo/platform-runtime';
import { defaultBootstrapDataDir, trainBootstrapModels } from '@ciclo/ml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServingFixture, type RunningNlpService, type ServingFixture } from './test-support/serving-fixture';

/**
 * The monitor as deployed: chat events written to the outbox (as chat-core will) and delivered by
 * chat-core's relay (stood in for here: the nlp-service relays only its own events) to the
 * nlp-service's worker, scored by the production sentiment model the service loaded
 * from the registry (the real v1 model, trained here from the bootstrap data).
 */
describe('sentiment monitor in the nlp-service', () => {
  let fixture: ServingFixture;
  let nlp: RunningNlpService;
  let chatCoreRelay: OutboxRelay | undefined;

  beforeAll(async () => {
    fixture = await createServingFixture();
    const trained = await trainBootstrapModels({ dataDir: defaultBootstrapDataDir(), libraryVersion: 'test', tasks: ['sentiment'], createdAt: '2026-11-22T00:00:00.000Z' });
    const sentiment = trained.get('sentiment');
    if (!sentiment) throw new Error('no sentiment model trained');
    await fixture.createModel('sentiment');
    await fixture.promote('sentiment', await fixture.registerVersion('sentiment', sentiment.artifact));
    nlp = await fixture.startNlp();
    // start() read the registry and loaded the production version before the server listened.
    if (!nlp.service.repository.readiness().ready) throw new Error(`nlp-service not ready: ${nlp.service.repository.readiness().reason}`);
    const { db, queues, pubsub } = nlp.running;
    chatCoreRelay = createOwnedEventRelay({ owner: 'chat-core', db, queues, pubsub })?.relay;
    chatCoreRelay?.start();
  }, 180_000);

  afterAll(async () => {
    await chatCoreRelay?.stop();
    await fixture?.close();
  });

  const prisma = () => fixture.testDb.db.prisma;

  async function say(conversationId: string, n: number, text: string, role: ChatMessageReceivedV1['role'] = 'user'): Promise<string> {
    const payload = ChatMessageReceivedV1.parse({ conversationId, messageId: randomUUID(), role, text, language: null, sentAt: new Date(Date.UTC(2026, 10, 22, 10, 0, n)).toISOString() });
    await writeOutboxEvent(prisma(), { type: EventTypes.chatMessageReceived, payload });
    return payload.messageId;
  }

  const handoffs = (conversationId: string) => prisma().outboxEvent.findMany({ where: { type: EventTypes.handoffRequested, aggregateId: conversationId } });
  const windowSize = async (conversationId: string) =>
    ((await prisma().sentimentWindow.findUnique({ where: { conversationId } }))?.entries as unknown[] | undefined)?.length ?? 0;

  it('requests exactly one handoff for a conversation with two strongly negative user messages', async () => {
    const conversation = randomUUID();
    await say(conversation, 1, 'qual o status do meu pedido 12345?');
    await say(conversation, 2, 'Seu pedido está a caminho.', 'bot');
    const firstNegative = await say(conversation, 3, 'isso é um absurdo, péssimo atendimento, estou furioso');
    const secondNegative = await say(conversation, 4, 'que serviço horrível, nunca mais compro aqui');
    await expect.poll(async () => (await handoffs(conversation)).length, { timeout: 30_000, interval: 100 }).toBe(1);
    // A third negative message and a duplicate-free window afterwards add nothing.
    await say(conversation, 5, 'this is ridiculous, worst service ever, I am furious');
    await expect.poll(() => windowSize(conversation), { timeout: 30_000, interval: 100 }).toBe(3);
    const [event] = await handoffs(conversation);
    expect(await handoffs(conversation)).toHaveLength(1);
    const payload = HandoffRequestedV1.parse(event?.payload);
    expect(payload).toMatchObject({ conversationId: conversation, reason: 'negative_sentiment' });
    // The worker runs jobs concurrently: whichever negative message was handled second completed the rule.
    expect([firstNegative, secondNegative]).toContain(payload.triggeredByMessageId);
    expect(payload.details?.window.filter((e) => e.sentiment === 'negative')).toHaveLength(2);
    expect(payload.details?.window.every((e) => e.modelVersion === 1)).toBe(true);
    const metrics = await (await fetch(`${nlp.url}/metrics`)).text();
    expect(metrics).toMatch(/ciclo_handoffs_requested_total\{[^}]*reason="negative_sentiment"[^}]*\} 1/);
    expect(metrics).toMatch(/ciclo_sentiment_monitor_lag_seconds_count\{[^}]*\} [1-9]/);
  });

  it('requests none for a calm conversation', async () => {
    const conversation = randomUUID();
    await say(conversation, 1, 'quero trocar o endereço de entrega');
    await say(conversation, 2, 'obrigado, vocês foram ótimos!');
    await say(conversation, 3, 'thanks, great service');
    await expect.poll(() => windowSize(conversation), { timeout: 30_000, interval: 100 }).toBe(3);
    expect(await handoffs(conversation)).toHaveLength(0);
  });
});
