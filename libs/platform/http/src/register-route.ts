import type { HttpRoute } from '@ciclo/platform-contracts';
import type {
  ContextConfigDefault,
  LogLevel,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { ApiKeyAuth } from './api-key-auth';
import type { HttpApp } from './create-http-app';
import { compileFastResponseSerialiser } from './fast-response-serialiser';

type Field<R, K extends string> = R extends { readonly [P in K]: infer S } ? S : undefined;

/** The Fastify schema of a route description (what the zod type provider infers request and reply types from). */
export interface RouteSchema<R extends HttpRoute> {
  readonly params: Field<R, 'pathParams'>;
  readonly querystring: Field<R, 'query'>;
  readonly body: Field<R, 'body'>;
  readonly response: R['responses'];
}

/**
 * A handler of route `R`: `request.params/query/body` are the parsed outputs of its schemas and
 * `reply.status(s).send(body)` / the returned value are checked against its response per status.
 */
export type RouteHandler<R extends HttpRoute> = RouteHandlerMethod<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  RouteGenericInterface,
  ContextConfigDefault,
  RouteSchema<R>,
  ZodTypeProvider
>;

export interface RegisterRouteOptions {
  /** Checks the key of routes that name a `role`; required for those. */
  readonly auth?: ApiKeyAuth;
  /** Largest accepted body of this route (uploads); the app's limit otherwise. */
  readonly bodyLimit?: number;
  /** Log level of this route's request lines (hot routes log less). */
  readonly logLevel?: LogLevel;
  /**
   * Where `app` is mounted when it is a plugin scope (e.g. `/v2`, for scoped error handlers): the
   * description holds the full path, Fastify adds the prefix back.
   */
  readonly prefix?: string;
  /** The served document's description instead of the contract's (to state a configured limit). */
  readonly description?: string;
  /**
   * `fast`: answers serialised by fast-json-stringify from the response schemas, without
   * re-validating them (hot routes whose answers typed code builds); `zod` (default) checks them.
   */
  readonly serialiser?: 'zod' | 'fast';
}

/** OpenAPI: routes that need a role take an API key as a bearer token. */
const BEARER = [{ bearer: [] }];

function scopedPath(path: string, prefix: string | undefined): string {
  if (prefix === undefined) return path;
  if (!path.startsWith(prefix)) throw new Error(`route ${path} is not under the scope prefix ${prefix}`);
  return path.slice(prefix.length);
}

/** The Fastify schema of a description, keys in the order the OpenAPI document lists them. */
function fastifySchema(route: HttpRoute, description: string | undefined): Record<string, unknown> {
  const text = description ?? route.description;
  return {
    ...(route.summary !== undefined ? { summary: route.summary } : {}),
    ...(text !== undefined ? { description: text } : {}),
    ...(route.tags !== undefined ? { tags: [...route.tags] } : {}),
    ...(route.role !== undefined ? { security: BEARER } : {}),
    ...(route.pathParams ? { params: route.pathParams } : {}),
    ...(route.query ? { querystring: route.query } : {}),
    ...(route.body ? { body: route.body } : {}),
    response: route.responses,
  };
}

/**
 * Registers one route from its description (libs/platform/contracts): method, path, the zod
 * schemas that validate the request and serialise each response status, the OpenAPI summary, and
 * the API-key role it needs. The same description derives the typed clients, so server and
 * clients cannot drift.
 */
export function registerRoute<R extends HttpRoute>(app: HttpApp, route: R, options: RegisterRouteOptions, handler: RouteHandler<R>): void {
  if (route.role !== undefined && !options.auth) throw new Error(`route ${route.method} ${route.path} needs role ${route.role} but no auth was given`);
  const onRequest = route.role !== undefined && options.auth ? options.auth.requireRole(route.role) : undefined;
  app.route({
    method: route.method,
    url: scopedPath(route.path, options.prefix),
    schema: fastifySchema(route, options.description),
    ...(onRequest ? { onRequest } : {}),
    ...(options.bodyLimit !== undefined ? { bodyLimit: options.bodyLimit } : {}),
    ...(options.logLevel !== undefined ? { logLevel: options.logLevel } : {}),
    ...(options.serialiser === 'fast' ? { serializerCompiler: ({ schema }: { schema: unknown }) => compileFastResponseSerialiser(schema as z.ZodType) } : {}),
    // The description's types were checked at the call site (RouteHandler<R>); Fastify's own
    // generic for a schema built at run time cannot carry them.
    handler: handler as RouteHandlerMethod,
  });
}
