/**
 * Queues are split per concern so each can be scaled and monitored on its own. The names carry
 * no prefix: the queue lib adds the deployment's prefix (and Redis Cluster hash tags).
 */
export const QueueNames = {
  diagnostics: 'diagnostics',
  events: 'events',
  registryMaintenance: 'registry-maintenance',
  sentimentMonitor: 'sentiment-monitor',
  training: 'training',
  webhooks: 'webhooks',
} as const;
export type QueueName = (typeof QueueNames)[keyof typeof QueueNames];
