import { z } from 'zod';
import type { JobCatalog, JobName, JobPayload, JobPayloadInput } from '../jobs/job-definition';
import type { ServiceName } from '../platform';
import { UnknownEventTypeError } from './unknown-event-type-error';

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

/**
 * Jobs of catalog `J` that take the event envelope as their payload: the only jobs an event may
 * be delivered to. A job with any other payload is not in this union, so naming it is a compile error.
 */
export type EnvelopeJobName<J extends JobCatalog> = {
  [N in JobName<J>]: EventEnvelope extends JobPayloadInput<J, N> ? (JobPayload<J, N> extends EventEnvelope ? N : never) : never;
}[JobName<J>];

/**
 * One entry of the event catalog. `N` is the union of job names it may be delivered to.
 * The payload callbacks are methods so a catalog with exact schemas fits the general type.
 */
export interface EventDefinition<S extends z.ZodType = z.ZodType, N extends string = string> {
  readonly schema: S;
  readonly description: string;
  /**
   * The app that writes this event to the outbox, and so the one whose relay delivers it: an app
   * relays only the events it owns (docs/architecture.md "Events and the outbox relay").
   */
  readonly owner: ServiceName;
  /**
   * Jobs (names in the job catalog, payload = {@link EventEnvelope}) that each get their own copy:
   * work that must happen exactly once per event across all replicas.
   */
  readonly deliverTo: readonly N[];
  /**
   * Also announced on the pub/sub channel of the same name, for things every replica must hear
   * (e.g. a model alias moved). Best effort: listeners also reconcile periodically.
   */
  readonly broadcast: boolean;
  /**
   * The deduplication/partitioning key stored with the event, derived from the payload so every
   * producer spells it the same way. Absent: the event has no key.
   */
  dedupeKey?(payload: z.output<S>): string;
  /**
   * The id of the entity the event is about, when the payload names it; the writer then takes
   * none from the caller. Absent: the caller may pass one (e.g. a database id the payload omits).
   */
  aggregateId?(payload: z.output<S>): string;
}

export type EventCatalog<N extends string = string> = Readonly<Record<string, EventDefinition<z.ZodType, N>>>;

/**
 * Declares one catalog entry, keeping its exact type (which callbacks it has, which jobs it names)
 * while `dedupeKey` and `aggregateId` receive the payload type of its `schema`.
 */
export function defineEvent<S extends z.ZodType, const D extends EventDefinition<S, string>>(definition: D & { readonly schema: S }): D {
  return definition;
}

/**
 * Declares the event catalog over a job catalog: each entry's `deliverTo` may name only jobs of
 * `jobs` whose payload is the envelope (a typo, or a job taking another payload, does not compile).
 */
export function defineEventCatalog<const J extends JobCatalog, const C extends EventCatalog<EnvelopeJobName<J>>>(_jobs: J, catalog: C): C {
  return catalog;
}

export type EventType<C extends EventCatalog> = Extract<keyof C, string>;
/** The payload as consumers see it (after parsing). */
export type EventPayload<C extends EventCatalog, T extends EventType<C>> = z.output<C[T]['schema']>;
/** The payload as producers write it (before parsing: defaults may still be missing). */
export type EventPayloadInput<C extends EventCatalog, T extends EventType<C>> = z.input<C[T]['schema']>;
/** The events of `C` that `owner` writes, and so relays. */
export type OwnedEventType<C extends EventCatalog, O extends ServiceName> = {
  [T in EventType<C>]: C[T]['owner'] extends O ? T : never;
}[EventType<C>];

/** The event types of `catalog` that `owner` writes: what that app's outbox relay delivers. */
export function eventTypesOwnedBy<C extends EventCatalog>(catalog: C, owner: ServiceName): EventType<C>[] {
  return Object.entries(catalog)
    .filter(([, definition]) => definition.owner === owner)
    .map(([type]) => type as EventType<C>);
}

/**
 * The catalog entry of `type`, or an {@link UnknownEventTypeError}: what the outbox writer and the
 * publisher do with a name that reached them untyped (a stored row, a JavaScript caller).
 */
export function eventDefinitionOf<N extends string>(catalog: EventCatalog<N>, type: string): EventDefinition<z.ZodType, N> {
  const definition = Object.hasOwn(catalog, type) ? catalog[type] : undefined;
  if (!definition) throw new UnknownEventTypeError(type);
  return definition;
}
