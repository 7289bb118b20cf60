// The derived registry client against a real Fastify app that registers the same route
// descriptions (real HTTP; the handlers answer from memory instead of PostgreSQL).
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NotFoundError, registryRoutes, type ApiKeyPrincipal, type ModelView, type VersionView } from '@ciclo/platform-contracts';
import { createApiKeyAuth, createHttpApp, registerRoute, type HttpApp } from '@ciclo/platform-http';
import { createLogger, createMetricsRegistry } from '@ciclo/platform-observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClientError, HttpClientErrorCodes } from './http-client-error';
import { createRegistryClient } from './registry-client';

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const VIEWER: ApiKeyPrincipal = { id: '00000000-0000-4000-8000-000000000001', name: 'reader', role: 'viewer' };
const ADMIN: ApiKeyPrincipal = { id: '00000000-0000-4000-8000-000000000002', name: 'root', role: 'admin' };
const WEBHOOK_ID = '00000000-0000-4000-8000-0000000000aa';
const artifact = Uint8Array.from({ length: 4096 }, (_, i) => i % 251);
const sha256 = createHash('sha256').update(artifact).digest('hex');
const model: ModelView = {
  name: 'intent',
  task: 'intent',
  description: null,
  labels: ['a', 'b'],
  languages: [],
  policy: 'manual',
  gate: {},
  aliases: { production: 1 },
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
};
const version: VersionView = {
  model: 'intent',
  version: 1,
  sha256,
  sizeBytes: artifact.length,
  format: 'onnx',
  labels: ['a', 'b'],
  metrics: { macroF1: 0.9 },
  params: {},
  tags: [],
  description: null,
  confidenceThreshold: null,
  datasetSnapshotId: null,
  trainingRunId: null,
  createdBy: 'ana',
  createdAt: '2026-03-01T00:00:00.000Z',
  aliases: ['production'],
};

describe('createRegistryClient (derived from registryRoutes)', () => {
  let app: HttpApp;
  let baseUrl: string;
  const seen: { path: string; query: unknown; body: unknown }[] = [];

  beforeAll(async () => {
    app = createHttpApp({ app: 'registry-stub', version: 't', logger: createLogger({ app: 't', level: 'silent' }), metrics: createMetricsRegistry('t'), readinessChecks: {} });
    const auth = createApiKeyAuth({ verify: async (key) => (key === 'good' ? VIEWER : key === 'admin' ? ADMIN : null), failedAttempts: false });
    auth.install(app);
    // What a proxy or a crashed upstream answers instead of the app (`x-test-answer` picks one).
    app.addHook('onRequest', (request, reply, done) => {
      const answer = request.headers['x-test-answer'] ?? (request.headers['user-agent'] === 'json-artifact' ? 'json-artifact' : undefined);
      if (answer === 'html-502') void reply.status(502).header('content-type', 'application/json').send('<html><body>502 Bad Gateway</body></html>');
      else if (answer === 'html-200') void reply.status(200).type('text/html').send('<html>maintenance</html>');
      else if (answer === 'text-500') void reply.status(500).type('text/plain').send('upstream exploded');
      else if (answer === 'bare-503' || answer === 'bytes-500') {
        reply.hijack();
        reply.raw.writeHead(answer === 'bare-503' ? 503 : 500, answer === 'bytes-500' ? { 'content-type': 'application/octet-stream' } : {});
        reply.raw.end(answer === 'bare-503' ? 'try later' : Buffer.from([1, 2, 3]));
      } else if (answer === 'json-artifact') void reply.status(200).send({ not: 'bytes' });
      else done();
    });
    const notFound = (what: string) => new NotFoundError('CICLO_ERR_REGISTRY_MODEL_NOT_FOUND', `No model named "${what}"`);
    registerRoute(app, registryRoutes.listModels, { auth }, async () => ({ models: [model] }));
    registerRoute(app, registryRoutes.getModel, { auth }, async (request, reply) => {
      if (request.params.name !== 'intent') throw notFound(request.params.name);
      // An answer off-contract (sent as text, past the server's own response check), to see the client refuse it.
      if (request.headers['x-test-break']) return reply.type('application/json; charset=utf-8').send(JSON.stringify({ ...model, labels: 'oops' }) as never);
      return model;
    });
    registerRoute(app, registryRoutes.getVersion, { auth }, async (request) => ({ ...version, version: request.params.version }));
    // Echoes the Idempotency-Key it received in the description.
    registerRoute(app, registryRoutes.createModel, { auth }, async (request, reply) =>
      reply.status(201).send({ ...model, name: request.body.name, description: String(request.headers['idempotency-key'] ?? '') || null }),
    );
    registerRoute(app, registryRoutes.modelHistory, { auth }, async (request) => {
      seen.push({ path: request.url, query: request.query, body: null });
      return { events: [] };
    });
    // Viewer may not promote: the client must surface the 403 with the app's code.
    registerRoute(app, registryRoutes.setAlias, { auth }, async () => {
      throw new Error('unreachable: role check runs first');
    });
    registerRoute(app, registryRoutes.downloadArtifact, { auth }, async (_request, reply) =>
      reply.header('x-ciclo-sha256', sha256).header('content-type', 'application/octet-stream').send(Buffer.from(artifact)),
    );
    registerRoute(app, registryRoutes.removeWebhook, { auth }, async (request, reply) => {
      if (request.params.id !== WEBHOOK_ID) throw new NotFoundError('CICLO_ERR_REGISTRY_WEBHOOK_NOT_FOUND', 'No such webhook');
      return reply.status(204).send(null);
    });
    registerRoute(app, registryRoutes.getSamples, { auth }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { samples: [] };
    });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    // An aborted call (the timeout test) leaves its keep-alive socket open; do not wait for it.
    app?.server.closeAllConnections();
    await app?.close();
  });

  it('calls routes with typed params and query, and parses the answers', async () => {
    const client = createRegistryClient({ baseUrl, apiKey: 'good' });
    expect((await client.listModels()).models).toEqual([model]);
    expect(await client.getModel({ params: { name: 'intent' } })).toEqual(model);
    const v = await client.getVersion({ params: { name: 'intent', version: 3 } });
    expect(v.version).toBe(3);
    expect(await client.modelHistory({ params: { name: 'intent' }, query: { limit: 5 } })).toEqual({ events: [] });
    expect(seen.at(-1)).toMatchObject({ path: '/v1/models/intent/history?limit=5', query: { limit: 5 } });
  });

  it('sends an Idempotency-Key when the call names one', async () => {
    const client = createRegistryClient({ baseUrl, apiKey: 'admin' });
    const operation = '5f0c2b8e-3d0a-4c4e-9a51-0c9d1f7e2a61';
    const keyed = await client.createModel({ body: { name: 'keyed', task: 'intent' } }, { idempotencyKey: operation });
    expect(keyed.description).toBe(operation);
    expect((await client.createModel({ body: { name: 'plain', task: 'intent' } })).description).toBeNull();
  });

  it('downloads an artifact as bytes with its declared sha256', async () => {
    const client = createRegistryClient({ baseUrl, apiKey: 'good' });
    const downloaded = await client.downloadArtifact({ params: { name: 'intent', version: 1 } });
    expect(downloaded.declaredSha256).toBe(sha256);
    expect(downloaded.bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(downloaded.bytes).equals(Buffer.from(artifact))).toBe(true);

    // A JSON answer where bytes were due (the stub picks it by user-agent: the client sends no other header).
    const notBytes = await createRegistryClient({ baseUrl, apiKey: 'good', userAgent: 'json-artifact' })
      .downloadArtifact({ params: { name: 'intent', version: 1 } })
      .catch((e: unknown) => e);
    expect(notBytes).toMatchObject({ code: HttpClientErrorCodes.badResponse, status: 200, reason: 'not bytes', path: '/v1/models/intent/versions/1/artifact' });
  });

  it('answers a 204 route (removeWebhook) with null, and its 404 as an error', async () => {
    const client = createRegistryClient({ baseUrl, apiKey: 'admin' });
    expect(await client.removeWebhook({ params: { name: 'intent', id: WEBHOOK_ID } })).toBeNull();
    const missing = await client.removeWebhook({ params: { name: 'intent', id: '00000000-0000-4000-8000-0000000000bb' } }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: HttpClientErrorCodes.errorStatus, status: 404, remoteCode: 'CICLO_ERR_REGISTRY_WEBHOOK_NOT_FOUND' });
  });

  it('turns error statuses into HttpClientError with status, path and the app code', async () => {
    const client = createRegistryClient({ baseUrl, apiKey: 'good' });
    const missing = await client.getModel({ params: { name: 'nope' } }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(HttpClientError);
    expect(missing).toMatchObject({ code: HttpClientErrorCodes.errorStatus, status: 404, path: '/v1/models/nope', remoteCode: 'CICLO_ERR_REGISTRY_MODEL_NOT_FOUND', remoteMessage: 'No model named "nope"' });
    expect((missing as Error).message).toBe('model registry answered 404 for GET /v1/models/nope: CICLO_ERR_REGISTRY_MODEL_NOT_FOUND: No model named "nope"');

    const forbidden = await client.setAlias({ params: { name: 'intent', alias: 'production' }, body: { version: 1, reason: 'r' } }).catch((e: unknown) => e);
    expect(forbidden).toMatchObject({ status: 403, remoteCode: 'CICLO_ERR_AUTH_FORBIDDEN' });

    const badKey = await createRegistryClient({ baseUrl, apiKey: 'bad' }).listModels().catch((e: unknown) => e);
    expect(badKey).toMatchObject({ status: 401, remoteCode: 'CICLO_ERR_AUTH_INVALID_KEY' });
  });

  it('encodes path params so a name cannot change the path', async () => {
    const client = createRegistryClient({ baseUrl, apiKey: 'good' });
    const error = await client.getModel({ params: { name: '../v1/models' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, path: '/v1/models/..%2Fv1%2Fmodels' });
  });

  it('refuses a 2xx body that breaks the response schema', async () => {
    const { deriveClient } = await import('./derive-client');
    const { client } = deriveClient(registryRoutes, { service: 'model registry', baseUrl, headers: { authorization: 'Bearer good', 'x-test-break': '1' } });
    const error = await client.getModel({ params: { name: 'intent' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: HttpClientErrorCodes.badResponse, status: 200, reason: 'Invalid input: expected array, received string' });
    expect((error as Error).message).toBe('model registry sent an unexpected body for GET /v1/models/intent: labels Invalid input: expected array, received string');
  });

  it('keeps the status and text of an answer that is not JSON, whatever its content-type says', async () => {
    const { deriveClient } = await import('./derive-client');
    const call = (answer: string) =>
      deriveClient(registryRoutes, { service: 'model registry', baseUrl, headers: { authorization: 'Bearer good', 'x-test-answer': answer } })
        .client.listModels()
        .catch((e: unknown) => e);
    const [html, text, bare, bytes] = await Promise.all([call('html-502'), call('text-500'), call('bare-503'), call('bytes-500')]);
    // A proxy's HTML page declared as JSON: still an error status, with the page's text.
    expect(html).toMatchObject({ code: HttpClientErrorCodes.errorStatus, status: 502, bodyFormat: 'text', body: '<html><body>502 Bad Gateway</body></html>', remoteCode: null });
    expect((html as Error).message).toBe('model registry answered 502 for GET /v1/models: <html><body>502 Bad Gateway</body></html>');
    expect(text).toMatchObject({ status: 500, bodyFormat: 'text', body: 'upstream exploded' });
    expect((text as Error).message).toBe('model registry answered 500 for GET /v1/models: upstream exploded');
    expect(bare).toMatchObject({ status: 503, bodyFormat: 'text', body: 'try later' });
    expect((bare as Error).message).toBe('model registry answered 503 for GET /v1/models: try later');
    expect(bytes).toMatchObject({ status: 500, bodyFormat: 'bytes' });
    expect((bytes as Error).message).toBe('model registry answered 500 for GET /v1/models: Internal Server Error');
  });

  it('refuses a 2xx body that is not JSON, keeping its status', async () => {
    const { deriveClient } = await import('./derive-client');
    const { raw } = deriveClient(registryRoutes, { service: 'model registry', baseUrl, headers: { authorization: 'Bearer good' } });
    // The artifact route answers bytes: fine for it, while a route due to answer JSON refuses text.
    expect((await raw('downloadArtifact', { params: { name: 'intent', version: 1 } })).body).toBeInstanceOf(Uint8Array);
    const error = await deriveClient(registryRoutes, { service: 'model registry', baseUrl, headers: { authorization: 'Bearer good', 'x-test-answer': 'html-200' } })
      .client.listModels()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: HttpClientErrorCodes.badResponse, status: 200, reason: 'not JSON', bodyFormat: 'text', body: '<html>maintenance</html>' });
    expect((error as Error).message).toBe('model registry sent a body that is not JSON for GET /v1/models');
  });

  it('times out per call and reports an app that does not answer', async () => {
    const client = createRegistryClient({ baseUrl, apiKey: 'good', timeoutMs: 50 });
    const slow = await client.getSamples({ params: { name: 'intent', version: 1 } }).catch((e: unknown) => e);
    expect(slow).toMatchObject({ code: HttpClientErrorCodes.unreachable, status: null });
    expect((slow as Error).message).toBe(`model registry unreachable at ${baseUrl} (no answer within 50 ms)`);
    expect(await client.getSamples({ params: { name: 'intent', version: 1 } }, { timeoutMs: 5_000 })).toEqual({ samples: [] });

    const closed = await closedPort();
    const down = await createRegistryClient({ baseUrl: `http://127.0.0.1:${closed}`, apiKey: 'good' }).listModels().catch((e: unknown) => e);
    expect(down).toMatchObject({ code: HttpClientErrorCodes.unreachable, status: null });
    expect((down as Error).message).toMatch(new RegExp(`^model registry unreachable at http://127\\.0\\.0\\.1:${closed} \\(.*ECONNREFUSED.*\\)$`));
  });
});

/** Compile-time checks: the derived calls are typed from the catalog (never run). */
export async function typeChecks(): Promise<void> {
  const client = createRegistryClient({ baseUrl: 'http://x', apiKey: 'k' });
  const models = await client.listModels();
  // @ts-expect-error `models` holds ModelView objects
  const wrong: string[] = models.models;
  // @ts-expect-error `name` is required
  await client.getModel({ params: {} });
  // @ts-expect-error the body needs a reason
  await client.setAlias({ params: { name: 'intent', alias: 'production' }, body: { version: 2 } });
  const change = await client.setAlias({ params: { name: 'intent', alias: 'production' }, body: { version: 2, reason: 'r' } });
  const to: number | null = change.toVersion;
  void wrong;
  void to;
}
