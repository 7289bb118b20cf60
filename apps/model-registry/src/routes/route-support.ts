import type { ApiKeyPrincipal } from '@ciclo/platform-contracts';
import type { ApiKeyAuth, FastifyRequest } from '@ciclo/platform-http';
import type { AuditContext, ModelRegistry } from '@ciclo/registry-core';

/** What every registry route file needs. */
export interface RegistryRouteDeps {
  readonly registry: ModelRegistry;
  readonly auth: ApiKeyAuth;
  /** Largest artifact an upload may carry (decoded bytes). */
  readonly maxArtifactBytes: number;
}

/** Who acts, for the audit trail; the route's role check ran first, so a principal is always there. */
export function actorOf(request: FastifyRequest): { actor: string; principal: ApiKeyPrincipal; context: AuditContext } {
  const principal = request.principal;
  if (!principal) throw new Error('route reached without an authenticated principal (missing requireRole hook)');
  return { actor: principal.name, principal, context: { apiKeyId: principal.id, requestId: request.id } };
}
