import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from './database';
import type { OutboxRecord, OutboxRelayOptions } from './outbox-relay';
import { useOutboxRelayTestBed } from './test-support/outbox-relay-test-bed';
import { writeTestOutboxEvent as writeOutboxEvent } from './test-support/test-event-catalog';

describe('outbox', () => {
  const bed = useOutboxRelayTestBed({ poolMax: 8 });
  let db: Database;
  beforeAll(() => {
    db = bed.db;
  });

  function relay(options: Partial<Omit<OutboxRelayOptions, 'db'>> & { publish: (e: OutboxRecord) => Promise<void> }) {
    return bed.relay(options);
  }

  async function writeEvents(count: number, prefix = 'e'): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const written = await db.prisma.$transaction((tx) =>
        writeOutboxEvent(tx, { type: 'test.happened', payload: { n: i, label: `${prefix}${i}` }, aggregateId: `agg-${i % 3}` }),
      );
      ids.push(written.id);
    }
    return ids;
  }

  async function writeEvent(): Promise<string> {
    const [id] = await writeEvents(1);
    if (!id) throw new Error('no event written');
    return id;
  }

  it('never publishes an event whose transaction rolled back', async () => {
    await db.prisma
      .$transaction(async (tx) => {
        await writeOutboxEvent(tx, { type: 'test.rolled-back', payload: { n: 1 } });
        throw new Error('business rule violated');
      })
      .catch(() => undefined);

    const published: OutboxRecord[] = [];
    const published0 = await relay({ publish: async (e) => void published.push(e) }).drainOnce();
    expect(published0).toBe(0);
    expect(published).toEqual([]);
    expect(await db.prisma.outboxEvent.count()).toBe(0);
  });

  it('publishes committed events once each, in the order they were written', async () => {
    const ids = await writeEvents(7);
    // Several events of one transaction keep their order too.
    const batch = await db.prisma.$transaction(async (tx) => [
      // The catalog's dedupeKey gives every test.batch event the key k1.
      await writeOutboxEvent(tx, { type: 'test.batch', payload: ['a', 1, null] }),
      await writeOutboxEvent(tx, { type: 'test.batch', payload: 'plain string' }),
      await writeOutboxEvent(tx, { type: 'test.batch', payload: null }),
    ]);
    const published: OutboxRecord[] = [];
    const count = await relay({ batchSize: 3, publish: async (e) => void published.push(e) }).drainOnce();

    expect(count).toBe(10);
    expect(published.map((e) => e.id)).toEqual([...ids, ...batch.map((b) => b.id)]);
    const sequences = published.map((e) => e.sequence);
    expect([...sequences].sort((a, b) => (a < b ? -1 : 1))).toEqual(sequences);
    expect(published[0]).toMatchObject({ type: 'test.happened', payload: { n: 0, label: 'e0' }, aggregateId: 'agg-0', key: null, attempt: 1 });
    expect(published[0]?.occurredAt).toBeInstanceOf(Date);
    expect(published.slice(7).map((e) => e.payload)).toEqual([['a', 1, null], 'plain string', null]);
    expect(published[7]?.key).toBe('k1');

    const rows = await db.prisma.outboxEvent.findMany();
    expect(rows.every((r) => r.publishedAt instanceof Date && r.attempts === 1 && r.lastError === null)).toBe(true);
    expect(await relay({ publish: async () => undefined }).drainOnce()).toBe(0);
  });

  it('keeps an event whose publish failed, records why, and retries it after a backoff', async () => {
    const id = await writeEvent();
    let failuresLeft = 2;
    const delivered: OutboxRecord[] = [];
    const flaky = relay({
      // Long enough that the immediate retry below falls inside it even on a loaded CI machine.
      backoff: { baseMs: 1_000, maxMs: 1_000 },
      publish: async (e) => {
        if (failuresLeft-- > 0) throw new Error('queue is down');
        delivered.push(e);
      },
    });

    expect(await flaky.drainOnce()).toBe(0);
    const afterFailure = await db.prisma.outboxEvent.findUniqueOrThrow({ where: { eventId: id } });
    expect(afterFailure).toMatchObject({ publishedAt: null, attempts: 1, lastError: 'queue is down' });
    expect(afterFailure.availableAt.getTime()).toBeGreaterThan(afterFailure.createdAt.getTime());
    // Backing off: an immediate retry does not even see the row.
    expect(await flaky.drainOnce()).toBe(0);
    expect(failuresLeft).toBe(1);

    flaky.start();
    await vi.waitFor(() => expect(delivered).toHaveLength(1), { timeout: 10_000 });
    expect(delivered[0]).toMatchObject({ id, attempt: 3 });
    // The relay marks the row after publish resolves: on a loaded machine that write can land
    // just after `delivered` grew, so wait for it rather than read once.
    await vi.waitFor(
      async () => {
        const row = await db.prisma.outboxEvent.findUniqueOrThrow({ where: { eventId: id } });
        expect(row).toMatchObject({ attempts: 3, lastError: null });
        expect(row.publishedAt).toBeInstanceOf(Date);
      },
      { timeout: 5_000 },
    );
  });

  it('parks an event after maxAttempts without deleting it', async () => {
    const id = await writeEvent();
    const failing = relay({ maxAttempts: 1, backoff: { baseMs: 1 }, publish: async () => Promise.reject(new Error('poison')) });
    await failing.drainOnce();
    await new Promise((resolve) => setTimeout(resolve, 5)); // past the 1 ms backoff
    expect(await failing.drainOnce()).toBe(0);
    expect(await db.prisma.outboxEvent.findUniqueOrThrow({ where: { eventId: id } })).toMatchObject({
      attempts: 1,
      publishedAt: null,
      lastError: 'poison',
    });
  });

  it('lets concurrent relays share the work without publishing any event twice', async () => {
    const ids = await writeEvents(120);
    const seen: string[][] = [[], [], []];
    const slowPublish = (into: string[]) => async (e: OutboxRecord) => {
      into.push(e.id);
      await new Promise((resolve) => setImmediate(resolve));
    };
    seen.forEach((into) => relay({ batchSize: 5, publish: slowPublish(into) }).start());

    await vi.waitFor(() => expect(seen.flat().length).toBeGreaterThanOrEqual(ids.length), { timeout: 10_000 });
    await bed.stopRelays();

    const all = seen.flat();
    // SKIP LOCKED let them work side by side rather than one waiting for the other's batch.
    expect(seen.filter((share) => share.length > 0).length).toBeGreaterThanOrEqual(2);
    expect(all).toHaveLength(ids.length);
    expect(new Set(all)).toEqual(new Set(ids));
    // Each relay still published its own share in order.
    for (const share of seen) {
      const positions = share.map((id) => ids.indexOf(id));
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    }
    expect(await db.prisma.outboxEvent.count({ where: { publishedAt: null } })).toBe(0);
  });

  it('wakes up on commit through LISTEN/NOTIFY instead of waiting for the next poll', async () => {
    const published: OutboxRecord[] = [];
    const listening = relay({ listen: true, pollIntervalMs: 60_000, publish: async (e) => void published.push(e) });
    listening.start();
    // Wait until the relay's own connection has run LISTEN (its last statement, per pg_stat_activity).
    await vi.waitFor(
      async () => {
        const rows = await db.prisma.$queryRaw<{ query: string }[]>`
          SELECT query FROM pg_stat_activity
           WHERE application_name = 'ciclo-outbox-relay' AND datname = current_database()`;
        expect(rows.map((r) => r.query)).toContainEqual(expect.stringMatching(/^LISTEN/));
      },
      { timeout: 10_000 },
    );

    const id = await writeEvent();
    const started = Date.now();
    await vi.waitFor(() => expect(published).toHaveLength(1), { timeout: 5_000 });
    expect(published[0]?.id).toBe(id);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
