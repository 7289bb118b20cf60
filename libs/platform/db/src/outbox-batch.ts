import type { Database } from './database';
import { Prisma } from './generated/prisma/client';
import type { OutboxRecord, OutboxRelayLogger } from './outbox-relay';

/** How one relay claims and retries rows (its options with the defaults applied). */
export interface OutboxBatchSettings {
  readonly publish: (event: OutboxRecord) => Promise<void>;
  readonly types: readonly string[] | undefined;
  readonly logger: OutboxRelayLogger | undefined;
  readonly batchSize: number;
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly publishTimeoutMs: number;
}

export interface OutboxBatchResult {
  readonly claimed: number;
  readonly published: number;
  readonly failed: boolean;
}

interface ClaimedRow {
  sequence: bigint | number | string;
  event_id: string;
  type: string;
  aggregate_id: string | null;
  key: string | null;
  /** As text, so the payload is parsed one way whatever Prisma does with raw jsonb. */
  payload_json: string;
  created_at: Date | string;
  attempts: number;
}

type Transaction = Prisma.TransactionClient;

const MAX_ERROR_LENGTH = 2_000;

/** One transaction: claim, publish in order, record the outcome. */
export async function drainOutboxBatch(db: Database, settings: OutboxBatchSettings): Promise<OutboxBatchResult> {
  return db.prisma.$transaction(
    async (tx) => {
      const rows = await claimRows(tx, settings);
      const published: bigint[] = [];
      let failed = false;
      for (const row of rows) {
        const record = toRecord(row);
        try {
          await withTimeout(settings.publish(record), settings.publishTimeoutMs);
          published.push(record.sequence);
        } catch (error) {
          failed = true;
          await recordFailure(tx, settings, record, error);
          // Whatever broke (usually the queue being down) would most likely fail the rest too.
          break;
        }
      }
      if (published.length > 0) {
        await tx.outboxEvent.updateMany({
          where: { id: { in: published } },
          data: { publishedAt: new Date(), attempts: { increment: 1 }, lastError: null },
        });
      }
      return { claimed: rows.length, published: published.length, failed };
    },
    // Publishing happens inside the transaction; give a whole batch time to go out.
    { maxWait: 10_000, timeout: Math.max(60_000, settings.publishTimeoutMs * 2) },
  );
}

function claimRows(tx: Transaction, { maxAttempts, types, batchSize }: OutboxBatchSettings): Promise<ClaimedRow[]> {
  const attemptsFilter = Number.isFinite(maxAttempts) ? Prisma.sql`AND attempts < ${maxAttempts}` : Prisma.empty;
  const typesFilter = types ? Prisma.sql`AND type = ANY(${[...types]}::text[])` : Prisma.empty;
  return tx.$queryRaw<ClaimedRow[]>`
    SELECT id AS sequence, event_id::text AS event_id, type, aggregate_id, key, payload::text AS payload_json, created_at, attempts
      FROM outbox_events
     WHERE published_at IS NULL AND available_at <= now() ${attemptsFilter} ${typesFilter}
     ORDER BY id
     LIMIT ${batchSize}
       FOR UPDATE SKIP LOCKED`;
}

/** Counts the attempt, keeps the error and delays the row with exponential backoff (or parks it). */
async function recordFailure(tx: Transaction, settings: OutboxBatchSettings, record: OutboxRecord, error: unknown): Promise<void> {
  const { backoffMaxMs, backoffBaseMs, maxAttempts, logger } = settings;
  const delayMs = Math.min(backoffMaxMs, backoffBaseMs * 2 ** (record.attempt - 1));
  const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
  await tx.$executeRaw`
    UPDATE outbox_events
       SET attempts = attempts + 1, last_error = ${message},
           available_at = now() + make_interval(secs => ${delayMs / 1000})
     WHERE id = ${record.sequence}`;
  const parked = record.attempt >= maxAttempts;
  (parked ? logger?.error : logger?.warn)?.call(
    logger,
    { eventId: record.id, type: record.type, sequence: String(record.sequence), attempt: record.attempt, retryInMs: parked ? null : delayMs, err: error },
    parked ? 'outbox event parked after too many failed publishes' : 'outbox publish failed; will retry',
  );
}

function toRecord(row: ClaimedRow): OutboxRecord {
  return {
    id: row.event_id,
    sequence: BigInt(row.sequence),
    type: row.type,
    payload: JSON.parse(row.payload_json) as unknown,
    aggregateId: row.aggregate_id,
    key: row.key,
    occurredAt: row.created_at instanceof Date ? row.created_at : new Date(row.created_at),
    attempt: Number(row.attempts) + 1,
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`publish did not settle within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
