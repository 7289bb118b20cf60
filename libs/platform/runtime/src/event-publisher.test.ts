import { defineEvent, defineEventCatalog, defineJobCatalog, EventEnvelope, UnknownEventTypeError } from '@ciclo/platform-contracts';
import { createQueueClient, type QueueClient } from '@ciclo/platform-queue';
import { testQueueBackend, type TestQueueBackend } from '@ciclo/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEventPublisher } from './event-publisher';

const jobs = defineJobCatalog({
  'test.on-happened': {
    queue: 'test-events',
    schema: EventEnvelope,
    attempts: 1,
    backoff: { type: 'fixed', delay: 100 },
    description: 'test consumer',
  },
});
const events = defineEventCatalog(jobs, {
  'test.happened': defineEvent({ schema: z.object({ n: z.number() }), description: 'test', owner: 'chat-core', deliverTo: ['test.on-happened'], broadcast: false }),
});

describe('createEventPublisher', () => {
  let backend: TestQueueBackend;
  let queues: QueueClient<typeof jobs>;

  beforeAll(() => {
    backend = testQueueBackend('redis');
    queues = createQueueClient(jobs, backend.config);
  });
  afterAll(async () => {
    await queues?.close();
    await backend?.cleanup();
  });

  it('enqueues one job per subscriber, once even when the outbox delivers twice', async () => {
    const publish = createEventPublisher({ events, queues });
    const event = { id: '0192f0c4-aaaa-7bbb-8ccc-000000000001', type: 'test.happened', payload: { n: 7 }, occurredAt: new Date() };
    await publish(event);
    await publish(event);
    const counts = await queues.counts('test-events');
    expect(counts.waiting).toBe(1);
    const job = await queues.getJob('test-events', `evt-${event.id}-test-on-happened`);
    expect(job?.data).toMatchObject({ id: event.id, type: 'test.happened', payload: { n: 7 } });
  });

  it('refuses unknown event types and payloads that break the schema (so the outbox keeps them)', async () => {
    const publish = createEventPublisher({ events, queues });
    await expect(publish({ id: 'x1', type: 'test.unknown', payload: {}, occurredAt: new Date() })).rejects.toBeInstanceOf(UnknownEventTypeError);
    await expect(publish({ id: 'x2', type: 'test.happened', payload: { n: 'seven' }, occurredAt: new Date() })).rejects.toThrow();
  });
});
