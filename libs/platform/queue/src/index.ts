export { createQueueClient, type QueueClient, type QueueClientOptions, type WaitForJobOptions } from './queue-client';
export {
  DEFAULT_POSTGRES_SCHEMA,
  DEFAULT_REDIS_PREFIX,
  describeBackend,
  type PostgresQueueBackendConfig,
  type QueueBackendConfig,
  type RedisQueueBackendConfig,
} from './queue-backend-config';
export type {
  CatalogQueueName,
  EnqueuedFlow,
  EnqueuedJob,
  EnqueueItem,
  EnqueueOptions,
  FlowNode,
  JobContext,
  JobHandler,
  JobNameInQueue,
  JobSnapshot,
  JobStatus,
  KeepJobsPolicy,
  ManagedWorker,
  QueueCounts,
  QueueHandlers,
  QueueJobDefaults,
  QueueJobEvent,
  WorkerOptions,
} from './job-types';
export type { QueueLogger } from './queue-logger';
export { createQueueMetrics, type QueueMetrics } from './queue-metrics';
export { createPubSub, type PubSub, type PubSubHandler, type PubSubOptions } from './pub-sub';
export { destroyQueueNamespace } from './destroy-queue-namespace';
export { pingRedis, type PingRedisOptions, type RedisPingResult } from './ping-redis';
export { InvalidJobPayloadError, type PayloadIssue } from './errors/invalid-job-payload-error';
export { UnknownJobError } from './errors/unknown-job-error';
export { QueueUnavailableError } from './errors/queue-unavailable-error';
export { QueueClosedError } from './errors/queue-closed-error';
export { JobWaitTimeoutError } from './errors/job-wait-timeout-error';
export { PermanentJobError } from './errors/permanent-job-error';
