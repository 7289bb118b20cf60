import type { z } from 'zod';
import { ErrorBody } from '../errors/error-body';
import type { ApiKeyRole } from './api-keys';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One HTTP route, described once: the server registers it from this (libs/platform/http
 * `registerRoute`) and the typed clients are derived from it (libs/platform/clients). The shape is
 * the one contract-driven clients read (method, path, pathParams, query, body, responses).
 */
export interface HttpRoute {
  readonly method: HttpMethod;
  /** Fastify/ts-rest path syntax: `/v1/models/:name`. */
  readonly path: string;
  readonly pathParams?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** Every status the route answers with, errors included, each with its body schema. */
  readonly responses: Readonly<Record<number, z.ZodType>>;
  readonly summary?: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  /** The API-key role the route needs; omitted = public (health, inference on the platform network). */
  readonly role?: ApiKeyRole;
  /**
   * The route creates something and takes an `Idempotency-Key` header (see http/idempotency.ts):
   * a repeat answers the first result instead of creating again.
   */
  readonly acceptsIdempotencyKey?: true;
  /** A status outside `responses` is a contract violation, not a silent `unknown`. */
  readonly strictStatusCodes: true;
}

/** Keeps the literal types of a route (path, method, schemas) so servers and clients can infer from them. */
export function defineRoute<const R extends Omit<HttpRoute, 'strictStatusCodes'>>(route: R): R & { readonly strictStatusCodes: true } {
  return { ...route, strictStatusCodes: true };
}

/** The error responses a platform route documents: all share the platform's ErrorBody. */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, typeof ErrorBody> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBody])) as Record<S, typeof ErrorBody>;
}
