import { defineEvent, defineEventCatalog, jobCatalog } from '@ciclo/platform-contracts';
import { z } from 'zod';
import { createOutboxWriter } from '../outbox-writer';

/**
 * Events of the outbox's own tests: the relay moves any row, so these stand in for real events
 * with payload shapes the platform's catalog does not have (arrays, strings, null).
 */
export const testEventCatalog = defineEventCatalog(jobCatalog, {
  'test.happened': defineEvent({
    schema: z.object({ n: z.number(), label: z.string() }),
    description: 'an ordinary event',
    owner: 'chat-core',
    deliverTo: [],
    broadcast: false,
  }),
  'test.rolled-back': defineEvent({
    schema: z.object({ n: z.number() }),
    description: 'written in a transaction that rolls back',
    owner: 'chat-core',
    deliverTo: [],
    broadcast: false,
  }),
  'test.batch': defineEvent({
    schema: z.unknown(),
    description: 'any JSON value, several per transaction',
    owner: 'chat-core',
    deliverTo: [],
    broadcast: false,
    dedupeKey: () => 'k1',
  }),
  'test.elsewhere': defineEvent({
    schema: z.object({ n: z.number() }),
    description: 'an event another app owns (and so relays)',
    owner: 'model-registry',
    deliverTo: [],
    broadcast: false,
  }),
});

/** The outbox writer typed by {@link testEventCatalog}. */
export const writeTestOutboxEvent = createOutboxWriter(testEventCatalog);
