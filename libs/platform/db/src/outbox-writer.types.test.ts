// Type tests of the outbox writer: each `@ts-expect-error` line must fail to compile (the
// project's `typecheck` target runs tsc over this file); the runtime checks show the payload is
// also parsed at write time, before anything reaches the database.
import { EventTypes, UnknownEventTypeError, type ModelAliasChangedV1 } from '@ciclo/platform-contracts';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { writeOutboxEvent, type OutboxWriterClient } from './outbox-writer';

/** A client that fails the test if the writer gets as far as the database. */
const unreachableDatabase = new Proxy({} as OutboxWriterClient, {
  get: (_target, property) => {
    throw new Error(`the writer touched the database (${String(property)}) with an invalid event`);
  },
});

const aliasChanged: ModelAliasChangedV1 = { model: 'intent', alias: 'production', fromVersion: 1, toVersion: 2, actor: 'ana', reason: 'better' };
const conversationId = '0192f0c4-aaaa-7bbb-8ccc-000000000001';

/** Never called: these calls only have to compile, or fail to, as marked. */
function callSites(tx: OutboxWriterClient) {
  void writeOutboxEvent(tx, { type: EventTypes.modelAliasChanged, payload: aliasChanged, aggregateId: 'model-id' });
  // @ts-expect-error an event type that is not in the catalog
  void writeOutboxEvent(tx, { type: 'model.alias.moved', payload: aliasChanged });
  // @ts-expect-error a payload field of the wrong type
  void writeOutboxEvent(tx, { type: EventTypes.modelAliasChanged, payload: { ...aliasChanged, toVersion: '2' } });
  // @ts-expect-error a payload missing a field (another event's payload)
  void writeOutboxEvent(tx, { type: EventTypes.handoffRequested, payload: { conversationId } });
  // @ts-expect-error the aggregate id of handoff.requested is derived from the payload, not passed
  void writeOutboxEvent(tx, { type: EventTypes.handoffRequested, payload: { conversationId, reason: 'manual', triggeredByMessageId: null, requestedAt: '2026-11-22T10:00:00.000Z' }, aggregateId: conversationId });
}

describe('writeOutboxEvent types', () => {
  it('takes a catalog name and that event’s payload type', () => {
    expectTypeOf(callSites).toBeFunction();
    expectTypeOf(writeOutboxEvent<'model.alias.changed'>).parameter(1).toHaveProperty('payload').toEqualTypeOf<ModelAliasChangedV1>();
    expectTypeOf(writeOutboxEvent).parameter(1).toHaveProperty('type').toEqualTypeOf<'model.alias.changed' | 'chat.message.received' | 'handoff.requested'>();
  });

  it('parses the payload at write time too, naming the fields at fault', async () => {
    const bad = { ...aliasChanged, toVersion: 'two' } as unknown as ModelAliasChangedV1;
    await expect(writeOutboxEvent(unreachableDatabase, { type: EventTypes.modelAliasChanged, payload: bad })).rejects.toThrow(
      /model\.alias\.changed: payload does not match its schema: toVersion/,
    );
  });

  it('refuses a name outside the catalog, and takes no hand-made key (the catalog derives it)', async () => {
    const unknown = 'model.alias.moved' as unknown as typeof EventTypes.modelAliasChanged;
    await expect(writeOutboxEvent(unreachableDatabase, { type: unknown, payload: aliasChanged })).rejects.toBeInstanceOf(UnknownEventTypeError);
    // @ts-expect-error the deduplication key is derived from the payload by the catalog, never passed
    const withKey: Parameters<typeof writeOutboxEvent>[1] = { type: EventTypes.modelAliasChanged, payload: aliasChanged, key: 'intent:staging' };
    expect(withKey.type).toBe(EventTypes.modelAliasChanged);
  });
});
