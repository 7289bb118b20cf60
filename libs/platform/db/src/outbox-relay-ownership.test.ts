import { eventTypesOwnedBy } from '@ciclo/platform-contracts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDatabase, type Database } from './database';
import { createOutboxRelay, type OutboxRecord, type OutboxRelay } from './outbox-relay';
import { createScratchDatabase, type ScratchDatabase } from './test-support/scratch-database';
import { testEventCatalog, writeTestOutboxEvent } from './test-support/test-event-catalog';

/** Each app relays the event types it owns; replicas of one app share them and take over. */
describe('outbox relay ownership', () => {
  let scratch: ScratchDatabase;
  let db: Database;
  const relays: OutboxRelay[] = [];
  const chatCoreTypes = eventTypesOwnedBy(testEventCatalog, 'chat-core');
  const registryTypes = eventTypesOwnedBy(testEventCatalog, 'model-registry');

  beforeAll(async () => {
    scratch = await createScratchDatabase({ migrate: true });
    db = createDatabase({ url: scratch.url, poolMax: 6 });
  });
  beforeEach(async () => {
    await db.prisma.outboxEvent.deleteMany();
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  function relay(types: readonly string[], into: OutboxRecord[]): OutboxRelay {
    const created = createOutboxRelay({ db, types, listen: false, pollIntervalMs: 20, publish: async (e) => void into.push(e) });
    relays.push(created);
    return created;
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
