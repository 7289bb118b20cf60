// Public API of the sentiment monitor (issue #5 part 4): consumes `chat.message.received`,
// keeps a per-conversation window, writes `handoff.requested`. The nlp-service runs it.
export {
  DEFAULT_HANDOFF_RULE,
  MAX_WINDOW_SIZE,
  evaluateSentimentWindow,
  latestBySentAt,
  resolveHandoffRule,
  type HandoffRule,
  type SentimentWindowEntry,
  type SentimentWindowVerdict,
} from './handoff-rule';
export {
  createSentimentMonitor,
  type MonitorOutcome,
  type ScoreSentiment,
  type SentimentMonitor,
  type SentimentMonitorOptions,
  type SentimentScore,
} from './sentiment-monitor';
export { sentimentMonitorJobHandlers, type SentimentMonitorQueueHandlers } from './sentiment-monitor-job';
export { createSentimentMonitorMetrics, type SentimentMonitorMetrics } from './sentiment-monitor-metrics';
export { InvalidHandoffRuleError } from './errors/invalid-handoff-rule-error';
