-- CreateEnum
CREATE TYPE "conversation_channel" AS ENUM ('web', 'cli', 'api');

-- CreateEnum
CREATE TYPE "conversation_status" AS ENUM ('active', 'handed_off', 'closed');

-- CreateEnum
CREATE TYPE "message_role" AS ENUM ('user', 'bot', 'agent', 'system');

-- CreateEnum
CREATE TYPE "feedback_kind" AS ENUM ('thumbs_up', 'thumbs_down', 'intent_correction', 'sentiment_correction', 'agent_label', 'clarification_choice', 'fallback', 'handoff', 'rephrase');

-- CreateEnum
CREATE TYPE "feedback_actor_type" AS ENUM ('end_user', 'agent', 'data_scientist', 'system');

-- CreateEnum
CREATE TYPE "example_source" AS ENUM ('seed', 'feedback', 'import', 'agent');

-- CreateEnum
CREATE TYPE "example_status" AS ENUM ('pending', 'approved', 'rejected');

-- CreateEnum
CREATE TYPE "training_run_status" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "training_trigger" AS ENUM ('volume', 'schedule', 'manual');

-- CreateEnum
CREATE TYPE "promotion_policy" AS ENUM ('manual', 'auto');

-- CreateEnum
CREATE TYPE "promotion_decision_status" AS ENUM ('pending', 'approved', 'rejected', 'auto_promoted');

-- CreateEnum
CREATE TYPE "api_key_role" AS ENUM ('viewer', 'data-scientist', 'admin');

-- CreateEnum
CREATE TYPE "handoff_reason" AS ENUM ('talk_to_human', 'negative_sentiment', 'repeated_clarification', 'manual');

-- CreateEnum
CREATE TYPE "handoff_status" AS ENUM ('requested', 'accepted', 'resolved', 'cancelled');

-- CreateEnum
CREATE TYPE "order_status" AS ENUM ('pending_payment', 'paid', 'processing', 'shipped', 'delivered', 'cancelled', 'returned');

-- CreateTable
CREATE TABLE "conversations" (
    "id" UUID NOT NULL,
    "channel" "conversation_channel" NOT NULL DEFAULT 'web',
    "status" "conversation_status" NOT NULL DEFAULT 'active',
    "language" TEXT,
    "external_user_id" TEXT,
    "state" JSONB NOT NULL DEFAULT '{}',
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "conversations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messages" (
    "id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "role" "message_role" NOT NULL,
    "text" TEXT NOT NULL,
    "language" TEXT,
    "predicted_intent" TEXT,
    "intent_confidence" DOUBLE PRECISION,
    "sentiment" TEXT,
    "sentiment_confidence" DOUBLE PRECISION,
    "model_versions" JSONB NOT NULL DEFAULT '{}',
    "action" TEXT,
    "author_id" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "feedback" (
    "id" UUID NOT NULL,
    "kind" "feedback_kind" NOT NULL,
    "message_id" UUID,
    "conversation_id" UUID,
    "task" TEXT,
    "label" TEXT,
    "predicted_label" TEXT,
    "actor_type" "feedback_actor_type" NOT NULL,
    "actor_id" TEXT,
    "idempotency_key" TEXT NOT NULL,
    "comment" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_examples" (
    "id" UUID NOT NULL,
    "task" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "source" "example_source" NOT NULL,
    "status" "example_status" NOT NULL DEFAULT 'pending',
    "dedupe_hash" CHAR(64) NOT NULL,
    "feedback_id" UUID,
    "reviewed_by" TEXT,
    "reviewed_at" TIMESTAMPTZ(3),
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "training_examples_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dataset_snapshots" (
    "id" UUID NOT NULL,
    "model_id" UUID NOT NULL,
    "task" TEXT NOT NULL,
    "content_hash" CHAR(64) NOT NULL,
    "example_count" INTEGER NOT NULL,
    "train_count" INTEGER NOT NULL,
    "validation_count" INTEGER NOT NULL,
    "holdout_count" INTEGER NOT NULL,
    "label_counts" JSONB NOT NULL,
    "split" JSONB NOT NULL,
    "holdout_hash" CHAR(64) NOT NULL,
    "uri" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dataset_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_runs" (
    "id" UUID NOT NULL,
    "model_id" UUID NOT NULL,
    "status" "training_run_status" NOT NULL DEFAULT 'queued',
    "trigger" "training_trigger" NOT NULL,
    "triggered_by" TEXT,
    "params" JSONB NOT NULL DEFAULT '{}',
    "stage" TEXT,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "metrics" JSONB,
    "timings" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "error_code" TEXT,
    "snapshot_id" UUID,
    "job_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "training_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "models" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "task" TEXT NOT NULL,
    "description" TEXT,
    "labels" TEXT[],
    "languages" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "promotion_policy" "promotion_policy" NOT NULL DEFAULT 'manual',
    "gate" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "models_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_versions" (
    "id" UUID NOT NULL,
    "model_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "artifact_sha256" CHAR(64) NOT NULL,
    "artifact_uri" TEXT NOT NULL,
    "artifact_size_bytes" BIGINT NOT NULL,
    "format" TEXT NOT NULL DEFAULT 'onnx',
    "labels" TEXT[],
    "metrics" JSONB NOT NULL DEFAULT '{}',
    "params" JSONB NOT NULL DEFAULT '{}',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "description" TEXT,
    "confidence_threshold" DOUBLE PRECISION,
    "sample_predictions" JSONB NOT NULL DEFAULT '[]',
    "snapshot_id" UUID,
    "run_id" UUID,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_aliases" (
    "id" UUID NOT NULL,
    "model_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "version_id" UUID NOT NULL,
    "updated_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "model_aliases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alias_events" (
    "id" BIGSERIAL NOT NULL,
    "model_id" UUID NOT NULL,
    "alias" TEXT NOT NULL,
    "from_version_id" UUID,
    "to_version_id" UUID,
    "actor" TEXT NOT NULL,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alias_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "promotion_decisions" (
    "id" UUID NOT NULL,
    "model_id" UUID NOT NULL,
    "candidate_version_id" UUID NOT NULL,
    "baseline_version_id" UUID,
    "run_id" UUID,
    "target_alias" TEXT NOT NULL DEFAULT 'production',
    "gate_passed" BOOLEAN NOT NULL,
    "reasons" JSONB NOT NULL,
    "status" "promotion_decision_status" NOT NULL DEFAULT 'pending',
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "promotion_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhooks" (
    "id" UUID NOT NULL,
    "model_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "events" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "last_delivery_at" TIMESTAMPTZ(3),
    "last_status" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "webhooks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "key_hash" CHAR(64) NOT NULL,
    "prefix" TEXT NOT NULL,
    "role" "api_key_role" NOT NULL,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "actor" TEXT NOT NULL,
    "api_key_id" UUID,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "request_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "handoffs" (
    "id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "reason" "handoff_reason" NOT NULL,
    "status" "handoff_status" NOT NULL DEFAULT 'requested',
    "agent_id" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "handoffs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_events" (
    "id" BIGSERIAL NOT NULL,
    "event_id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "type" TEXT NOT NULL,
    "aggregate_id" TEXT,
    "key" TEXT,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "available_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "orders" (
    "id" UUID NOT NULL,
    "order_number" TEXT NOT NULL,
    "customer_name" TEXT NOT NULL,
    "customer_email" TEXT NOT NULL,
    "status" "order_status" NOT NULL,
    "items" JSONB NOT NULL,
    "shipping_address" JSONB NOT NULL,
    "total" DECIMAL(12,2) NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'BRL',
    "payment_method" TEXT,
    "tracking_code" TEXT,
    "placed_at" TIMESTAMPTZ(3) NOT NULL,
    "shipped_at" TIMESTAMPTZ(3),
    "estimated_delivery_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "conversations_status_updated_at_idx" ON "conversations"("status", "updated_at");

-- CreateIndex
CREATE INDEX "conversations_external_user_id_idx" ON "conversations"("external_user_id");

-- CreateIndex
CREATE INDEX "messages_conversation_id_created_at_idx" ON "messages"("conversation_id", "created_at");

-- CreateIndex
CREATE INDEX "messages_predicted_intent_created_at_idx" ON "messages"("predicted_intent", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "feedback_idempotency_key_key" ON "feedback"("idempotency_key");

-- CreateIndex
CREATE INDEX "feedback_message_id_idx" ON "feedback"("message_id");

-- CreateIndex
CREATE INDEX "feedback_task_created_at_idx" ON "feedback"("task", "created_at");

-- CreateIndex
CREATE INDEX "feedback_kind_created_at_idx" ON "feedback"("kind", "created_at");

-- CreateIndex
CREATE INDEX "training_examples_task_status_created_at_idx" ON "training_examples"("task", "status", "created_at");

-- CreateIndex
CREATE INDEX "training_examples_feedback_id_idx" ON "training_examples"("feedback_id");

-- CreateIndex
CREATE UNIQUE INDEX "training_examples_task_dedupe_hash_label_key" ON "training_examples"("task", "dedupe_hash", "label");

-- CreateIndex
CREATE INDEX "dataset_snapshots_model_id_created_at_idx" ON "dataset_snapshots"("model_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "dataset_snapshots_model_id_content_hash_key" ON "dataset_snapshots"("model_id", "content_hash");

-- CreateIndex
CREATE INDEX "training_runs_model_id_created_at_idx" ON "training_runs"("model_id", "created_at");

-- CreateIndex
CREATE INDEX "training_runs_status_created_at_idx" ON "training_runs"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "models_name_key" ON "models"("name");

-- CreateIndex
CREATE UNIQUE INDEX "model_versions_run_id_key" ON "model_versions"("run_id");

-- CreateIndex
CREATE INDEX "model_versions_artifact_sha256_idx" ON "model_versions"("artifact_sha256");

-- CreateIndex
CREATE UNIQUE INDEX "model_versions_model_id_version_key" ON "model_versions"("model_id", "version");

-- CreateIndex
CREATE INDEX "model_aliases_version_id_idx" ON "model_aliases"("version_id");

-- CreateIndex
CREATE UNIQUE INDEX "model_aliases_model_id_name_key" ON "model_aliases"("model_id", "name");

-- CreateIndex
CREATE INDEX "alias_events_model_id_alias_id_idx" ON "alias_events"("model_id", "alias", "id");

-- CreateIndex
CREATE INDEX "promotion_decisions_model_id_status_created_at_idx" ON "promotion_decisions"("model_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "promotion_decisions_candidate_version_id_idx" ON "promotion_decisions"("candidate_version_id");

-- CreateIndex
CREATE INDEX "webhooks_model_id_idx" ON "webhooks"("model_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- CreateIndex
CREATE INDEX "api_keys_prefix_idx" ON "api_keys"("prefix");

-- CreateIndex
CREATE INDEX "audit_log_target_type_target_id_id_idx" ON "audit_log"("target_type", "target_id", "id");

-- CreateIndex
CREATE INDEX "audit_log_actor_id_idx" ON "audit_log"("actor", "id");

-- CreateIndex
CREATE INDEX "audit_log_created_at_idx" ON "audit_log"("created_at");

-- CreateIndex
CREATE INDEX "handoffs_status_created_at_idx" ON "handoffs"("status", "created_at");

-- CreateIndex
CREATE INDEX "handoffs_conversation_id_idx" ON "handoffs"("conversation_id");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_events_event_id_key" ON "outbox_events"("event_id");

-- CreateIndex
CREATE INDEX "outbox_events_published_at_id_idx" ON "outbox_events"("published_at", "id");

-- CreateIndex
CREATE INDEX "outbox_events_aggregate_id_idx" ON "outbox_events"("aggregate_id");

-- CreateIndex
CREATE UNIQUE INDEX "orders_order_number_key" ON "orders"("order_number");

-- CreateIndex
CREATE INDEX "orders_customer_email_idx" ON "orders"("customer_email");

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_examples" ADD CONSTRAINT "training_examples_feedback_id_fkey" FOREIGN KEY ("feedback_id") REFERENCES "feedback"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_snapshots" ADD CONSTRAINT "dataset_snapshots_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_runs" ADD CONSTRAINT "training_runs_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_runs" ADD CONSTRAINT "training_runs_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "dataset_snapshots"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "dataset_snapshots"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "training_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_aliases" ADD CONSTRAINT "model_aliases_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_aliases" ADD CONSTRAINT "model_aliases_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "model_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alias_events" ADD CONSTRAINT "alias_events_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alias_events" ADD CONSTRAINT "alias_events_from_version_id_fkey" FOREIGN KEY ("from_version_id") REFERENCES "model_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alias_events" ADD CONSTRAINT "alias_events_to_version_id_fkey" FOREIGN KEY ("to_version_id") REFERENCES "model_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promotion_decisions" ADD CONSTRAINT "promotion_decisions_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promotion_decisions" ADD CONSTRAINT "promotion_decisions_candidate_version_id_fkey" FOREIGN KEY ("candidate_version_id") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promotion_decisions" ADD CONSTRAINT "promotion_decisions_baseline_version_id_fkey" FOREIGN KEY ("baseline_version_id") REFERENCES "model_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promotion_decisions" ADD CONSTRAINT "promotion_decisions_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "training_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
