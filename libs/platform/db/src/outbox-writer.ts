import {
  eventCatalog,
  eventDefinitionOf,
  type EventCatalog,
  type EventPayloadInput,
  type EventType,
  type PlatformEventCatalog,
} from '@ciclo/platform-contracts';
import { Prisma } from './generated/prisma/client';
import { OUTBOX_CHANNEL } from './outbox-channel';

/** A Prisma transaction client (from `prisma.$transaction(async (tx) => …)`) or the client itself. */
export type OutboxWriterClient = Pick<Prisma.TransactionClient, 'outboxEvent' | '$executeRaw'>;

/**
 * The aggregate id a caller may give: none when the catalog derives it from the payload (so a
 * call site cannot disagree with it), otherwise optional.
 */
type AggregateIdInput<D> = D extends { aggregateId(payload: never): string } ? { readonly aggregateId?: never } : { readonly aggregateId?: string };

/** One event to write: a catalog name and a payload of that event's schema type. */
export type OutboxEventInput<C extends EventCatalog, T extends EventType<C>> = {
  /** A name of the event catalog, e.g. `EventTypes.modelAliasChanged`. */
  readonly type: T;
  /** Checked against the event's schema here, and again when it is published. */
  readonly payload: EventPayloadInput<C, T>;
} & AggregateIdInput<C[T]>;

export interface WrittenOutboxEvent {
  /** Event id consumers deduplicate by. */
  readonly id: string;
  /** Position in the outbox; events are published in this order. */
  readonly sequence: bigint;
}

/** Writes events of catalog `C` to the outbox; see {@link writeOutboxEvent}. */
export type OutboxWriter<C extends EventCatalog> = <T extends EventType<C>>(tx: OutboxWriterClient, event: OutboxEventInput<C, T>) => Promise<WrittenOutboxEvent>;

/** An outbox writer typed by `catalog` (the platform's is {@link writeOutboxEvent}; tests bring their own). */
export function createOutboxWriter<C extends EventCatalog>(catalog: C): OutboxWriter<C> {
  return async (tx, event) => {
    const definition = eventDefinitionOf(catalog, event.type);
    const parsed = definition.schema.safeParse(event.payload);
    if (!parsed.success) {
      // Paths and messages only: the rejected values may be personal data (a message's text).
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
      throw new TypeError(`Outbox event ${event.type}: payload does not match its schema: ${issues}`, { cause: parsed.error });
    }
    const key = definition.dedupeKey?.(parsed.data) ?? null;
    const derivedAggregateId = definition.aggregateId?.(parsed.data);
    // The type already forbids both; a JavaScript caller still gets a clear error.
    if (derivedAggregateId !== undefined && event.aggregateId !== undefined) {
      throw new TypeError(`Outbox event ${event.type}: aggregateId is derived from the payload; do not pass one`);
    }
    const row = await tx.outboxEvent.create({
      data: { type: event.type, payload: toJson(parsed.data, event.type), aggregateId: derivedAggregateId ?? event.aggregateId ?? null, key },
      select: { id: true, eventId: true },
    });
    await tx.$executeRaw`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`;
    return { id: row.eventId, sequence: row.id };
  };
}

/**
 * Records a platform event in the outbox. `type` must be a catalog name and `payload` that
 * event's schema type (both compile errors otherwise, and the payload is parsed here too); the
 * key and, where the catalog derives it, the aggregate id come from the payload. Call it inside
 * the transaction that makes the change the event announces: both commit or neither does, and
 * relays wake up at commit (NOTIFY is transactional, so a rolled-back event never even signals).
 */
export const writeOutboxEvent: OutboxWriter<PlatformEventCatalog> = createOutboxWriter(eventCatalog);

function toJson(payload: unknown, type: string): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  // A round trip through JSON is what the consumer will see anyway (Dates become strings);
  // doing it here makes a payload that cannot survive it fail at the writer, not the relay.
  const text = payload === undefined ? undefined : JSON.stringify(payload);
  if (text === undefined) throw new TypeError(`Outbox event ${type}: payload is not JSON-serialisable`);
  const value = JSON.parse(text) as Prisma.InputJsonValue | null;
  return value === null ? Prisma.JsonNull : value;
}
