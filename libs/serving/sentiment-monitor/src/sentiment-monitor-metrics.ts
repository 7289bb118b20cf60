import { HandoffReason } from '@ciclo/platform-contracts';
import { defineCounter, defineHistogram, type MetricsRegistry } from '@ciclo/platform-observability';

export interface SentimentMonitorMetrics {
  /** A `chat.message.received` event was handled `lagSeconds` after it occurred (queue lag of the monitor). */
  observeLag(lagSeconds: number): void;
  /** A user message was scored with this sentiment label. */
  messageScored(sentiment: string): void;
  /** A `handoff.requested` event was written for this reason. */
  handoffRequested(reason: HandoffReason): void;
}

/**
 * The sentiment monitor's series: how far behind the chat it runs, what it sees and how often it
 * calls a person. Lag is measured from the event's `occurredAt` (outbox write) to the end of its
 * handling, so it covers relay, queue wait, scoring and the window update.
 */
export function createSentimentMonitorMetrics(registry: MetricsRegistry): SentimentMonitorMetrics {
  const lag = defineHistogram(registry, {
    area: 'sentiment_monitor',
    what: 'lag',
    unit: 'seconds',
    help: 'Time from a chat.message.received event being written to the sentiment monitor having handled it.',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  }).labels({});
  const messages = defineCounter(registry, {
    area: 'sentiment_monitor',
    what: 'messages',
    help: 'User messages scored by the sentiment monitor, by predicted sentiment.',
    // The sentiment model's classes (negative, neutral, positive today).
    labels: { sentiment: { maxValues: 10 } },
  });
  // Any app may request a handoff; the series is named for the handoff, not for the monitor.
  const handoffs = defineCounter(registry, {
    area: 'handoffs',
    what: 'requested',
    help: 'handoff.requested events written, by reason.',
    labels: { reason: HandoffReason.options },
  });
  return {
    // A clock skewed between writer and worker can make the lag negative; that is not a lag.
    observeLag: (lagSeconds) => lag.observe(Math.max(0, lagSeconds)),
    messageScored: (sentiment) => messages.labels({ sentiment }).inc(),
    handoffRequested: (reason) => handoffs.labels({ reason }).inc(),
  };
}
