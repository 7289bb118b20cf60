// Type tests of the event catalog: each `@ts-expect-error` line must fail to compile (the
// project's `typecheck` target runs tsc over this file), and the runtime checks run in vitest.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { jobCatalog } from '../jobs/job-catalog';
import type { ServiceName } from '../platform';
import { eventCatalog } from './event-catalog';
import { defineEvent, defineEventCatalog, eventTypesOwnedBy, type EnvelopeJobName, type EventPayload, type EventType } from './event-definition';
import { EventTypes } from './event-types';
import type { ModelAliasChangedV1 } from './model-alias-changed';

const Sample = z.object({ id: z.string() });
const sample = (deliverTo: readonly never[] = []) => ({ schema: Sample, description: 'sample', owner: 'chat-core' as const, deliverTo, broadcast: false });

describe('event catalog types', () => {
  it('names every event once, in EventTypes', () => {
    expectTypeOf<(typeof EventTypes)[keyof typeof EventTypes]>().toEqualTypeOf<EventType<typeof eventCatalog>>();
    expect(Object.values(EventTypes).sort()).toEqual(Object.keys(eventCatalog).sort());
  });

  it('lets events be delivered only to jobs that take the event envelope', () => {
    expectTypeOf<EnvelopeJobName<typeof jobCatalog>>().toEqualTypeOf<'webhooks.deliver' | 'sentiment.monitor'>();
    const ok = defineEventCatalog(jobCatalog, { 'sample.ok': defineEvent({ ...sample(), deliverTo: ['sentiment.monitor'] }) });
    expect(ok['sample.ok'].deliverTo).toEqual(['sentiment.monitor']);

    defineEventCatalog(jobCatalog, {
      // @ts-expect-error a job that does not exist
      'sample.typo': defineEvent({ ...sample(), deliverTo: ['sentiment.monitr'] }),
    });
    defineEventCatalog(jobCatalog, {
      // @ts-expect-error a job that exists but takes another payload than the envelope
      'sample.wrong-job': defineEvent({ ...sample(), deliverTo: ['diagnostics.ping'] }),
    });
  });

  it('names an owner among the platform apps and types the key callbacks by the schema', () => {
    // @ts-expect-error not a platform app
    defineEvent({ ...sample(), owner: 'chat-cor' });
    // @ts-expect-error the payload has no `name`
    defineEvent({ ...sample(), dedupeKey: (payload) => payload.name });
    expectTypeOf(eventCatalog[EventTypes.modelAliasChanged].dedupeKey).parameter(0).toEqualTypeOf<ModelAliasChangedV1>();
    expectTypeOf<EventPayload<typeof eventCatalog, 'handoff.requested'>>().toHaveProperty('conversationId');
    expectTypeOf(eventTypesOwnedBy).parameter(1).toEqualTypeOf<ServiceName>();
  });

  it('derives the keys the registry and the sentiment monitor always used', () => {
    const alias = { model: 'intent', alias: 'production', fromVersion: 1, toVersion: 2, actor: 'ana', reason: 'better' };
    expect(eventCatalog[EventTypes.modelAliasChanged].dedupeKey(alias)).toBe('intent:production');
    const conversationId = '0192f0c4-aaaa-7bbb-8ccc-000000000001';
    const handoff = { conversationId, reason: 'negative_sentiment' as const, triggeredByMessageId: null, requestedAt: '2026-11-22T10:00:00.000Z' };
    expect(eventCatalog[EventTypes.handoffRequested].dedupeKey(handoff)).toBe(`handoff-negative_sentiment-${conversationId}`);
    expect(eventCatalog[EventTypes.handoffRequested].aggregateId(handoff)).toBe(conversationId);
  });
});
