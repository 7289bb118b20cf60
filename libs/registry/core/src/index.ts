// Public API of the model registry's core (issue #4 parts 1–4). HTTP routes, UI and CLI live in apps.

// ── Registry ──
export { createModelRegistry, type ModelRegistry } from './model-registry';
export type { ModelRegistryOptions } from './model-registry-options';
export type { CreateModelInput, UpdatePolicyInput } from './model-service';
export type { RegisterVersionInput, RegisterVersionResult } from './version-service';
export {
  AUTO_PROMOTE_ACTOR,
  type AliasChange,
  type AliasMoveInput,
  type PromoteInput,
  type PromotionOutcome,
  type SetAliasInput,
} from './alias-service';
export type { HistoryQuery } from './alias-history-service';
export type { ApproveInput, RejectInput } from './promotion-service';
export type { AddWebhookInput } from './webhook-service';
export type { AuditQuery } from './audit-log-service';
export type {
  ActorRole,
  AliasEventRecord,
  AuditContext,
  AuditEntry,
  ModelRecord,
  PromotionDecisionRecord,
  PromotionPolicyName,
  VersionRecord,
  WebhookRecord,
} from './registry-records';
export {
  evaluatePromotionGate,
  parseGateMetrics,
  parsePromotionGate,
  type ClassF1,
  type GateCheck,
  type GateInput,
  type GateMetrics,
  type GateVerdict,
  type PromotionGate,
} from './promotion-gate';

// ── Artifact stores ──
export {
  DEFAULT_MAX_ARTIFACT_BYTES,
  artifactRelativePath,
  type ArtifactBlob,
  type ArtifactStore,
  type StoredArtifact,
} from './artifact-store/artifact-store';
export { FileArtifactStore, type FileArtifactStoreOptions } from './artifact-store/file-artifact-store';
export { S3ArtifactStore, s3ObjectKey, type S3ArtifactStoreOptions } from './artifact-store/s3-artifact-store';
export {
  DEFAULT_ARTIFACT_GRACE_PERIOD_MS,
  createArtifactCollector,
  type ArtifactCollection,
  type ArtifactCollector,
  type ArtifactCollectorOptions,
} from './artifact-collector';
export { createArtifactCollectorMetrics, type ArtifactCollectorMetrics } from './artifact-collector-metrics';

// ── Webhooks ──
export { deliverWebhook, type DeliverWebhookOptions, type DeliveryResult, type WebhookTarget } from './deliver-webhook';
export {
  DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  WebhookHeaders,
  signWebhookBody,
  verifyWebhookSignature,
  type VerifyWebhookInput,
} from './webhook-signature';
export {
  WebhookDeliveryError,
  createWebhookDeliveryHandler,
  type WebhookDeliveryHandlerOptions,
  type WebhookDeliverySummary,
} from './webhook-delivery-handler';

// ── Errors (codes CICLO_ERR_REGISTRY_*) ──
export { AliasConflictError } from './errors/alias-conflict-error';
export { AliasNotFoundError } from './errors/alias-not-found-error';
export { ArtifactIntegrityError } from './errors/artifact-integrity-error';
export { ArtifactMissingError } from './errors/artifact-missing-error';
export { ArtifactTooLargeError } from './errors/artifact-too-large-error';
export { ForceNotAllowedError } from './errors/force-not-allowed-error';
export { GateFailedError } from './errors/gate-failed-error';
export { InvalidArtifactError } from './errors/invalid-artifact-error';
export { InvalidRegistryInputError } from './errors/invalid-registry-input-error';
export { LabelSetMismatchError } from './errors/label-set-mismatch-error';
export { ModelAlreadyExistsError } from './errors/model-already-exists-error';
export { ModelNotFoundError } from './errors/model-not-found-error';
export { NoRollbackTargetError } from './errors/no-rollback-target-error';
export { RunAlreadyRegisteredError } from './errors/run-already-registered-error';
export { VersionNotFoundError } from './errors/version-not-found-error';
export { WebhookNotFoundError } from './errors/webhook-not-found-error';
