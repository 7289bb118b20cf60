import { createTestDatabase, type TestDatabase } from '@ciclo/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueTestKeys } from '../test-support/registry-test-app';
import { createIdempotencyStore, type IdempotencyScope, type IdempotencyStore } from './idempotency-store';

const MINUTE = 60_000;
/** Fingerprints are sha256 hex (a CHAR(64) column). */
const F1 = '1'.repeat(64);
const F2 = '2'.repeat(64);

/** The claim protocol over PostgreSQL, with a clock the test moves. */
describe('idempotency store (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let store: IdempotencyStore;
  let apiKeyId: string;
  let clock = Date.parse('2026-05-01T00:00:00Z');
  const answer = { status: 201, headers: { 'content-type': 'application/json; charset=utf-8' }, sealedBody: Buffer.from('sealed') };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    await issueTestKeys(testDb.db, ['admin'], 'store');
    apiKeyId = (await testDb.db.prisma.apiKey.findFirstOrThrow()).id;
    store = createIdempotencyStore({ db: testDb.db, retentionMs: 60 * MINUTE, claimTimeoutMs: 5 * MINUTE, now: () => new Date(clock) });
  });
  afterAll(() => testDb?.drop());

  const scope = (key: string): IdempotencyScope => ({ apiKeyId, method: 'POST', route: '/v1/models', key });

  it('claims once, answers repeats in flight, then replays; another fingerprint is refused', async () => {
    const first = await store.claim(scope('a'), F1);
    expect(first.kind).toBe('claimed');
    expect(await store.claim(scope('a'), F1)).toEqual({ kind: 'in-flight' });
    expect(await store.claim(scope('a'), F2)).toEqual({ kind: 'reused' });
    if (first.kind !== 'claimed') throw new Error('unreachable');
    expect(await store.complete(first.claim, answer)).toBe(true);
    const replay = await store.claim(scope('a'), F1);
    expect(replay).toMatchObject({ kind: 'replay', answer: { status: 201, headers: answer.headers } });
    expect(replay.kind === 'replay' && Buffer.from(replay.answer.sealedBody).toString()).toBe('sealed');
    // Other callers, methods and routes have their own keys.
    expect((await store.claim({ ...scope('a'), route: '/v1/api-keys' }, F1)).kind).toBe('claimed');
  });

  it('lets a released claim be claimed again', async () => {
    const first = await store.claim(scope('b'), F1);
    if (first.kind !== 'claimed') throw new Error(`expected a claim, got ${first.kind}`);
    await store.release(first.claim);
    expect((await store.claim(scope('b'), F2)).kind).toBe('claimed');
  });

  it('takes over a claim abandoned by a crashed process once it timed out; the late finisher keeps nothing', async () => {
    const abandoned = await store.claim(scope('c'), F1);
    if (abandoned.kind !== 'claimed') throw new Error(`expected a claim, got ${abandoned.kind}`);
    clock += 5 * MINUTE - 1;
    expect(await store.claim(scope('c'), F1)).toEqual({ kind: 'in-flight' });
    clock += 1;
    const takeover = await store.claim(scope('c'), F1);
    expect(takeover.kind).toBe('claimed');
    expect(await store.complete(abandoned.claim, answer)).toBe(false);
    if (takeover.kind === 'claimed') expect(await store.complete(takeover.claim, answer)).toBe(true);
  });

  it('forgets keys after the retention and purges them', async () => {
    const kept = await store.claim(scope('d'), F1);
    if (kept.kind !== 'claimed') throw new Error(`expected a claim, got ${kept.kind}`);
    await store.complete(kept.claim, answer);
    clock += 60 * MINUTE;
    // Expired but not purged yet: the key is free again.
    expect((await store.claim(scope('d'), F2)).kind).toBe('claimed');
    clock += 60 * MINUTE;
    const stored = await testDb.db.prisma.idempotencyRecord.count();
    expect(stored).toBeGreaterThan(0);
    expect(await store.purgeExpired()).toBe(stored);
    expect(await testDb.db.prisma.idempotencyRecord.count()).toBe(0);
  });
});
