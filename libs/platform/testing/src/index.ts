// Fixtures for integration tests against the real PostgreSQL and Redis on this machine.
export { runTsEntry, type ProcessResult } from './app-process';
export { defineBootConfigContract } from './boot-config-contract';
export {
  testQueueBackends,
  testQueueBackend,
  type TestQueueBackend,
  type TestQueueBackendOptions,
} from './queue';
export { createTestDatabase, type TestDatabase, type TestDatabaseOptions } from './database';
export { startServiceProcess, type ServiceProcess } from './service-process';
export { tinyModel, TINY_MODEL_LABELS, type TinyModelOptions } from './tiny-model';
