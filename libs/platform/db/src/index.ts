export { createDatabase, type Database, type DatabaseOptions } from './database';
export { DatabaseUnavailableError } from './database-unavailable-error';
export {
  createPostgresDatabase,
  dropPostgresDatabase,
  databaseUrlFor,
  databaseNameOf,
  withMaintenanceClient,
  type CreatePostgresDatabaseOptions,
  type SqlConnection,
} from './database-admin';
export {
  runMigrations,
  migrationStatus,
  migrationsFingerprint,
  workspaceRoot,
  type MigrationOptions,
  type RunMigrationsOptions,
  type MigrationResult,
  type MigrationStatus,
} from './migrations';
export { MigrationError } from './migration-error';
export {
  createOutboxWriter,
  writeOutboxEvent,
  type OutboxEventInput,
  type OutboxWriter,
  type OutboxWriterClient,
  type WrittenOutboxEvent,
} from './outbox-writer';
export {
  createOutboxRelay,
  type OutboxRecord,
  type OutboxRelay,
  type OutboxRelayLogger,
  type OutboxRelayOptions,
} from './outbox-relay';
export { OUTBOX_CHANNEL } from './outbox-channel';
export { redactUrl } from './redact-url';
export {
  createApiKeyService,
  BOOTSTRAP_ADMIN_KEY_NAME,
  type ApiKeyService,
  type ApiKeyServiceOptions,
  type ApiKeyActor,
  type IssueApiKeyInput,
} from './api-key-service';

// Prisma, re-exported so no other project imports @prisma/* (STYLE.md rule 2).
export {
  Prisma,
  type PrismaClient,
  type Conversation,
  type Message,
  type Feedback,
  type TrainingExample,
  type DatasetSnapshot,
  type TrainingRun,
  type Model,
  type ModelVersion,
  type ModelAlias,
  type AliasEvent,
  type PromotionDecision,
  type Webhook,
  type ApiKey,
  type AuditLog,
  type Handoff,
  type SentimentWindow,
  type OutboxEvent,
  type Order,
  ConversationChannel,
  ConversationStatus,
  MessageRole,
  FeedbackKind,
  FeedbackActorType,
  ExampleSource,
  ExampleStatus,
  TrainingRunStatus,
  TrainingTrigger,
  PromotionPolicy,
  PromotionDecisionStatus,
  ApiKeyRole,
  HandoffReason,
  HandoffStatus,
  OrderStatus,
} from './generated/prisma/client';
