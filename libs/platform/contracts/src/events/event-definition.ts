import { z } from 'zod';

/**
 * Every event travels in this envelope: written to the outbox in the same transaction as the
 * change it announces, then delivered at least once. Consumers dedupe by `id`.
 */
export const EventEnvelope = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  occurredAt: z.iso.datetime(),
  payload: z.unknown(),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

export interface EventDefinition<S extends z.ZodType = z.ZodType> {
  readonly schema: S;
  readonly description: string;
  /**
   * Jobs (names in the job catalog, payload = {@link EventEnvelope}) that each get their own copy:
   * work that must happen exactly once per event across all replicas.
   */
  readonly deliverTo: readonly string[];
  /**
   * Also announced on the pub/sub channel of the same name, for things every replica must hear
   * (e.g. a model alias moved). Best effort: listeners also reconcile periodically.
   */
  readonly broadcast: boolean;
}

export type EventCatalog = Readonly<Record<string, EventDefinition>>;

export function defineEventCatalog<const C extends EventCatalog>(catalog: C): C {
  return catalog;
}

export type EventType<C extends EventCatalog> = Extract<keyof C, string>;
export type EventPayload<C extends EventCatalog, T extends EventType<C>> = z.infer<C[T]['schema']>;
