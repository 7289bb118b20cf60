import { Prisma } from './generated/prisma/client';
import { OUTBOX_CHANNEL } from './outbox-channel';

/** A Prisma transaction client (from `prisma.$transaction(async (tx) => …)`) or the client itself. */
export type OutboxWriterClient = Pick<Prisma.TransactionClient, 'outboxEvent' | '$executeRaw'>;

export interface OutboxEventInput {
  /** Versioned event name from @ciclo/platform-contracts, e.g. `model.alias.changed`. */
  readonly type: string;
  /** Any JSON-serialisable value; validate it against the event's schema before writing. */
  readonly payload: unknown;
  /** Id of the entity the event is about. */
  readonly aggregateId?: string;
  /** Deduplication/partitioning key the publisher may use. */
  readonly key?: string;
}

export interface WrittenOutboxEvent {
  /** Event id consumers deduplicate by. */
  readonly id: string;
  /** Position in the outbox; events are published in this order. */
  readonly sequence: bigint;
}

/**
 * Records an event in the outbox. Call it inside the transaction that makes the change the event
 * announces: both commit or neither does, and relays wake up at commit (NOTIFY is transactional,
 * so a rolled-back event never even signals).
 */
export async function writeOutboxEvent(tx: OutboxWriterClient, event: OutboxEventInput): Promise<WrittenOutboxEvent> {
  const row = await tx.outboxEvent.create({
    data: {
      type: event.type,
      payload: toJson(event.payload, event.type),
      aggregateId: event.aggregateId ?? null,
      key: event.key ?? null,
    },
    select: { id: true, eventId: true },
  });
  await tx.$executeRaw`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`;
  return { id: row.eventId, sequence: row.id };
}

function toJson(payload: unknown, type: string): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  // A round trip through JSON is what the consumer will see anyway (Dates become strings);
  // doing it here makes a payload that cannot survive it fail at the writer, not the relay.
  const text = payload === undefined ? undefined : JSON.stringify(payload);
  if (text === undefined) throw new TypeError(`Outbox event ${type}: payload is not JSON-serialisable`);
  const value = JSON.parse(text) as Prisma.InputJsonValue | null;
  return value === null ? Prisma.JsonNull : value;
}
