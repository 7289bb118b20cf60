import { defineCounter, type MetricsRegistry } from '@ciclo/platform-observability';

/** What happened to a request that carried an `Idempotency-Key`. */
export const IDEMPOTENCY_OUTCOMES = ['executed', 'failed', 'replayed', 'key_reused', 'in_flight'] as const;
export type IdempotencyOutcome = (typeof IDEMPOTENCY_OUTCOMES)[number];

export interface IdempotencyMetrics {
  requestHandled(outcome: IdempotencyOutcome): void;
}

/**
 * `ciclo_idempotency_requests_total{outcome}`: executed (first answer kept), failed (4xx/5xx, not
 * kept), replayed (a retry got the first answer), key_reused (422) and in_flight (409). Replays
 * show how often clients lose answers; in_flight, how often they retry too eagerly.
 */
export function createIdempotencyMetrics(registry: MetricsRegistry): IdempotencyMetrics {
  const requests = defineCounter(registry, {
    area: 'idempotency',
    what: 'requests',
    help: 'Creating requests that carried an Idempotency-Key, by what became of them.',
    labels: { outcome: IDEMPOTENCY_OUTCOMES },
  });
  return { requestHandled: (outcome) => requests.labels({ outcome }).inc() };
}
