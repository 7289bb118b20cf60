import { createAliasHistoryService, type AliasHistoryService } from './alias-history-service';
import { createAliasService, type AliasService } from './alias-service';
import { createArtifactService, type ArtifactService } from './artifact-service';
import { createAuditLogService, type AuditLogService } from './audit-log-service';
import type { ModelRegistryOptions } from './model-registry-options';
import { createModelService, type ModelService } from './model-service';
import { createPromotionService, type PromotionService } from './promotion-service';
import { createRegistryContext } from './registry-context';
import { createVersionService, type VersionService } from './version-service';
import { createWebhookService, type WebhookService } from './webhook-service';

/** The registry as apps use it: one object, one service per concern behind it. */
export type ModelRegistry = ModelService & VersionService & ArtifactService & AliasService & AliasHistoryService & PromotionService & WebhookService & AuditLogService;

/**
 * The model registry's core: models, immutable content-addressed versions, aliases with a
 * permanent history, the promotion gate, webhooks and the audit trail. Every mutation is one
 * PostgreSQL transaction holding the model's row lock, writing its audit row (and, for alias
 * moves, the history entry and the `model.alias.changed` outbox event) together with the change.
 */
export function createModelRegistry(options: ModelRegistryOptions): ModelRegistry {
  const ctx = createRegistryContext(options);
  const artifacts = createArtifactService(ctx, options.artifacts, options.maxArtifactBytes);
  const aliases = createAliasService(ctx, options.gatedAliases ?? ['production']);
  return {
    ...createModelService(ctx),
    ...createVersionService(ctx, { intake: artifacts.intake, autoPromote: aliases.autoPromote }),
    ...artifacts.service,
    ...aliases.service,
    ...createAliasHistoryService(ctx),
    ...createPromotionService(ctx, aliases.service.setAlias),
    ...createWebhookService(ctx),
    ...createAuditLogService(ctx),
  };
}
