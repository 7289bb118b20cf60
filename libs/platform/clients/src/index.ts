// Public API of @ciclo/platform-clients: typed HTTP clients of the platform's apps, derived from
// the route catalogs in @ciclo/platform-contracts (apps call each other only through these).
export { deriveClient, type CallOptions, type DerivedCall, type DerivedClient, type DerivedClientOptions, type RawAnswer, type RouteArgs, type RouteCaller, type RouteSuccess } from './derive-client';
export { createRegistryClient, type DownloadedArtifact, type RegistryClient, type RegistryClientOptions } from './registry-client';
export { createInferenceClient, type InferenceClient, type InferenceClientOptions } from './inference-client';
export { createHealthClient, type HealthClient, type HealthClientOptions } from './health-client';
export { HttpClientError, HttpClientErrorCodes, type AnswerBodyFormat, type HttpClientErrorCode, type HttpClientErrorInit } from './http-client-error';
