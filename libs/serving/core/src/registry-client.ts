import type { ModelList, SamplePredictionView, VersionView } from '@ciclo/platform-contracts';
import { createRegistryClient as deriveRegistryClient, HttpClientError, type DownloadedArtifact } from '@ciclo/platform-clients';
import { RegistryRequestError } from './errors/registry-request-error';

export type { DownloadedArtifact } from '@ciclo/platform-clients';

export interface RegistryClientOptions {
  /** Base URL of the model-registry app, e.g. `http://127.0.0.1:3005`. */
  readonly baseUrl: string;
  /** A key with at least the `viewer` role (every registry read needs one). */
  readonly apiKey: string;
  /** Per-request timeout; artifact downloads get `downloadTimeoutMs`. Default 10 s. */
  readonly timeoutMs?: number;
  /** Default 120 s: artifacts are up to tens of MB. */
  readonly downloadTimeoutMs?: number;
}

/**
 * What the serving side needs from the registry, over its public HTTP API: which version each
 * model's aliases point to, a version's record and samples, and its artifact bytes. The repository
 * depends on this narrow port (tests give it an in-memory registry).
 */
export interface RegistryClient {
  /** Every model with its aliases (one request: the reconcile loop's whole view of the world). */
  listModels(): Promise<ModelList['models']>;
  getVersion(model: string, version: number): Promise<VersionView>;
  getSamples(model: string, version: number): Promise<SamplePredictionView[]>;
  downloadArtifact(model: string, version: number): Promise<DownloadedArtifact>;
}

/** Any failed call as the serving side's RegistryRequestError (status, path, the registry's code). */
async function asRegistryRequest<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (!(error instanceof HttpClientError)) throw error;
    // Same message, and the client error's own cause (the fetch failure) as ours: wrapping the
    // client error itself would make every logged message say it twice (pino appends causes).
    throw new RegistryRequestError(error.message, { status: error.status, path: error.path, code: error.remoteCode, cause: error.cause });
  }
}

/** The port over the registry client derived from the registry's route descriptions (@ciclo/platform-clients). */
export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const client = deriveRegistryClient({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    userAgent: 'ciclo-nlp-service',
    timeoutMs: options.timeoutMs ?? 10_000,
    downloadTimeoutMs: options.downloadTimeoutMs ?? 120_000,
  });
  return {
    listModels: async () => (await asRegistryRequest(client.listModels())).models,
    getVersion: (model, version) => asRegistryRequest(client.getVersion({ params: { name: model, version } })),
    getSamples: async (model, version) => (await asRegistryRequest(client.getSamples({ params: { name: model, version } }))).samples,
    downloadArtifact: (model, version) => asRegistryRequest(client.downloadArtifact({ params: { name: model, version } })),
  };
}
