import pg from 'pg';
import { databaseInternals, splitPrismaParams, type Database } from './database';
import { OUTBOX_CHANNEL } from './outbox-channel';
import type { OutboxRelayLogger } from './outbox-relay';

export interface OutboxListenerOptions {
  readonly db: Database;
  /** Called on every commit notification, and once (re)connected. */
  readonly onNotify: () => void;
  /** Whether the relay still runs: a lost connection is re-opened only while it does. */
  readonly isRunning: () => boolean;
  /** Reconnect delay floor (the relay's poll interval, at least 1 s). */
  readonly pollIntervalMs: number;
  readonly logger: OutboxRelayLogger | undefined;
}

/**
 * The relay's fast path: a LISTEN connection that wakes it within milliseconds of a commit. When
 * the connection is lost it is re-opened after the poll interval; polling keeps events flowing
 * meanwhile.
 */
export class OutboxListener {
  readonly #options: OutboxListenerOptions;
  #client: pg.Client | undefined;
  #retryTimer: NodeJS.Timeout | undefined;

  constructor(options: OutboxListenerOptions) {
    this.#options = options;
  }

  start(): void {
    const { db, onNotify, isRunning } = this.#options;
    if (!isRunning()) return;
    const { connectionString } = splitPrismaParams(databaseInternals(db).url);
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000, application_name: 'ciclo-outbox-relay' });
    this.#client = client;
    const retry = (error: unknown) => this.#retry(client, error);
    client.on('notification', onNotify);
    client.on('error', retry);
    client.on('end', () => retry(new Error('connection ended')));
    client
      .connect()
      .then(() => client.query(`LISTEN ${OUTBOX_CHANNEL}`))
      // Events committed while the listener was down would otherwise wait for the next poll.
      .then(onNotify, retry);
  }

  async stop(): Promise<void> {
    clearTimeout(this.#retryTimer);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }

  #retry(client: pg.Client, error: unknown): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    client.end().catch(() => undefined);
    if (!this.#options.isRunning()) return;
    // Polling keeps events flowing meanwhile; only the fast path is degraded.
    this.#options.logger?.warn({ err: error }, 'outbox LISTEN connection lost; polling until it is back');
    this.#retryTimer = setTimeout(() => this.start(), Math.max(this.#options.pollIntervalMs, 1_000));
  }
}
