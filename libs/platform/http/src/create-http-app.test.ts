import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { AppError } from '@ciclo/platform-contracts';
import { createLogger, createMetricsRegistry } from '@ciclo/platform-observability';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpApp, type HttpApp } from './create-http-app';

let app: HttpApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function build(checks: Record<string, () => Promise<unknown>> = {}, draining = false) {
  const logger = createLogger({ app: 'test', level: 'silent', destination: new PassThrough() });
  app = createHttpApp({
    app: 'test-app',
    version: '1.2.3',
    logger,
    metrics: createMetricsRegistry('test-app'),
    readinessChecks: checks,
    isDraining: () => draining,
    bodyLimitBytes: 64,
  });
  app.post('/echo', { schema: { body: z.object({ name: z.string().min(1), count: z.number().int() }) } }, async (req) => ({
    hello: req.body.name,
  }));
  app.get('/teapot', async () => {
    throw new AppError('CICLO_ERR_TEST_TEAPOT', 'I am a teapot: use a kettle', 418, { details: { hint: 'kettle' } });
  });
  app.get('/v1/models/:name', async (req) => req.params);
  app.get('/boom', async () => {
    throw new Error('db password is hunter2');
  });
  return app;
}

describe('createHttpApp', () => {
  it('is live and ready when every check passes', async () => {
    const a = build({ database: async () => undefined });
    expect((await a.inject('/health/live')).statusCode).toBe(200);
    const ready = await a.inject('/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', app: 'test-app', version: '1.2.3', checks: { database: { status: 'up' } } });
  });

  it('is not ready (503) when a dependency fails, and says which', async () => {
    const a = build({ database: async () => undefined, queue: async () => Promise.reject(new Error('ECONNREFUSED')) });
    const ready = await a.inject('/health/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'not_ready', checks: { queue: { status: 'down', error: 'ECONNREFUSED' } } });
  });

  it('reports not ready while draining', async () => {
    const a = build({}, true);
    expect((await a.inject('/health/ready')).statusCode).toBe(503);
  });

  it('validates bodies and names the field', async () => {
    const a = build();
    const res = await a.inject({ method: 'POST', url: '/echo', payload: { name: '', count: 1.5 } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('CICLO_ERR_HTTP_VALIDATION');
    expect(body.error.message).toContain('body.name');
    expect(body.error.message).toContain('body.count');
  });

  it('rejects malformed JSON and oversized bodies with codes', async () => {
    const a = build();
    const bad = await a.inject({ method: 'POST', url: '/echo', payload: '{"name":', headers: { 'content-type': 'application/json' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('CICLO_ERR_HTTP_MALFORMED_JSON');
    const big = await a.inject({ method: 'POST', url: '/echo', payload: { name: 'x'.repeat(200), count: 1 } });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('CICLO_ERR_HTTP_BODY_TOO_LARGE');
  });

  it('maps AppError, hides internals of 500s and answers unknown routes with a JSON 404', async () => {
    const a = build();
    const teapot = await a.inject('/teapot');
    expect(teapot.statusCode).toBe(418);
    expect(teapot.json().error).toMatchObject({ code: 'CICLO_ERR_TEST_TEAPOT', details: { hint: 'kettle' } });
    const boom = await a.inject('/boom');
    expect(boom.statusCode).toBe(500);
    expect(boom.body).not.toContain('hunter2');
    expect(boom.json().error.code).toBe('CICLO_ERR_INTERNAL');
    const missing = await a.inject('/nope?x=1');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'CICLO_ERR_HTTP_ROUTE_NOT_FOUND', message: 'No route GET /nope' });
  });

  it('propagates a sane x-request-id and replaces a hostile one', async () => {
    const a = build();
    const kept = await a.inject({ url: '/teapot', headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    expect(kept.json().error.requestId).toBe('abc-123');
    const replaced = await a.inject({ url: '/teapot', headers: { 'x-request-id': '<script>' } });
    expect(replaced.headers['x-request-id']).not.toBe('<script>');
  });

  it('serves Prometheus metrics including request counts by route pattern', async () => {
    const a = build();
    await a.inject('/teapot');
    const res = await a.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(/ciclo_http_requests_total\{method="GET",route="\/teapot",status_code="418",app="test-app"\} 1/);
  });

  it('answers a malformed percent-encoding in the path with the platform 400 body, not Fastify\'s', async () => {
    const a = build();
    const res = await a.inject({ url: '/v1/models/%ff', headers: { 'x-request-id': 'bad-url-1' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['x-request-id']).toBe('bad-url-1');
    expect(res.json()).toEqual({
      error: { code: 'CICLO_ERR_HTTP_MALFORMED_URL', message: expect.stringContaining('percent-encoded'), requestId: 'bad-url-1' },
    });
    const fine = await a.inject('/v1/models/caf%C3%A9');
    expect(fine.statusCode).toBe(200);
    expect(fine.json()).toEqual({ name: 'café' });
  });

  it('rejects compressed bodies with 415 CICLO_ERR_HTTP_UNSUPPORTED_ENCODING instead of reading them as plain JSON', async () => {
    const a = build();
    const json = '{"name":"a","count":1}';
    for (const [encoding, payload] of [
      ['gzip', json],
      ['gzip', gzipSync(json)],
      ['br', json],
      ['identity, gzip', json],
    ] as const) {
      const res = await a.inject({ method: 'POST', url: '/echo', payload, headers: { 'content-type': 'application/json', 'content-encoding': encoding } });
      expect(res.statusCode, encoding).toBe(415);
      expect(res.headers['accept-encoding']).toBe('identity');
      expect(res.json().error).toMatchObject({ code: 'CICLO_ERR_HTTP_UNSUPPORTED_ENCODING', details: { accepted: ['identity'] } });
    }
    const identity = await a.inject({ method: 'POST', url: '/echo', payload: json, headers: { 'content-type': 'application/json', 'content-encoding': 'identity' } });
    expect(identity.statusCode).toBe(200);
    // A header without a body is harmless.
    expect((await a.inject({ url: '/teapot', headers: { 'content-encoding': 'gzip' } })).statusCode).toBe(418);
  });

  it('rejects bodies labelled with a charset other than UTF-8 with 415 CICLO_ERR_HTTP_UNSUPPORTED_CHARSET', async () => {
    const a = build();
    const json = '{"name":"a","count":1}';
    for (const [charset, payload] of [
      ['utf-16', json],
      ['utf-16', Buffer.from(json, 'utf16le')],
      ['"ISO-8859-1"', json],
    ] as const) {
      const res = await a.inject({ method: 'POST', url: '/echo', payload, headers: { 'content-type': `application/json; charset=${charset}` } });
      expect(res.statusCode, charset).toBe(415);
      expect(res.json().error).toMatchObject({ code: 'CICLO_ERR_HTTP_UNSUPPORTED_CHARSET', message: expect.stringContaining('UTF-8') });
    }
    for (const charset of ['utf-8', '"UTF-8"', 'utf8']) {
      const res = await a.inject({ method: 'POST', url: '/echo', payload: json, headers: { 'content-type': `application/json; charset=${charset}` } });
      expect(res.statusCode, charset).toBe(200);
    }
  });
});
