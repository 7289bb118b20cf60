import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashApiKey } from './api-key-secret';
import { BOOTSTRAP_ADMIN_KEY_NAME, createApiKeyService, type ApiKeyService } from './api-key-service';
import { createDatabase, type Database } from './database';
import { createScratchDatabase, type ScratchDatabase } from './test-support/scratch-database';

const admin = { name: 'test admin' };

describe('api key service', () => {
  let scratch: ScratchDatabase;
  let db: Database;
  let clock = new Date('2026-01-01T00:00:00Z');
  let keys: ApiKeyService;

  beforeAll(async () => {
    scratch = await createScratchDatabase({ migrate: true });
    db = createDatabase({ url: scratch.url, poolMax: 8 });
  });
  beforeEach(async () => {
    await db.prisma.apiKey.deleteMany();
    clock = new Date('2026-01-01T00:00:00Z');
    keys = createApiKeyService(db, { now: () => clock });
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  it('issues a key shown once, stores only its SHA-256, and verifies it to its principal', async () => {
    const created = await keys.issue({ name: 'ci', role: 'data-scientist', createdBy: admin });
    expect(created.key).toMatch(/^ciclo_[0-9A-Za-z]{8}_[0-9A-Za-z]{40}$/);
    expect(created).toMatchObject({ name: 'ci', role: 'data-scientist', createdBy: 'test admin', revokedAt: null, lastUsedAt: null });
    expect(created.key.startsWith(`${created.prefix}_`)).toBe(true);

    const row = await db.prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.keyHash).toBe(hashApiKey(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key.slice(15));

    expect(await keys.verify(created.key)).toEqual({ id: created.id, name: 'ci', role: 'data-scientist' });
  });

  it('rejects malformed, unknown and near-miss keys', async () => {
    const { key, prefix } = await keys.issue({ name: 'k', role: 'viewer', createdBy: admin });
    const lastChar = key.at(-1) === 'a' ? 'b' : 'a';
    for (const attempt of ['', 'garbage', `${key}x`, `${key.slice(0, -1)}${lastChar}`, `${prefix}_${'0'.repeat(40)}`, key.toUpperCase()]) {
      expect(await keys.verify(attempt), attempt).toBeNull();
    }
  });

  it('uses the pepper when given: a key hashed without it does not verify with it', async () => {
    const { key } = await keys.issue({ name: 'k', role: 'viewer', createdBy: admin });
    const peppered = createApiKeyService(db, { pepper: 'server-secret' });
    expect(await peppered.verify(key)).toBeNull();
    const own = await peppered.issue({ name: 'p', role: 'viewer', createdBy: admin });
    expect(await peppered.verify(own.key)).toMatchObject({ id: own.id });
    expect(await keys.verify(own.key)).toBeNull();
  });

  it('writes lastUsedAt at most once per minute', async () => {
    const { id, key } = await keys.issue({ name: 'k', role: 'viewer', createdBy: admin });
    const lastUsed = async () => (await db.prisma.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt?.toISOString();
    await keys.verify(key);
    expect(await lastUsed()).toBe('2026-01-01T00:00:00.000Z');
    clock = new Date('2026-01-01T00:00:59Z');
    await keys.verify(key);
    expect(await lastUsed()).toBe('2026-01-01T00:00:00.000Z');
    clock = new Date('2026-01-01T00:01:01Z');
    await keys.verify(key);
    expect(await lastUsed()).toBe('2026-01-01T00:01:01.000Z');
  });

  it('lists keys without hashes or plaintext, revokes idempotently, and audits issue and revoke once each', async () => {
    const a = await keys.issue({ name: 'a', role: 'admin', createdBy: admin });
    clock = new Date('2026-01-01T00:00:01Z');
    const b = await keys.issue({ name: 'b', role: 'viewer', createdBy: { name: 'a', apiKeyId: a.id } });

    const listed = await keys.list();
    expect(listed.map((k) => k.name)).toEqual(['b', 'a']);
    const text = JSON.stringify(listed);
    for (const created of [a, b]) {
      expect(text).not.toContain(created.key);
      expect(text).not.toContain(hashApiKey(created.key));
    }
    expect(Object.keys(listed[0] ?? {}).sort()).toEqual(['createdAt', 'createdBy', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt', 'role']);

    expect(await keys.countActive()).toBe(2);
    expect(await keys.countActive('viewer')).toBe(1);
    const revoked = await keys.revoke(b.id, { name: 'a', apiKeyId: a.id });
    expect(revoked).toMatchObject({ id: b.id, revokedAt: '2026-01-01T00:00:01.000Z' });
    expect(await keys.revoke(b.id, { name: 'a', apiKeyId: a.id })).toMatchObject({ id: b.id });
    expect(await keys.verify(b.key)).toBeNull();
    expect(await keys.countActive('viewer')).toBe(0);
    expect(await keys.revoke('0190aaaa-0000-7000-8000-000000000000', admin)).toBeNull();
    expect(await keys.revoke('not-a-uuid', admin)).toBeNull();

    // Filtered by target: the audit log is append-only, so earlier tests' rows stay.
    const audit = await db.prisma.auditLog.findMany({ where: { targetId: { in: [a.id, b.id] } }, orderBy: { id: 'asc' } });
    expect(audit.map((r) => [r.action, r.targetId, r.actor, r.apiKeyId])).toEqual([
      ['api_key.issue', a.id, 'test admin', null],
      ['api_key.issue', b.id, 'a', a.id],
      ['api_key.revoke', b.id, 'a', a.id],
    ]);
    expect(JSON.stringify(audit, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(b.key);
  });

  it('creates exactly one bootstrap admin key under 5 concurrent calls, and none while an admin key is active', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => createApiKeyService(db).ensureBootstrapAdmin()));
    const created = results.filter((r) => r !== null);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ name: BOOTSTRAP_ADMIN_KEY_NAME, role: 'admin' });
    expect(await keys.countActive('admin')).toBe(1);
    expect(await keys.ensureBootstrapAdmin()).toBeNull();

    // Every admin key revoked: the next start issues a new one (how a locked-out operator recovers).
    await keys.revoke(created[0]?.id ?? '', admin);
    const again = await keys.ensureBootstrapAdmin();
    expect(again?.key).toMatch(/^ciclo_/);
    expect(await keys.verify(again?.key ?? '')).toMatchObject({ role: 'admin' });
  });
});
