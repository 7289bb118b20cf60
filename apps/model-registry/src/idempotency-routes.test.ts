import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registryRoutes, type AliasChangeView, type ApiKeyRole, type CreatedApiKey } from '@ciclo/platform-contracts';
import type { HttpApp } from '@ciclo/platform-http';
import { createTestDatabase, type TestDatabase } from '@ciclo/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openResponse } from './idempotency/response-seal';
import { buildTestRegistryApp, issueTestKeys, tinyModel } from './test-support/registry-test-app';

/** Every creating route of the registry takes an Idempotency-Key, and the OpenAPI document says so. */
describe('Idempotency-Key on the creating routes', () => {
  let testDb: TestDatabase;
  let dir: string;
  let app: HttpApp;
  const keys = {} as Record<ApiKeyRole, string>;

  beforeAll(async () => {
    [testDb, dir] = await Promise.all([createTestDatabase(), mkdtemp(join(tmpdir(), 'ciclo-idempotency-routes-'))]);
    ({ app } = await buildTestRegistryApp({ db: testDb.db, artifactsDir: join(dir, 'artifacts'), maxArtifactBytes: 1_000_000 }));
    await app.ready();
    Object.assign(keys, await issueTestKeys(testDb.db, ['data-scientist', 'admin'], 'routes'));
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** The same request twice with one key: the second must be a replay of the first. */
  async function twice(role: ApiKeyRole, method: 'POST', url: string, payload: object, key: string) {
    const headers = { authorization: `Bearer ${keys[role]}`, 'idempotency-key': key };
    const first = await app.inject({ method, url, headers, payload });
    const second = await app.inject({ method, url, headers, payload });
    expect(first.statusCode, first.body).toBeLessThan(300);
    expect(second.statusCode).toBe(first.statusCode);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toBe(first.body);
    return first;
  }

  it('creates a model once', async () => {
    const created = await twice('data-scientist', 'POST', '/v1/models', { name: 'intent', task: 'intent' }, 'model-1');
    expect(created.statusCode).toBe(201);
    expect(await testDb.db.prisma.model.count()).toBe(1);
    // Without the key the repeat is what it always was: the name is taken.
    const plain = await app.inject({ method: 'POST', url: '/v1/models', headers: { authorization: `Bearer ${keys['data-scientist']}` }, payload: { name: 'intent', task: 'intent' } });
    expect(plain.statusCode).toBe(409);
  });

  it('issues one API key and shows it again to the same caller, while the table holds it sealed', async () => {
    const created = await twice('admin', 'POST', '/v1/api-keys', { name: 'ci', role: 'viewer' }, 'key-1');
    const { key } = created.json<CreatedApiKey>();
    expect(await testDb.db.prisma.apiKey.count({ where: { name: 'ci' } })).toBe(1);
    const [record] = await testDb.db.prisma.idempotencyRecord.findMany({ where: { key: 'key-1' } });
    expect(record?.responseStatus).toBe(201);
    expect(record?.responseHeaders).toMatchObject({ 'cache-control': 'no-store' });
    expect(Buffer.from(record?.responseBody ?? []).includes(key)).toBe(false);
    expect(Buffer.from(record?.responseBody ?? []).includes('"ci"')).toBe(false);
    // Sealed with the caller's API key: only that key opens it.
    expect(openResponse(keys.admin, record?.responseBody ?? new Uint8Array()).toString()).toBe(created.body);
    expect(() => openResponse('', record?.responseBody ?? new Uint8Array())).toThrow();
    expect(() => openResponse(keys['data-scientist'], record?.responseBody ?? new Uint8Array())).toThrow();
  });

  it('adds one webhook and shows its secret again to the retry', async () => {
    const created = await twice('admin', 'POST', '/v1/models/intent/webhooks', { url: 'https://hooks.example.test/ciclo' }, 'hook-1');
    expect(created.json<{ secret: string }>().secret).toMatch(/.{16,}/);
    expect(await testDb.db.prisma.webhook.count()).toBe(1);
  });

  it('approves and rolls back once: a retried rollback does not undo itself', async () => {
    const ds = { authorization: `Bearer ${keys['data-scientist']}` };
    for (const seed of [1, 2]) {
      const res = await app.inject({ method: 'POST', url: '/v1/models/intent/versions', headers: ds, payload: { artifactBase64: Buffer.from(await tinyModel(seed)).toString('base64') } });
      expect(res.statusCode, res.body).toBe(201);
    }
    const approved = await twice('data-scientist', 'POST', '/v1/models/intent/versions/1/approvals', { reason: 'v1 first' }, 'approve-1');
    expect(approved.json<AliasChangeView>()).toMatchObject({ toVersion: 1, changed: true });
    await twice('data-scientist', 'POST', '/v1/models/intent/versions/2/approvals', { reason: 'v2 better' }, 'approve-2');
    const rolled = await twice('data-scientist', 'POST', '/v1/models/intent/aliases/production/rollback', { reason: 'v2 misroutes' }, 'rollback-1');
    expect(rolled.json<AliasChangeView>()).toMatchObject({ fromVersion: 2, toVersion: 1 });
    expect(await testDb.db.prisma.aliasEvent.count()).toBe(3);
    expect(await testDb.db.prisma.promotionDecision.count({ where: { status: 'approved' } })).toBe(2);
  });

  it('ignores the header where nothing is created', async () => {
    const before = await testDb.db.prisma.idempotencyRecord.count();
    const read = await app.inject({ method: 'GET', url: '/v1/models', headers: { authorization: `Bearer ${keys['data-scientist']}`, 'idempotency-key': 'a read' } });
    expect(read.statusCode).toBe(200);
    expect(await testDb.db.prisma.idempotencyRecord.count()).toBe(before);
  });

  it('documents the header on exactly the routes that take it', async () => {
    type Operation = { description?: string; parameters?: { in: string; name: string; required?: boolean; description?: string }[] };
    const doc = (await app.inject({ url: '/docs/openapi.json' })).json<{ paths: Record<string, Record<string, Operation>> }>();
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key'))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    const expected = Object.values(registryRoutes)
      .filter((route) => 'acceptsIdempotencyKey' in route)
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(documented.sort()).toEqual(expected.sort());
    expect(expected).toHaveLength(6);
    const upload = doc.paths['/v1/models/{name}/versions']?.['post'];
    expect(upload?.description).toContain('Idempotency-Key');
    expect(upload?.parameters?.find((p) => p.name === 'idempotency-key')).toMatchObject({ required: false, description: expect.stringContaining('printable ASCII') });
  });
});
