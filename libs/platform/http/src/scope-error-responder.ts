import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpApp } from './create-http-app';
import { RouteNotFoundError } from './http-errors';

/** Answers an error in a scope's own shape (a protocol's, say); the status and code come from `mapError`. */
export type ErrorResponder = (error: unknown, request: FastifyRequest, reply: FastifyReply) => FastifyReply;

interface ScopedResponder {
  readonly prefix: string;
  readonly respond: ErrorResponder;
}

/** Per app (keyed by its server, which every scope of the app shares): the scopes that answer errors their own way. */
const scopedResponders = new WeakMap<object, ScopedResponder[]>();

const isUnder = (path: string, prefix: string) => prefix !== '' && (path === prefix || path.startsWith(`${prefix}/`));

/**
 * Makes `respond` answer every error of a request under `scope`'s prefix: its routes' errors, its
 * unknown paths, and — which Fastify's scoped handlers do not reach — what the router rejects
 * before any route is found (a path that does not decode, a parameter too long), which would
 * otherwise get the app-wide shape although the scope documents its own.
 */
export function useScopeErrorResponder(scope: HttpApp, respond: ErrorResponder): void {
  scope.setErrorHandler((error, request, reply) => respond(error, request, reply));
  scope.setNotFoundHandler((request, reply) => respond(new RouteNotFoundError(request.method, request.url), request, reply));
  const list = scopedResponders.get(scope.server) ?? [];
  list.push({ prefix: scope.prefix, respond });
  scopedResponders.set(scope.server, list);
}

/** The responder of the scope `url` falls under in the app served by `server`, if one claimed it. */
export function scopeErrorResponderFor(server: object, url: string): ErrorResponder | undefined {
  const path = url.split('?')[0] ?? url;
  return scopedResponders.get(server)?.find((scoped) => isUnder(path, scoped.prefix))?.respond;
}
