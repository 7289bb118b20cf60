export {
  defineJobCatalog,
  type BackoffPolicy,
  type JobDefinition,
  type JobCatalog,
  type JobName,
  type JobPayload,
  type JobPayloadInput,
} from './jobs/job-definition';
export { QueueNames, type QueueName } from './jobs/queue-names';
export { DiagnosticsPingV1, DiagnosticsPongV1 } from './jobs/diagnostics-ping';
export { RegistryMaintenanceV1 } from './jobs/registry-maintenance';
export { jobCatalog, type PlatformJobCatalog } from './jobs/job-catalog';
export { AppError } from './errors/app-error';
export { NotFoundError, ConflictError, ServiceUnavailableError } from './errors/common-errors';
export { ErrorBody } from './errors/error-body';
export { DependencyCheck, LivenessBody, ReadinessBody } from './health';
export { PLATFORM_VERSION, DefaultPorts, type ServiceName } from './platform';
export { RuntimeInfoV1 } from './runtime-info';
export { Limits, NamePatterns } from './limits';
export { storable, storableText, unstorableTextProblem } from './http/storable-text';
export { boundedJson, findJsonProblem, type JsonBounds, type JsonProblem } from './http/bounded-json';
export {
  EventEnvelope,
  defineEvent,
  defineEventCatalog,
  eventDefinitionOf,
  eventTypesOwnedBy,
  type EnvelopeJobName,
  type EventDefinition,
  type EventCatalog,
  type EventType,
  type EventPayload,
  type EventPayloadInput,
  type OwnedEventType,
} from './events/event-definition';
export { EventTypes } from './events/event-types';
export { UnknownEventTypeError } from './events/unknown-event-type-error';
export { ModelAliasChangedV1 } from './events/model-alias-changed';
export { ChatMessageReceivedV1, ChatMessageRole, MAX_CHAT_MESSAGE_CHARS } from './events/chat-message-received';
export {
  HandoffReason,
  HandoffRequestedV1,
  SentimentHandoffDetailsV1,
  SentimentRuleV1,
  SentimentWindowEntryV1,
} from './events/handoff-requested';
export { eventCatalog, type PlatformEventCatalog } from './events/event-catalog';
export {
  ApiKeyRole,
  ApiKeyPrincipal,
  CreateApiKeyBody,
  ApiKeyIdParams,
  ApiKeyView,
  ApiKeyList,
  CreatedApiKey,
} from './http/api-keys';
export { NoContent } from './http/no-content';
export { defineRoute, errorResponses, type HttpMethod, type HttpRoute } from './http/route-definition';
export {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_NOTE,
  IDEMPOTENT_REPLAYED_HEADER,
  IdempotencyErrorCodes,
  IdempotencyKeyHeaders,
  parseIdempotencyKey,
} from './http/idempotency';
export { apiKeyRoutes } from './http/api-key-routes';
export { registryModelRoutes } from './http/registry-model-routes';
export { registryVersionRoutes } from './http/registry-version-routes';
export { registryAliasRoutes } from './http/registry-alias-routes';
export { registryWebhookRoutes } from './http/registry-webhook-routes';
export { registryReadRoutes } from './http/registry-read-routes';
export { registryRoutes, type RegistryRoutes } from './http/registry-routes';
export { inferenceRoutes, type InferenceRoutes } from './http/inference-routes';
export { healthRoutes, type HealthRoutes } from './http/health-routes';
export {
  PromotionPolicyName,
  PromotionGateView,
  ModelParams,
  VersionParams,
  AliasParams,
  CreateModelBody,
  UpdatePolicyBody,
  ModelView,
  ModelList,
  SamplePredictionView,
  SampleList,
  RegisterVersionBody,
  VersionView,
  VersionList,
  CompareQuery,
  MetricComparison,
  ClassComparison,
  ConfusionMatrixView,
  CompareView,
  SetAliasBody,
  AliasMoveBody,
  RollbackBody,
  ApprovalBody,
  GateCheckView,
  PromotionDecisionView,
  AliasEventView,
  AliasChangeView,
  HistoryQuery,
  AliasHistory,
  AliasAtQuery,
  AliasAtView,
  AuditQuery,
  AuditEntryView,
  CreateWebhookBody,
  WebhookView,
  WebhookList,
  CreatedWebhook,
  WebhookParams,
  AuditList,
} from './http/registry';
export {
  OipDatatype,
  OipModelParams,
  OipVersionParams,
  OipInferInput,
  OipRequestedOutput,
  OipInferRequest,
  OipInferOutput,
  OipInferResponse,
  OipErrorBody,
  OipTensorMetadata,
  OipServerMetadata,
  OipModelMetadata,
  OipReadyBody,
  OipLiveBody,
  AnalyzeBody,
  RankedLabel,
  TaskPrediction,
  AnalyzeResponse,
  TEXT_CLASSIFIER_INPUT,
  TextClassifierOutputs,
  type TextClassifierOutput,
  textClassifierOipMetadata,
} from './http/inference';
