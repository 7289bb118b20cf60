import { PLATFORM_VERSION, registryRoutes } from '@ciclo/platform-contracts';
import { registerOpenApi, type HttpApp } from '@ciclo/platform-http';
import { createModelRegistry, type ArtifactStore, type ModelRegistry } from '@ciclo/registry-core';
import type { ServiceContext } from '@ciclo/platform-runtime';
import { configureApiKeys, type ApiKeyWiring } from './api-keys';
import { installIdempotencyHooks } from './idempotency/idempotency-hooks';
import { createIdempotencyMetrics } from './idempotency/idempotency-metrics';
import { createIdempotencyStore, type IdempotencyStore } from './idempotency/idempotency-store';
import { registerAliasRoutes } from './routes/aliases';
import { registerApprovalRoutes } from './routes/approvals';
import { registerWebhookRoutes } from './routes/webhooks';
import { registerAuditRoutes } from './routes/audit';
import { registerModelRoutes } from './routes/models';
import { registerOipRoutes } from './routes/oip';
import { registerUiRoutes } from './routes/ui';
import type { RegistryRouteDeps } from './routes/route-support';
import { registerVersionRoutes } from './routes/versions';

export interface RegistryAppOptions {
  readonly artifacts: ArtifactStore;
  /** Largest artifact an upload may carry; larger ones get 413 and nothing is written. */
  readonly maxArtifactBytes: number;
  /** Clock of history and audit entries (tests move it). */
  readonly now?: () => Date;
  /** How long an `Idempotency-Key` and its first answer are kept (default 24 h). */
  readonly idempotencyRetentionMs?: number;
  /** Clock of idempotency records (tests move it to expire them). */
  readonly idempotencyClock?: () => Date;
}

export interface RegistryApp extends ApiKeyWiring {
  readonly registry: ModelRegistry;
  /** The `Idempotency-Key` records (the upkeep job purges expired ones). */
  readonly idempotency: IdempotencyStore;
}

/** Every registry route on `app`, all in one place so tests and main.ts build the same thing. */
export function registerRegistryRoutes(app: HttpApp, deps: RegistryRouteDeps): void {
  registerModelRoutes(app, deps);
  registerVersionRoutes(app, deps);
  registerAliasRoutes(app, deps);
  registerApprovalRoutes(app, deps);
  registerWebhookRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerOipRoutes(app, deps);
  registerUiRoutes(app);
}

/**
 * The whole registry app on a service context: OpenAPI (`/docs`, registered first so it sees
 * every route), `Idempotency-Key` on every creating route (installed before any route is
 * registered), API keys and their routes, the registry core, its HTTP API and the web page (`/ui`).
 */
export async function configureRegistryApp(context: Pick<ServiceContext, 'db' | 'app' | 'metrics'>, options: RegistryAppOptions): Promise<RegistryApp> {
  await registerOpenApi(context.app, {
    title: 'Ciclo model registry',
    version: PLATFORM_VERSION,
    description: 'Models, versions, artifacts, aliases, approvals and audit. Reads need a viewer key, registering and promoting data-scientist, forcing and key management admin.',
  });
  const idempotency = createIdempotencyStore({
    db: context.db,
    ...(options.idempotencyRetentionMs !== undefined ? { retentionMs: options.idempotencyRetentionMs } : {}),
    ...(options.idempotencyClock ? { now: options.idempotencyClock } : {}),
  });
  installIdempotencyHooks(context.app, { store: idempotency, routes: registryRoutes, metrics: createIdempotencyMetrics(context.metrics) });
  const wiring = configureApiKeys(context);
  const registry = createModelRegistry({
    db: context.db,
    artifacts: options.artifacts,
    maxArtifactBytes: options.maxArtifactBytes,
    ...(options.now ? { now: options.now } : {}),
  });
  registerRegistryRoutes(context.app, { registry, auth: wiring.auth, maxArtifactBytes: options.maxArtifactBytes });
  return { ...wiring, registry, idempotency };
}
