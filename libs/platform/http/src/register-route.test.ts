import { defineRoute, errorResponses, type ApiKeyPrincipal } from '@ciclo/platform-contracts';
import { createLogger, createMetricsRegistry } from '@ciclo/platform-observability';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiKeyAuth } from './api-key-auth';
import { createHttpApp, type HttpApp } from './create-http-app';
import { registerOpenApi } from './open-api';
import { registerRoute } from './register-route';

const Item = z.object({ id: z.number().int(), name: z.string(), tags: z.array(z.string()) });
const routes = {
  getItem: defineRoute({
    method: 'GET',
    path: '/v1/items/:id',
    role: 'viewer',
    summary: 'Get an item',
    tags: ['items'],
    pathParams: z.object({ id: z.coerce.number().int().positive() }),
    query: z.object({ verbose: z.enum(['yes', 'no']).optional() }),
    responses: { 200: Item, ...errorResponses(400, 401, 404) },
  }),
  createItem: defineRoute({
    method: 'POST',
    path: '/v1/items',
    role: 'admin',
    summary: 'Create an item',
    body: z.object({ name: z.string().min(1) }),
    responses: { 201: Item, ...errorResponses(400, 401, 403) },
  }),
  ping: defineRoute({ method: 'GET', path: '/v2/ping', summary: 'Public ping', responses: { 200: z.object({ pong: z.boolean() }) } }),
};

const principals: Record<string, ApiKeyPrincipal> = {
  viewer: { id: '00000000-0000-4000-8000-000000000001', name: 'vi', role: 'viewer' },
  admin: { id: '00000000-0000-4000-8000-000000000002', name: 'ad', role: 'admin' },
};

describe('registerRoute', () => {
  let app: HttpApp;
  afterEach(() => app?.close());

  async function build(): Promise<HttpApp> {
    app = createHttpApp({ app: 't', version: 't', logger: createLogger({ app: 't', level: 'silent' }), metrics: createMetricsRegistry('t'), readinessChecks: {} });
    await registerOpenApi(app, { title: 'T', version: '1' });
    const auth = createApiKeyAuth({ verify: async (key) => principals[key] ?? null, failedAttempts: false });
    auth.install(app);
    registerRoute(app, routes.getItem, { auth }, async (request) => {
      // Typed from the description: params.id is the coerced number, query.verbose the enum.
      const id: number = request.params.id;
      const verbose: 'yes' | 'no' | undefined = request.query.verbose;
      return { id, name: verbose === 'yes' ? 'verbose item' : 'item', tags: [] };
    });
    registerRoute(app, routes.createItem, { auth, bodyLimit: 200 }, async (request, reply) => reply.status(201).send({ id: 7, name: request.body.name, tags: ['new'] }));
    await app.register(async (scope: HttpApp) => registerRoute(scope, routes.ping, { prefix: '/v2' }, async () => ({ pong: true })), { prefix: '/v2' });
    return app;
  }

  it('validates params, query and body from the description and answers with its schemas', async () => {
    await build();
    const auth = { authorization: 'Bearer viewer' };
    const ok = await app.inject({ url: '/v1/items/3?verbose=yes', headers: auth });
    expect({ status: ok.statusCode, body: ok.json() }).toEqual({ status: 200, body: { id: 3, name: 'verbose item', tags: [] } });
    const badParam = await app.inject({ url: '/v1/items/zero', headers: auth });
    expect(badParam.statusCode).toBe(400);
    expect(badParam.json().error.code).toBe('CICLO_ERR_HTTP_VALIDATION');
    const badQuery = await app.inject({ url: '/v1/items/3?verbose=maybe', headers: auth });
    expect(badQuery.json().error.message).toContain('querystring.verbose');
    const created = await app.inject({ method: 'POST', url: '/v1/items', headers: { authorization: 'Bearer admin' }, payload: { name: 'x' } });
    expect({ status: created.statusCode, body: created.json() }).toEqual({ status: 201, body: { id: 7, name: 'x', tags: ['new'] } });
    const tooBig = await app.inject({ method: 'POST', url: '/v1/items', headers: { authorization: 'Bearer admin' }, payload: { name: 'x'.repeat(300) } });
    expect(tooBig.statusCode).toBe(413);
    expect((await app.inject({ url: '/v2/ping' })).json()).toEqual({ pong: true });
  });

  it('enforces the role the description names', async () => {
    await build();
    expect((await app.inject({ url: '/v1/items/1' })).statusCode).toBe(401);
    const forbidden = await app.inject({ method: 'POST', url: '/v1/items', headers: { authorization: 'Bearer viewer' }, payload: { name: 'x' } });
    expect(forbidden.statusCode).toBe(403);
    expect((await app.inject({ url: '/v2/ping' })).statusCode).toBe(200);
  });

  it('documents summary, tags, security and schemas in the OpenAPI document', async () => {
    await build();
    const doc = (await app.inject({ url: '/docs/openapi.json' })).json<{ paths: Record<string, Record<string, { summary?: string; tags?: string[]; security?: unknown[]; parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>> }>();
    const get = doc.paths['/v1/items/{id}']?.get;
    expect(get?.summary).toBe('Get an item');
    expect(get?.tags).toEqual(['items']);
    expect(get?.security).toEqual([{ bearer: [] }]);
    expect(get?.parameters?.map((p) => `${p.in}:${p.name}`).sort()).toEqual(['path:id', 'query:verbose']);
    expect(Object.keys(get?.responses ?? {}).sort()).toEqual(['200', '400', '401', '404']);
    expect(doc.paths['/v2/ping']?.get?.security).toBeUndefined();
  });

  it('serialises with fast-json-stringify when asked: the schema\'s properties only, same JSON', async () => {
    app = createHttpApp({ app: 't', version: 't', logger: createLogger({ app: 't', level: 'silent' }), metrics: createMetricsRegistry('t'), readinessChecks: {} });
    const extra = { id: 1, name: 'x', tags: ['a'], internal: 'not in the schema' };
    registerRoute(app, routes.ping, { serialiser: 'fast' }, async () => ({ pong: true }));
    registerRoute(app, { ...routes.getItem, role: undefined }, { serialiser: 'fast' }, async () => extra);
    expect((await app.inject({ url: '/v2/ping' })).body).toBe('{"pong":true}');
    expect((await app.inject({ url: '/v1/items/1' })).json()).toEqual({ id: 1, name: 'x', tags: ['a'] });
  });

  it('refuses a role-guarded route without auth, and a path outside the scope prefix', async () => {
    app = createHttpApp({ app: 't', version: 't', logger: createLogger({ app: 't', level: 'silent' }), metrics: createMetricsRegistry('t'), readinessChecks: {} });
    expect(() => registerRoute(app, routes.getItem, {}, async () => ({ id: 1, name: 'x', tags: [] }))).toThrow(/needs role viewer/);
    expect(() => registerRoute(app, routes.ping, { prefix: '/v3' }, async () => ({ pong: true }))).toThrow(/not under the scope prefix/);
  });
});

/** Compile-time checks: the handler's types come from the description (never run). */
export function typeChecks(app: HttpApp): void {
  registerRoute(app, routes.getItem, {}, async (request) => {
    // @ts-expect-error params.id is a number
    const id: string = request.params.id;
    // @ts-expect-error no such query field
    void request.query.page;
    return { id: 1, name: id, tags: [] };
  });
  // @ts-expect-error the 200 body lacks `tags`
  registerRoute(app, routes.getItem, {}, async () => ({ id: 1, name: 'x' }));
  registerRoute(app, routes.createItem, {}, async (request, reply) => {
    // @ts-expect-error body has no `id`
    void request.body.id;
    // @ts-expect-error 201 body must be an Item
    return reply.status(201).send({ nope: true });
  });
}
