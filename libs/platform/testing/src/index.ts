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
export { countRowsOfEveryTable, rowCountChanges, type RowCounts } from './row-counts';
export { matchesJsonSchema, resolveSchemaRefs, type JsonSchema } from './json-schema';
export { arbitraryFromSchema, namedArbitrary, type SchemaArbitraryOptions } from './json-schema-arbitrary';
export { listOperations, type ApiOperation, type ApiParameter, type OpenApiDocument } from './open-api-operations';
export { RawJson, RawUrlText, encodeUrlValue, jsonWithRaw, type HttpRequest, type RequestDraft, type Target } from './fuzz-request';
export { HOSTILE_CLASSES, hostileClasses, type HostileClass, type HostileClassSpec, type HostileContext } from './hostile-input';
export { defineOpenApiFuzz, type OpenApiFuzzSuiteOptions } from './open-api-fuzz-suite';
export { fuzzOpenApi, fuzzSeed, fuzzRuns, describeRequest, injectInto, type FuzzReport, type Injectable, type InjectedResponse, type OpenApiFuzzOptions } from './open-api-fuzz';
