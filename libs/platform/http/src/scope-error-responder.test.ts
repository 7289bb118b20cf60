import { PassThrough } from 'node:stream';
import { AppError } from '@ciclo/platform-contracts';
import { createLogger, createMetricsRegistry } from '@ciclo/platform-observability';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpApp, type HttpApp } from './create-http-app';
import { mapError } from './error-handler';
import { useScopeErrorResponder } from './scope-error-responder';

let app: HttpApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** An app whose `/proto` scope answers errors as `{ "error": "…", "code": "…" }`, like the Open Inference Protocol. */
async function build(): Promise<HttpApp> {
  app = createHttpApp({
    app: 'test-app',
    version: '1',
    logger: createLogger({ app: 'test', level: 'silent', destination: new PassThrough() }),
    metrics: createMetricsRegistry('test-app'),
    readinessChecks: {},
  });
  app.get('/v1/things/:name', async (request) => request.params);
  await app.register(
    async (scope: HttpApp) => {
      useScopeErrorResponder(scope, (error, request, reply) => {
        const { status, body } = mapError(error, request.id);
        return reply.status(status).send({ error: body.error.message, code: body.error.code });
      });
      scope.get('/things/:name', async (request) => request.params);
      scope.get('/teapot', async () => {
        throw new AppError('CICLO_ERR_TEST_TEAPOT', 'use a kettle', 418);
      });
    },
    { prefix: '/proto' },
  );
  return app;
}

describe('useScopeErrorResponder', () => {
  it('answers route errors, unknown paths and paths the router cannot decode in the scope’s shape (issue #10: malformed /v2 paths)', async () => {
    const a = await build();
    const cases: [url: string, status: number, code: string][] = [
      ['/proto/teapot', 418, 'CICLO_ERR_TEST_TEAPOT'],
      ['/proto/nope', 404, 'CICLO_ERR_HTTP_ROUTE_NOT_FOUND'],
      ['/proto/things/%ff', 400, 'CICLO_ERR_HTTP_MALFORMED_URL'],
      ['/proto/things/%ED%A0%80?x=1', 400, 'CICLO_ERR_HTTP_MALFORMED_URL'],
      [`/proto/things/${'a'.repeat(200)}`, 414, 'CICLO_ERR_HTTP_414'],
    ];
    for (const [url, status, code] of cases) {
      const res = await a.inject({ url, headers: { 'x-request-id': 'req-1' } });
      expect({ url, status: res.statusCode, body: res.json() }).toEqual({ url, status, body: { error: expect.any(String), code } });
      expect(res.headers['x-request-id']).toBe('req-1');
    }
  });

  it('leaves the platform shape outside the scope, a path that only starts like its prefix included', async () => {
    const a = await build();
    for (const url of ['/v1/things/%ff', '/protocol/%ff', '/nope']) {
      const res = await a.inject(url);
      expect(res.json(), url).toEqual({ error: expect.objectContaining({ code: expect.stringMatching(/^CICLO_ERR_HTTP_/), message: expect.any(String) }) });
    }
    expect((await a.inject('/proto/things/caf%C3%A9')).json()).toEqual({ name: 'café' });
  });
});
