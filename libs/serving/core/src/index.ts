// Public API of @ciclo/serving-core: what the nlp-service needs to serve registry models (issue #5).

export { createRegistryClient, type DownloadedArtifact, type RegistryClient, type RegistryClientOptions } from './registry-client';
export { LoadedVersion, type BatchingOptions, type LoadedVersionInit } from './loaded-version';
export { loadVersion, type LoadVersionOptions } from './load-version';
export { ModelRepository, type ModelRepositoryOptions, type ModelStatus, type Readiness, type RepositoryStats } from './model-repository';
export { createInferenceMetrics, type InferenceMetrics, type SwapOutcome } from './inference-metrics';
export { checkTextLimits, decodeInferRequest, encodeInferOutputs, type DecodedInferRequest, type TextLimits } from './oip-codec';
export { serializeInferResponse } from './infer-response-serialiser';

// ── Errors (codes CICLO_ERR_NLP_*) ──
export { InvalidInferInputError } from './errors/invalid-infer-input-error';
export { LimitExceededError } from './errors/limit-exceeded-error';
export { ModelNotReadyError } from './errors/model-not-ready-error';
export { ModelNotServedError } from './errors/model-not-served-error';
export { RegistryRequestError } from './errors/registry-request-error';
export { SwapStepError, SwapSteps, type SwapStep } from './errors/swap-step-error';
export { ServedVersionNotFoundError } from './errors/version-not-found-error';
export { VersionUnavailableError } from './errors/version-unavailable-error';
