import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createDatabase, type Database } from '../database';
import { createOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from '../outbox-relay';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

/** A migrated scratch database for outbox tests, emptied before each test. */
export interface OutboxRelayTestBed {
  /** Set once the suite's `beforeAll` ran. */
  readonly db: Database;
  /** A relay on the scratch database, polling every 20 ms without LISTEN unless asked; stopped after each test. */
  relay(options: Omit<OutboxRelayOptions, 'db'>): OutboxRelay;
  /** Stops every relay made so far (also done after each test). */
  stopRelays(): Promise<void>;
}

/** Registers the suite's hooks: call it at the top of a `describe`. */
export function useOutboxRelayTestBed({ poolMax }: { poolMax: number }): OutboxRelayTestBed {
  let scratch: ScratchDatabase | undefined;
  let db: Database | undefined;
  const relays: OutboxRelay[] = [];
  const stopRelays = async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase({ migrate: true });
    db = createDatabase({ url: scratch.url, poolMax });
  });
  beforeEach(async () => {
    await db?.prisma.outboxEvent.deleteMany();
  });
  afterEach(stopRelays);
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  return {
    get db() {
      if (!db) throw new Error('the outbox test database is not ready: use it inside a test or hook');
      return db;
    },
    relay(options) {
      const created = createOutboxRelay({ listen: false, pollIntervalMs: 20, ...options, db: this.db });
      relays.push(created);
      return created;
    },
    stopRelays,
  };
}
