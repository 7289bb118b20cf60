import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiKeyRole } from '@ciclo/platform-contracts';
import type { HttpApp } from '@ciclo/platform-http';
import { createTestDatabase, type TestDatabase } from '@ciclo/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestRegistryApp, issueTestKeys } from './test-support/registry-test-app';

/**
 * Issue #10, item 1: bad keys from an address must not lock out good keys from the same
 * address. The whole registry (its default failed-auth limiter: 10 failures, then 10 a minute)
 * over PostgreSQL; every injected request comes from the same address (127.0.0.1).
 */
describe('model-registry auth under a bad-key flood (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let dir: string;
  let app: HttpApp;
  const keys = {} as Record<ApiKeyRole, string>;
  const BUDGET = 10;

  beforeAll(async () => {
    [testDb, dir] = await Promise.all([createTestDatabase(), mkdtemp(join(tmpdir(), 'ciclo-registry-flood-'))]);
    ({ app } = await buildTestRegistryApp({ db: testDb.db, artifactsDir: join(dir, 'artifacts'), maxArtifactBytes: 1_000_000 }));
    await app.ready();
    Object.assign(keys, await issueTestKeys(testDb.db, ['viewer', 'data-scientist', 'admin'], 'flood'));
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  const good = {
    viewer: () => app.inject({ url: '/v1/models', headers: bearer(keys.viewer) }),
    admin: () => app.inject({ url: '/v1/api-keys', headers: bearer(keys.admin) }),
  };

  it('keeps answering good keys 200 throughout while bad keys get 401, then 429 past the budget', async () => {
    // A revoked key, near misses of a real key (same prefix: a database hit and a hash compare),
    // unknown well-formed keys and garbage: every kind of bad key the verifier can see.
    const issued = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: bearer(keys.admin), payload: { name: 'soon revoked', role: 'viewer' } });
    expect(issued.statusCode, issued.body).toBe(201);
    const revoked = issued.json<{ id: string; key: string }>();
    expect((await app.inject({ method: 'DELETE', url: `/v1/api-keys/${revoked.id}`, headers: bearer(keys.admin) })).statusCode).toBe(204);
    const badKey = (i: number): string => {
      switch (i % 4) {
        case 0:
          return revoked.key;
        case 1:
          return `${keys.admin.slice(0, -4)}${String(i).padStart(4, '0')}`;
        case 2:
          return `ciclo_AAAAAAAA_${String(i).padStart(40, 'B')}`;
        default:
          return `garbage-${i}`;
      }
    };

    const badStatuses: number[] = [];
    for (let i = 0; i < 2 * BUDGET; i++) {
      const [bad, viewer, admin] = await Promise.all([
        app.inject({ url: '/v1/models', headers: bearer(badKey(i)) }),
        good.viewer(),
        good.admin(),
      ]);
      expect(viewer.statusCode, `viewer in round ${i}: ${viewer.body}`).toBe(200);
      expect(admin.statusCode, `admin in round ${i}: ${admin.body}`).toBe(200);
      badStatuses.push(bad.statusCode);
      if (bad.statusCode === 401) {
        expect(bad.json().error.code).toBe('CICLO_ERR_AUTH_INVALID_KEY');
        expect(bad.headers['www-authenticate']).toContain('error="invalid_token"');
      } else {
        expect(bad.json().error.code).toBe('CICLO_ERR_AUTH_RATE_LIMITED');
        expect(Number(bad.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    // The budget refills one failure every 6 s; these rounds take well under that.
    expect(badStatuses).toEqual([...Array<number>(BUDGET).fill(401), ...Array<number>(BUDGET).fill(429)]);

    // A concurrent flood: every bad key 429, every good key (and role check) as if nothing happened.
    const flood = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => app.inject({ url: '/v1/models', headers: bearer(badKey(i)) })),
      ...Array.from({ length: 10 }, () => good.viewer()),
      ...Array.from({ length: 10 }, () => good.admin()),
      app.inject({ method: 'POST', url: '/v1/api-keys', headers: bearer(keys['data-scientist']), payload: { name: 'x', role: 'viewer' } }),
    ]);
    expect(flood.slice(0, 30).map((r) => r.statusCode)).toEqual(Array<number>(30).fill(429));
    expect(flood.slice(30, 50).map((r) => r.statusCode)).toEqual(Array<number>(20).fill(200));
    expect(flood[50]?.statusCode).toBe(403);
  });
});
