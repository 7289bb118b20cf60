-- The sentiment monitor's per-conversation window (issue #5). Written by hand as the SQL
-- `prisma migrate diff --from-migrations prisma/migrations --to-schema prisma/schema.prisma`
-- prints. No foreign key to "conversations": events may come from another service's database.

-- CreateTable
CREATE TABLE "sentiment_windows" (
    "conversation_id" UUID NOT NULL,
    "entries" JSONB NOT NULL DEFAULT '[]',
    "handoff_requested_at" TIMESTAMPTZ(3),
    "handoff_event_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sentiment_windows_pkey" PRIMARY KEY ("conversation_id")
);
