import { PassThrough } from 'node:stream';
import type { CreatedApiKey } from '@ciclo/platform-contracts';
import { createHttpApp, type HttpApp } from '@ciclo/platform-http';
import { createLogger, createMetricsRegistry } from '@ciclo/platform-observability';
import { createTestDatabase, type TestDatabase } from '@ciclo/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureApiKeys } from './api-keys';

/** The registry's key wiring end to end: Fastify routes → auth hook → PostgreSQL. */
describe('model-registry API keys (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let app: HttpApp;
  let admin: CreatedApiKey;
  const logLines: string[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const destination = new PassThrough();
    destination.on('data', (chunk: Buffer) => logLines.push(chunk.toString()));
    app = createHttpApp({
      app: 'model-registry',
      version: 'test',
      logger: createLogger({ app: 'model-registry', level: 'trace', destination }),
      metrics: createMetricsRegistry('model-registry'),
      readinessChecks: {},
    });
    const { keys, auth } = configureApiKeys({ db: testDb.db, app });
    // A mutating route of the kind the registry adds, to check the role ladder end to end.
    app.post('/v1/test/promote', { onRequest: auth.requireRole('data-scientist') }, async (request) => ({ by: request.principal?.name }));
    const bootstrap = await keys.ensureBootstrapAdmin();
    if (!bootstrap) throw new Error('expected a bootstrap admin key in a fresh database');
    admin = bootstrap;
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.drop();
  });

  const as = (key: string) => ({ authorization: `Bearer ${key}` });

  it('guards key management: 401 without a key or with garbage, 200 with the bootstrap admin key', async () => {
    const none = await app.inject({ url: '/v1/api-keys' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('CICLO_ERR_AUTH_MISSING_KEY');
    const garbage = await app.inject({ url: '/v1/api-keys', headers: as('ciclo_AAAAAAAA_' + 'B'.repeat(40)) });
    expect(garbage.statusCode).toBe(401);
    expect(garbage.json().error.code).toBe('CICLO_ERR_AUTH_INVALID_KEY');
    const listed = await app.inject({ url: '/v1/api-keys', headers: as(admin.key) });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().keys).toEqual([expect.objectContaining({ id: admin.id, name: 'bootstrap admin', role: 'admin', revokedAt: null })]);
  });

  it('issues keys per role, enforces the role ladder, revokes (then 401), and 404s an unknown id', async () => {
    const issue = async (name: string, role: string) => {
      const res = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: as(admin.key), payload: { name, role } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<CreatedApiKey>();
    };
    const viewer = await issue('dashboard', 'viewer');
    const scientist = await issue('ana', 'data-scientist');

    expect((await app.inject({ method: 'POST', url: '/v1/test/promote', headers: as(viewer.key) })).statusCode).toBe(403);
    const promoted = await app.inject({ method: 'POST', url: '/v1/test/promote', headers: as(scientist.key) });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toEqual({ by: 'ana' });
    const forbidden = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: as(scientist.key), payload: { name: 'x', role: 'admin' } });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.details).toEqual({ requiredRole: 'admin', role: 'data-scientist' });

    expect((await app.inject({ method: 'DELETE', url: `/v1/api-keys/${scientist.id}`, headers: as(admin.key) })).statusCode).toBe(204);
    const revoked = await app.inject({ method: 'POST', url: '/v1/test/promote', headers: as(scientist.key) });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('CICLO_ERR_AUTH_INVALID_KEY');
    const unknown = await app.inject({ method: 'DELETE', url: '/v1/api-keys/0190aaaa-0000-7000-8000-000000000000', headers: as(admin.key) });
    expect(unknown.statusCode).toBe(404);

    const audit = await testDb.db.prisma.auditLog.findMany({ where: { targetType: 'api_key' }, orderBy: { id: 'asc' } });
    expect(audit.map((r) => [r.action, r.actor])).toEqual([
      ['api_key.issue', 'ciclo start (first run)'],
      ['api_key.issue', 'bootstrap admin'],
      ['api_key.issue', 'bootstrap admin'],
      ['api_key.revoke', 'bootstrap admin'],
    ]);
    expect(audit[1]?.apiKeyId).toBe(admin.id);

    const logs = logLines.join('');
    expect(logs).toContain('request completed');
    for (const key of [admin.key, viewer.key, scientist.key]) expect(logs).not.toContain(key);
  });

  it('rejects a bad body with 400 naming the field', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: as(admin.key), payload: { role: 'superuser' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/body\.name.*body\.role|body\.role.*body\.name/);
  });
});
