import { apiKeyRoutes } from './api-key-routes';
import { registryAliasRoutes } from './registry-alias-routes';
import { registryModelRoutes } from './registry-model-routes';
import { registryReadRoutes } from './registry-read-routes';
import { registryVersionRoutes } from './registry-version-routes';
import { registryWebhookRoutes } from './registry-webhook-routes';

/**
 * Every HTTP route of the model registry (apps/model-registry), described once. The app registers
 * each with `registerRoute`; `createRegistryClient` (@ciclo/platform-clients) is derived from it.
 * Every route takes an API key (`role`): reads viewer, mutations data-scientist, keys/webhooks admin.
 */
export const registryRoutes = {
  ...apiKeyRoutes,
  ...registryModelRoutes,
  ...registryVersionRoutes,
  ...registryAliasRoutes,
  ...registryWebhookRoutes,
  ...registryReadRoutes,
};
export type RegistryRoutes = typeof registryRoutes;
