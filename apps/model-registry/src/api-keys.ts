import { createApiKeyService, type ApiKeyService } from '@ciclo/platform-db';
import { createApiKeyAuth, registerApiKeyRoutes, type ApiKeyAuth } from '@ciclo/platform-http';
import type { ServiceContext } from '@ciclo/platform-runtime';

export interface ApiKeyWiring {
  readonly keys: ApiKeyService;
  /** `auth.requireRole(role)` guards every mutating route of this app. */
  readonly auth: ApiKeyAuth;
}

/**
 * API keys for the registry: `request.principal` on every request, the key management routes
 * (`/v1/api-keys`, admin only), and the `auth` the registry's own routes guard themselves with.
 */
export function configureApiKeys(context: Pick<ServiceContext, 'db' | 'app'>): ApiKeyWiring {
  const keys = createApiKeyService(context.db);
  const auth = createApiKeyAuth({ verify: (key) => keys.verify(key) });
  auth.install(context.app);
  registerApiKeyRoutes(context.app, { keys, auth });
  return { keys, auth };
}
