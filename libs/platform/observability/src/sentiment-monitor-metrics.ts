import { Counter, Histogram, type Registry } from 'prom-client';

export interface SentimentMonitorMetrics {
  /** A `chat.message.received` event was handled `lagSeconds` after it occurred (queue lag of the monitor). */
  observeLag(lagSeconds: number): void;
  /** A user message was scored with this sentiment label. */
  messageScored(sentiment: string): void;
  /** A `handoff.requested` event was written for this reason. */
  handoffRequested(reason: string): void;
}

/**
 * The sentiment monitor's series: how far behind the chat it runs, what it sees and how often it
 * calls a person. Lag is measured from the event's `occurredAt` (outbox write) to the end of its
 * handling, so it covers relay, queue wait, scoring and the window update.
 */
export function createSentimentMonitorMetrics(registry: Registry): SentimentMonitorMetrics {
  const lag = new Histogram({
    name: 'ciclo_sentiment_monitor_lag_seconds',
    help: 'Time from a chat.message.received event being written to the sentiment monitor having handled it.',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  const messages = new Counter({
    name: 'ciclo_sentiment_monitor_messages_total',
    help: 'User messages scored by the sentiment monitor, by predicted sentiment.',
    labelNames: ['sentiment'] as const,
    registers: [registry],
  });
  const handoffs = new Counter({
    name: 'ciclo_handoffs_requested_total',
    help: 'handoff.requested events written, by reason.',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  return {
    // A clock skewed between writer and worker can make the lag negative; that is not a lag.
    observeLag: (lagSeconds) => lag.observe(Math.max(0, lagSeconds)),
    messageScored: (sentiment) => messages.inc({ sentiment }),
    handoffRequested: (reason) => handoffs.inc({ reason }),
  };
}
