import type { Database } from './database';
import { drainOutboxBatch, type OutboxBatchSettings } from './outbox-batch';
import { OutboxListener } from './outbox-listener';
import { WakeableSleep } from './wakeable-sleep';

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
  const { db, logger } = options;
  const settings = batchSettings(options);
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const pause = new WakeableSleep();
  let running = false;
  let loop: Promise<void> | undefined;
  const listener = new OutboxListener({ db, onNotify: () => pause.wake(), isRunning: () => running, pollIntervalMs, logger });

  async function drainOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await drainOutboxBatch(db, settings);
      total += batch.published;
      if (batch.failed || batch.claimed < settings.batchSize) return total;
    }
  }

  async function runLoop(): Promise<void> {
    while (running) {
      pause.clearWake();
      try {
        const published = await drainOnce();
        if (published > 0) logger?.debug({ published }, 'outbox events published');
      } catch (error) {
        logger?.error({ err: error }, 'outbox relay round failed; retrying after the poll interval');
      }
      if (!running) break;
      if (!pause.wakeRequested) await pause.sleep(pollIntervalMs);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      if (options.listen ?? true) listener.start();
      loop = runLoop();
    },
    async stop() {
      running = false;
      pause.interrupt();
      await loop;
      loop = undefined;
      await listener.stop();
    },
    drainOnce,
  };
}

function batchSettings(options: OutboxRelayOptions): OutboxBatchSettings {
  return {
    publish: options.publish,
    types: options.types,
    logger: options.logger,
    batchSize: options.batchSize ?? 100,
    maxAttempts: options.maxAttempts ?? Number.POSITIVE_INFINITY,
    backoffBaseMs: options.backoff?.baseMs ?? 1_000,
    backoffMaxMs: options.backoff?.maxMs ?? 300_000,
    publishTimeoutMs: options.publishTimeoutMs ?? 30_000,
  };
}
