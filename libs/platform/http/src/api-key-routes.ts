import { apiKeyRoutes, NotFoundError, type ApiKeyRole, type ApiKeyView, type CreatedApiKey } from '@ciclo/platform-contracts';
import type { FastifyRequest } from 'fastify';
import type { ApiKeyAuth } from './api-key-auth';
import { AuthErrorCodes } from './auth-errors';
import type { HttpApp } from './create-http-app';
import { registerRoute } from './register-route';

/** Who did it, as recorded with the key and in the audit log. */
export interface ApiKeyRouteActor {
  readonly name: string;
  readonly apiKeyId?: string;
}

/** What the routes need from the key store (`createApiKeyService` of @ciclo/platform-db fits). */
export interface ApiKeyStore {
  list(): Promise<ApiKeyView[]>;
  issue(input: { name: string; role: ApiKeyRole; createdBy: ApiKeyRouteActor }): Promise<CreatedApiKey>;
  revoke(id: string, actor: ApiKeyRouteActor): Promise<ApiKeyView | null>;
}

export interface ApiKeyRoutesOptions {
  readonly keys: ApiKeyStore;
  readonly auth: ApiKeyAuth;
}

function actorOf(request: FastifyRequest): ApiKeyRouteActor {
  const principal = request.principal;
  // requireRole ran first, so there is one; the fallback only keeps the types honest.
  return principal ? { name: principal.name, apiKeyId: principal.id } : { name: 'unknown' };
}

/**
 * Key management, admin only: `GET /v1/api-keys`, `POST /v1/api-keys` (201 with the plaintext
 * key, the one time it is shown) and `DELETE /v1/api-keys/:id` (204, idempotent).
 */
export function registerApiKeyRoutes(app: HttpApp, options: ApiKeyRoutesOptions): void {
  const { keys, auth } = options;

  registerRoute(app, apiKeyRoutes.listApiKeys, { auth }, async () => ({ keys: await keys.list() }));

  registerRoute(app, apiKeyRoutes.createApiKey, { auth }, async (request, reply) => {
    const created = await keys.issue({ name: request.body.name, role: request.body.role, createdBy: actorOf(request) });
    // The only copy of the key: no cache may keep it.
    return reply.status(201).header('cache-control', 'no-store').send(created);
  });

  registerRoute(app, apiKeyRoutes.revokeApiKey, { auth }, async (request, reply) => {
    const revoked = await keys.revoke(request.params.id, actorOf(request));
    if (!revoked) throw new NotFoundError(AuthErrorCodes.keyNotFound, `No API key with id ${request.params.id}`);
    return reply.status(204).send(null);
  });
}
