import { ErrorBody, type ApiKeyPrincipal } from '@ciclo/platform-contracts';
import type { ApiKeyAuth, FastifyRequest } from '@ciclo/platform-http';
import type { AuditContext, ModelRegistry } from '@ciclo/registry-core';

/** What every registry route file needs. */
export interface RegistryRouteDeps {
  readonly registry: ModelRegistry;
  readonly auth: ApiKeyAuth;
  /** Largest artifact an upload may carry (decoded bytes). */
  readonly maxArtifactBytes: number;
}

/** OpenAPI: every `/v1` and `/v2` route takes an API key. */
export const secured = [{ bearer: [] }];

/** The error responses a route documents (all share the platform's ErrorBody). */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, typeof ErrorBody> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBody])) as Record<S, typeof ErrorBody>;
}

/** Who acts, for the audit trail; `requireRole` ran first, so a principal is always there. */
export function actorOf(request: FastifyRequest): { actor: string; principal: ApiKeyPrincipal; context: AuditContext } {
  const principal = request.principal;
  if (!principal) throw new Error('route reached without an authenticated principal (missing requireRole hook)');
  return { actor: principal.name, principal, context: { apiKeyId: principal.id, requestId: request.id } };
}
