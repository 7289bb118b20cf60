import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { ApiKeyPrincipal, ApiKeyView, CreatedApiKey } from '@ciclo/platform-contracts';
import { createLogger, createMetricsRegistry } from '@ciclo/platform-observability';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiKeyAuth } from './api-key-auth';
import { registerApiKeyRoutes, type ApiKeyStore } from './api-key-routes';
import { createHttpApp, type HttpApp } from './create-http-app';

/** The store's contract in memory; the PostgreSQL one is tested in @ciclo/platform-db and apps/model-registry. */
function memoryStore() {
  const rows = new Map<string, { view: ApiKeyView; key: string }>();
  const store: ApiKeyStore & { verify(key: string): Promise<ApiKeyPrincipal | null>; calls: unknown[] } = {
    calls: [],
    async list() {
      return [...rows.values()].map((r) => r.view);
    },
    async issue(input) {
      store.calls.push(['issue', input]);
      const id = randomUUID();
      const view: ApiKeyView = {
        id,
        name: input.name,
        prefix: `ciclo_${id.slice(0, 8)}`,
        role: input.role,
        createdBy: input.createdBy.name,
        createdAt: new Date().toISOString(),
        revokedAt: null,
        lastUsedAt: null,
      };
      const created: CreatedApiKey = { ...view, key: `${view.prefix}_${randomUUID()}` };
      rows.set(id, { view, key: created.key });
      return created;
    },
    async revoke(id, actor) {
      store.calls.push(['revoke', id, actor]);
      const row = rows.get(id);
      if (!row) return null;
      row.view = { ...row.view, revokedAt: row.view.revokedAt ?? new Date().toISOString() };
      return row.view;
    },
    async verify(key) {
      const row = [...rows.values()].find((r) => r.key === key && !r.view.revokedAt);
      return row ? { id: row.view.id, name: row.view.name, role: row.view.role } : null;
    },
  };
  return store;
}

let app: HttpApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function build() {
  const logger = createLogger({ app: 'test', level: 'silent', destination: new PassThrough() });
  const keys = memoryStore();
  const a = createHttpApp({ app: 'test-app', version: '1', logger, metrics: createMetricsRegistry('test-app'), readinessChecks: {} });
  const auth = createApiKeyAuth({ verify: (key) => keys.verify(key) });
  auth.install(a);
  registerApiKeyRoutes(a, { keys, auth });
  app = a;
  const admin = await keys.issue({ name: 'root', role: 'admin', createdBy: { name: 'test' } });
  const viewer = await keys.issue({ name: 'dash', role: 'viewer', createdBy: { name: 'test' } });
  keys.calls.length = 0;
  return { app: a, keys, as: (key: string) => ({ authorization: `Bearer ${key}` }), admin, viewer };
}

describe('registerApiKeyRoutes', () => {
  it('requires an admin key on every route: 401 without one, 403 with a viewer key', async () => {
    const { app: a, as, viewer } = await build();
    const id = randomUUID();
    const routes = [
      { method: 'GET' as const, url: '/v1/api-keys' },
      { method: 'POST' as const, url: '/v1/api-keys', payload: { name: 'x', role: 'viewer' } },
      { method: 'DELETE' as const, url: `/v1/api-keys/${id}` },
    ];
    for (const route of routes) {
      expect((await a.inject(route)).statusCode, `${route.method} without key`).toBe(401);
      const forbidden = await a.inject({ ...route, headers: as(viewer.key) });
      expect(forbidden.statusCode, `${route.method} as viewer`).toBe(403);
      expect(forbidden.json().error.code).toBe('CICLO_ERR_AUTH_FORBIDDEN');
    }
  });

  it('issues (201, key shown once, no-store), lists without keys, and revokes (204, then 401 for that key)', async () => {
    const { app: a, keys, as, admin } = await build();
    const created = await a.inject({ method: 'POST', url: '/v1/api-keys', headers: as(admin.key), payload: { name: ' ci ', role: 'data-scientist' } });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const body = created.json<CreatedApiKey>();
    expect(body).toMatchObject({ name: 'ci', role: 'data-scientist', createdBy: 'root' });
    expect(keys.calls[0]).toEqual(['issue', { name: 'ci', role: 'data-scientist', createdBy: { name: 'root', apiKeyId: admin.id } }]);

    const listed = await a.inject({ url: '/v1/api-keys', headers: as(admin.key) });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().keys.map((k: ApiKeyView) => k.name)).toEqual(['root', 'dash', 'ci']);
    expect(listed.body).not.toContain(body.key);
    expect(listed.body).not.toContain('"key"');

    const revoked = await a.inject({ method: 'DELETE', url: `/v1/api-keys/${body.id}`, headers: as(admin.key) });
    expect(revoked.statusCode).toBe(204);
    expect(revoked.body).toBe('');
    expect((await a.inject({ url: '/v1/api-keys', headers: as(body.key) })).statusCode).toBe(401);
  });

  it('answers 400 naming the field, and 404 for an unknown key id', async () => {
    const { app: a, as, admin } = await build();
    const bad = await a.inject({ method: 'POST', url: '/v1/api-keys', headers: as(admin.key), payload: { name: '  ', role: 'root' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('CICLO_ERR_HTTP_VALIDATION');
    expect(bad.json().error.message).toContain('body.name');
    expect(bad.json().error.message).toContain('body.role');

    const badId = await a.inject({ method: 'DELETE', url: '/v1/api-keys/123', headers: as(admin.key) });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.message).toContain('params.id');

    const missing = await a.inject({ method: 'DELETE', url: `/v1/api-keys/${randomUUID()}`, headers: as(admin.key) });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('CICLO_ERR_AUTH_KEY_NOT_FOUND');
  });
});
