// The derived health client against real apps built by createHttpApp (which registers the health
// routes from the same descriptions), over real HTTP.
import { createHttpApp, type HttpApp } from '@ciclo/platform-http';
import { createLogger, createMetricsRegistry } from '@ciclo/platform-observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHealthClient } from './health-client';
import { HttpClientErrorCodes } from './http-client-error';

describe('createHealthClient (derived from healthRoutes)', () => {
  let app: HttpApp;
  let other: HttpApp;
  let baseUrl: string;
  let otherUrl: string;
  let databaseUp = true;

  beforeAll(async () => {
    const database = async () => {
      if (!databaseUp) throw new Error('connection refused');
    };
    app = createHttpApp({ app: 'probed', version: '1.2.3', logger: createLogger({ app: 't', level: 'silent' }), metrics: createMetricsRegistry('t'), readinessChecks: { database } });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    // Something else on the port: no health routes of ours, an HTML 404 of its own.
    other = createHttpApp({ app: 'x', version: 't', logger: createLogger({ app: 'x', level: 'silent' }), metrics: createMetricsRegistry('x'), readinessChecks: {} });
    other.addHook('onRequest', async (_request, reply) => reply.status(404).type('text/html').send('<h1>nothing here</h1>'));
    otherUrl = await other.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await app?.close();
    await other?.close();
  });

  it('reads liveness and a ready answer (200)', async () => {
    databaseUp = true;
    const health = createHealthClient({ baseUrl, service: 'probed' });
    expect(await health.live()).toEqual({ status: 'live', app: 'probed' });
    const ready = await health.readiness();
    expect(ready).toMatchObject({ status: 'ready', app: 'probed', version: '1.2.3', checks: { database: { status: 'up' } } });
  });

  it('reads a 503 as a readiness answer naming the dependencies that are down', async () => {
    databaseUp = false;
    const ready = await createHealthClient({ baseUrl }).readiness();
    expect(ready).toMatchObject({ status: 'not_ready', checks: { database: { status: 'down', error: 'connection refused' } } });
    databaseUp = true;
  });

  it('rejects with the status and body of any other answer', async () => {
    const error = await createHealthClient({ baseUrl: otherUrl, service: 'other' }).readiness().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: HttpClientErrorCodes.errorStatus, status: 404, path: '/health/ready', bodyFormat: 'text', body: '<h1>nothing here</h1>' });
  });
});
