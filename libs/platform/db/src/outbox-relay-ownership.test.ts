import { eventTypesOwnedBy } from '@ciclo/platform-contracts';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from './database';
import type { OutboxRecord, OutboxRelay } from './outbox-relay';
import { useOutboxRelayTestBed } from './test-support/outbox-relay-test-bed';
import { testEventCatalog, writeTestOutboxEvent } from './test-support/test-event-catalog';

/** Each app relays the event types it owns; replicas of one app share them and take over. */
describe('outbox relay ownership', () => {
  const bed = useOutboxRelayTestBed({ poolMax: 6 });
  let db: Database;
  const chatCoreTypes = eventTypesOwnedBy(testEventCatalog, 'chat-core');
  const registryTypes = eventTypesOwnedBy(testEventCatalog, 'model-registry');
  beforeAll(() => {
    db = bed.db;
  });

  function relay(types: readonly string[], into: OutboxRecord[]): OutboxRelay {
    return bed.relay({ types, publish: async (e) => void into.push(e) });
  }

  async function writeMixed(count: number): Promise<{ chatCore: string[]; registry: string[] }> {
    const written = { chatCore: [] as string[], registry: [] as string[] };
    for (let n = 0; n < count; n++) {
      await db.prisma.$transaction(async (tx) => {
        written.chatCore.push((await writeTestOutboxEvent(tx, { type: 'test.happened', payload: { n, label: `e${n}` } })).id);
        written.registry.push((await writeTestOutboxEvent(tx, { type: 'test.elsewhere', payload: { n } })).id);
      });
    }
    return written;
  }

  it('delivers only the types it owns and leaves the others unclaimed for their owner', async () => {
    expect(registryTypes).toEqual(['test.elsewhere']);
    const written = await writeMixed(3);
    const byChatCore: OutboxRecord[] = [];
    expect(await relay(chatCoreTypes, byChatCore).drainOnce()).toBe(3);
    expect(byChatCore.map((e) => e.id)).toEqual(written.chatCore);
    const waiting = await db.prisma.outboxEvent.findMany({ where: { publishedAt: null }, orderBy: { id: 'asc' } });
    expect(waiting.map((row) => [row.eventId, row.attempts])).toEqual(written.registry.map((id) => [id, 0]));

    const byRegistry: OutboxRecord[] = [];
    expect(await relay(registryTypes, byRegistry).drainOnce()).toBe(3);
    expect(byRegistry.map((e) => e.id)).toEqual(written.registry);
    // An app that owns nothing claims nothing (it would not even run a relay).
    expect(await relay([], []).drainOnce()).toBe(0);
  });

  it('lets a replica of the owner take over what another replica left when it stopped', async () => {
    const first: OutboxRecord[] = [];
    const second: OutboxRecord[] = [];
    const replicaA = relay(chatCoreTypes, first);
    relay(chatCoreTypes, second).start();
    replicaA.start();
    const before = await writeMixed(2);
    await vi.waitFor(() => expect([...first, ...second].map((e) => e.id).sort()).toEqual([...before.chatCore].sort()), { timeout: 10_000 });

    await replicaA.stop();
    const after = await writeMixed(2);
    await vi.waitFor(() => expect(second.map((e) => e.id)).toEqual(expect.arrayContaining(after.chatCore)), { timeout: 10_000 });
    expect(first.map((e) => e.id)).not.toEqual(expect.arrayContaining(after.chatCore));
    // Never twice, and the other app's events still wait for the other app.
    expect(new Set([...first, ...second].map((e) => e.id)).size).toBe(first.length + second.length);
    expect(await db.prisma.outboxEvent.count({ where: { publishedAt: null, type: 'test.elsewhere' } })).toBe(4);
  });
});
