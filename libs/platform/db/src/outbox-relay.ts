import pg from 'pg';
import { databaseInternals, splitPrismaParams, type Database } from './database';
import { Prisma } from './generated/prisma/client';
import { OUTBOX_CHANNEL } from './outbox-channel';

/** One stored event, as handed to `publish`. Structurally a `StoredEvent` of @ciclo/platform-runtime. */
export interface OutboxRecord {
  /** Event id (UUID): consumers deduplicate by it, since delivery is at least once. */
  readonly id: string;
  /** Outbox position; events are offered in increasing sequence. */
  readonly sequence: bigint;
  readonly type: string;
  readonly payload: unknown;
  readonly aggregateId: string | null;
  readonly key: string | null;
  /** When the event was written (start of its transaction, to the millisecond). */
  readonly occurredAt: Date;
  /** 1 on the first delivery attempt, 2 on the first retry… */
  readonly attempt: number;
}

/** The subset of a pino logger the relay uses. */
export interface OutboxRelayLogger {
  debug(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface OutboxRelayOptions {
  readonly db: Database;
  /** Delivers one event (to queues, pub/sub…). Resolve only once it is safely handed over. */
  readonly publish: (event: OutboxRecord) => Promise<void>;
  /**
   * Claims only rows of these event types (an empty list claims none); default: every type.
   * Each app relays the types it owns, so rows of other types stay for their owner's relays
   * and are never even locked by this one.
   */
  readonly types?: readonly string[];
  readonly logger?: OutboxRelayLogger;
  /** Rows claimed per transaction (default 100). */
  readonly batchSize?: number;
  /** Poll period when no notification arrives (default 1000 ms); also paces retries. */
  readonly pollIntervalMs?: number;
  /**
   * Stop retrying an event after this many failed attempts (default: never stop). A parked event
   * stays in the table unpublished, with its last error, for a person to look at; it is never deleted.
   */
  readonly maxAttempts?: number;
  /** Retry delay after the n-th failure: min(maxMs, baseMs · 2^(n-1)). Default 1 s … 5 min. */
  readonly backoff?: { readonly baseMs?: number; readonly maxMs?: number };
  /** A `publish` that has not settled after this long counts as failed (default 30 s). */
  readonly publishTimeoutMs?: number;
  /** LISTEN for commits to react within milliseconds instead of waiting for the next poll (default true). */
  readonly listen?: boolean;
}

export interface OutboxRelay {
  /** Starts the background loop (no-op when running). */
  start(): void;
  /** Stops the loop after the batch in flight and closes the listener. Idempotent. */
  stop(): Promise<void>;
  /** Publishes everything available now; resolves with the number of events published. */
  drainOnce(): Promise<number>;
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

const MAX_ERROR_LENGTH = 2_000;

/**
 * Moves events from the outbox table to `publish`, at least once, in id order.
 *
 * Each batch is claimed with `SELECT … FOR UPDATE SKIP LOCKED` inside a transaction, so any
 * number of relays (one per replica) can run: a row is offered to one of them at a time, and when
 * one stops (or dies, releasing its locks) the others claim what it left. With `types`, a relay
 * sees only those rows: each app relays the events it owns. A row is marked published only after
 * `publish` resolved, in the same transaction; a crash before the commit means it is offered again
 * (hence consumers deduplicate by event id). A failed publish
 * increments `attempts`, records `last_error` and delays the row with exponential backoff; the
 * rest of the batch waits for the next round, so later events may overtake a failing one.
 * Ids are taken at insert, not at commit: a transaction that commits late can have its event
 * published after higher ids (it is never skipped). Consumers needing per-entity order compare
 * `sequence`. Nothing is ever deleted.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, publish, logger } = options;
  const batchSize = options.batchSize ?? 100;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const maxAttempts = options.maxAttempts ?? Number.POSITIVE_INFINITY;
  const backoffBaseMs = options.backoff?.baseMs ?? 1_000;
  const backoffMaxMs = options.backoff?.maxMs ?? 300_000;
  const publishTimeoutMs = options.publishTimeoutMs ?? 30_000;
  const listen = options.listen ?? true;

  let running = false;
  let loop: Promise<void> | undefined;
  let wakeRequested = false;
  let wakeSleeper: (() => void) | undefined;
  let listener: pg.Client | undefined;
  let listenerRetry: NodeJS.Timeout | undefined;

  const wake = () => {
    wakeRequested = true;
    wakeSleeper?.();
  };

  const attemptsFilter = Number.isFinite(maxAttempts) ? Prisma.sql`AND attempts < ${maxAttempts}` : Prisma.empty;
  const typesFilter = options.types ? Prisma.sql`AND type = ANY(${[...options.types]}::text[])` : Prisma.empty;

  /** One transaction: claim, publish in order, record the outcome. */
  async function drainBatch(): Promise<{ claimed: number; published: number; failed: boolean }> {
    return db.prisma.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<ClaimedRow[]>`
          SELECT id AS sequence, event_id::text AS event_id, type, aggregate_id, key, payload::text AS payload_json, created_at, attempts
            FROM outbox_events
           WHERE published_at IS NULL AND available_at <= now() ${attemptsFilter} ${typesFilter}
           ORDER BY id
           LIMIT ${batchSize}
             FOR UPDATE SKIP LOCKED`;
        const published: bigint[] = [];
        let failed = false;
        for (const row of rows) {
          const record = toRecord(row);
          try {
            await withTimeout(publish(record), publishTimeoutMs);
            published.push(record.sequence);
          } catch (error) {
            failed = true;
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
      { maxWait: 10_000, timeout: Math.max(60_000, publishTimeoutMs * 2) },
    );
  }

  async function drainOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await drainBatch();
      total += batch.published;
      if (batch.failed || batch.claimed < batchSize) return total;
    }
  }

  async function runLoop(): Promise<void> {
    while (running) {
      wakeRequested = false;
      try {
        const published = await drainOnce();
        if (published > 0) logger?.debug({ published }, 'outbox events published');
      } catch (error) {
        logger?.error({ err: error }, 'outbox relay round failed; retrying after the poll interval');
      }
      if (!running) break;
      if (!wakeRequested) await sleep(pollIntervalMs);
    }
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeSleeper = undefined;
        resolve();
      }
      wakeSleeper = done;
    });
  }

  function startListener(): void {
    if (!listen || !running) return;
    const { connectionString } = splitPrismaParams(databaseInternals(db).url);
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000, application_name: 'ciclo-outbox-relay' });
    listener = client;
    const retry = (error: unknown) => {
      if (listener !== client) return;
      listener = undefined;
      client.end().catch(() => undefined);
      if (!running) return;
      // Polling keeps events flowing meanwhile; only the fast path is degraded.
      logger?.warn({ err: error }, 'outbox LISTEN connection lost; polling until it is back');
      listenerRetry = setTimeout(startListener, Math.max(pollIntervalMs, 1_000));
    };
    client.on('notification', wake);
    client.on('error', retry);
    client.on('end', () => retry(new Error('connection ended')));
    client
      .connect()
      .then(() => client.query(`LISTEN ${OUTBOX_CHANNEL}`))
      // Events committed while the listener was down would otherwise wait for the next poll.
      .then(wake, retry);
  }

  async function stopListener(): Promise<void> {
    clearTimeout(listenerRetry);
    const client = listener;
    listener = undefined;
    await client?.end().catch(() => undefined);
  }

  return {
    start() {
      if (running) return;
      running = true;
      startListener();
      loop = runLoop();
    },
    async stop() {
      running = false;
      wakeSleeper?.();
      await loop;
      loop = undefined;
      await stopListener();
    },
    drainOnce,
  };
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
