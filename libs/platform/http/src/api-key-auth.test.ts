import { PassThrough } from 'node:stream';
import type { ApiKeyPrincipal } from '@ciclo/platform-contracts';
import { createLogger, createMetricsRegistry } from '@ciclo/platform-observability';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiKeyAuth, type ApiKeyAuthOptions } from './api-key-auth';
import { createHttpApp, type HttpApp } from './create-http-app';

const principals: Record<string, ApiKeyPrincipal> = {
  'ciclo_viewer00_secret': { id: '0190aaaa-0000-7000-8000-000000000001', name: 'dash', role: 'viewer' },
  'ciclo_scienti_secret': { id: '0190aaaa-0000-7000-8000-000000000002', name: 'ana', role: 'data-scientist' },
  'ciclo_admin000_secret': { id: '0190aaaa-0000-7000-8000-000000000003', name: 'ops', role: 'admin' },
};
const [viewerKey, scientistKey, adminKey] = Object.keys(principals) as [string, string, string];

let app: HttpApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function build(options: Partial<ApiKeyAuthOptions> = {}) {
  const lines: string[] = [];
  const destination = new PassThrough();
  destination.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  const logger = createLogger({ app: 'test', level: 'trace', destination });
  const verified: string[] = [];
  const a = createHttpApp({ app: 'test-app', version: '1', logger, metrics: createMetricsRegistry('test-app'), readinessChecks: {} });
  const auth = createApiKeyAuth({
    verify: async (key) => {
      verified.push(key);
      return principals[key] ?? null;
    },
    ...options,
  });
  auth.install(a);
  a.get('/open', async (request) => ({ principal: request.principal }));
  a.get('/read', { onRequest: auth.requireRole('viewer') }, async (request) => ({ principal: request.principal }));
  a.post('/register', { onRequest: auth.requireRole('data-scientist') }, async () => ({ ok: true }));
  a.post('/force', { onRequest: auth.requireRole('admin') }, async () => ({ ok: true }));
  app = a;
  return { app: a, logs: () => lines.join(''), verified };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('createApiKeyAuth', () => {
  it('answers 401 CICLO_ERR_AUTH_MISSING_KEY with WWW-Authenticate when no key is sent', async () => {
    const { app: a } = build();
    const res = await a.inject({ method: 'POST', url: '/force' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="ciclo"');
    expect(res.json().error).toMatchObject({ code: 'CICLO_ERR_AUTH_MISSING_KEY' });
    expect(res.json().error.message).toContain('Authorization: Bearer');
  });

  it('answers 401 CICLO_ERR_AUTH_INVALID_KEY for unknown, malformed and conflicting credentials', async () => {
    const { app: a } = build();
    for (const headers of [
      bearer('ciclo_garbage'),
      { authorization: 'Basic dXNlcjpwYXNz' },
      { authorization: 'Bearer' },
      { 'x-api-key': 'nope' },
      { ...bearer(adminKey), 'x-api-key': viewerKey },
    ]) {
      const res = await a.inject({ method: 'POST', url: '/force', headers });
      expect(res.statusCode, JSON.stringify(headers)).toBe(401);
      expect(res.json().error.code).toBe('CICLO_ERR_AUTH_INVALID_KEY');
      expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    }
  });

  it('answers 403 CICLO_ERR_AUTH_FORBIDDEN naming the role needed, and lets higher roles through', async () => {
    const { app: a } = build();
    const denied = await a.inject({ method: 'POST', url: '/force', headers: bearer(viewerKey) });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error).toMatchObject({ code: 'CICLO_ERR_AUTH_FORBIDDEN', details: { requiredRole: 'admin', role: 'viewer' } });
    expect(denied.json().error.message).toContain('admin role');

    expect((await a.inject({ method: 'POST', url: '/register', headers: bearer(viewerKey) })).statusCode).toBe(403);
    expect((await a.inject({ method: 'POST', url: '/register', headers: bearer(scientistKey) })).statusCode).toBe(200);
    expect((await a.inject({ method: 'POST', url: '/force', headers: bearer(scientistKey) })).statusCode).toBe(403);
    expect((await a.inject({ method: 'POST', url: '/force', headers: { 'x-api-key': adminKey } })).statusCode).toBe(200);
    const read = await a.inject({ url: '/read', headers: { authorization: `bearer  ${adminKey}` } });
    expect(read.statusCode).toBe(200);
    expect(read.json().principal).toEqual(principals[adminKey]);
  });

  it('keeps health, metrics and open routes public, with or without a key, and verifies a key once per request', async () => {
    const { app: a, verified } = build();
    expect((await a.inject('/health/live')).statusCode).toBe(200);
    expect((await a.inject({ url: '/metrics', headers: bearer('ciclo_garbage') })).statusCode).toBe(200);
    expect((await a.inject('/open')).json()).toEqual({ principal: null });
    verified.length = 0;
    expect((await a.inject({ url: '/read', headers: bearer(viewerKey) })).statusCode).toBe(200);
    expect(verified).toEqual([viewerKey]);
  });

  it('rate-limits bad keys per address with 429 and Retry-After, while valid keys from that address keep working', async () => {
    let now = 0;
    const { app: a, verified } = build({ failedAttempts: { burst: 3, perMinute: 6, now: () => now } });
    for (let i = 0; i < 3; i++) {
      expect((await a.inject({ url: '/read', headers: bearer(`bad-${i}`) })).statusCode).toBe(401);
      // Interleaved good traffic from the same address neither suffers nor refills the budget.
      expect((await a.inject({ url: '/read', headers: bearer(viewerKey) })).statusCode).toBe(200);
    }
    const limited = await a.inject({ url: '/read', headers: bearer('bad-3') });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('CICLO_ERR_AUTH_RATE_LIMITED');
    expect(limited.headers['retry-after']).toBe('10');
    expect((await a.inject({ url: '/read', headers: bearer('') })).statusCode).toBe(429);

    // Over the budget, every valid key and role still gets through, and each is verified.
    verified.length = 0;
    expect((await a.inject({ url: '/read', headers: bearer(viewerKey) })).statusCode).toBe(200);
    expect((await a.inject({ method: 'POST', url: '/force', headers: { 'x-api-key': adminKey } })).statusCode).toBe(200);
    expect((await a.inject({ method: 'POST', url: '/force', headers: bearer(scientistKey) })).statusCode).toBe(403);
    expect(verified).toEqual([viewerKey, adminKey, scientistKey]);
    // Public routes stay reachable; requests without a key are not guesses and are not counted.
    expect((await a.inject('/health/live')).statusCode).toBe(200);
    expect((await a.inject('/read')).statusCode).toBe(401);

    // Requests answered 429 are not counted again: after Retry-After, one more try is allowed.
    now = 10_000;
    expect((await a.inject({ url: '/read', headers: bearer('bad-4') })).statusCode).toBe(401);
    expect((await a.inject({ url: '/read', headers: bearer('bad-5') })).statusCode).toBe(429);
  });

  it('never writes a key to the logs', async () => {
    const { app: a, logs } = build();
    await a.inject({ url: '/read', headers: bearer(adminKey) });
    await a.inject({ url: '/read', headers: { 'x-api-key': scientistKey } });
    await a.inject({ method: 'POST', url: '/force', headers: bearer('ciclo_wrongkey_guess') });
    await a.inject({ method: 'POST', url: '/force', headers: bearer(viewerKey) });
    const text = logs();
    expect(text).toContain('request completed');
    for (const key of [adminKey, scientistKey, viewerKey, 'ciclo_wrongkey_guess']) expect(text).not.toContain(key);
  });
});
