import { registryRoutes, type RegistryRoutes } from '@ciclo/platform-contracts';
import { deriveClient, type CallOptions, type DerivedClient } from './derive-client';
import { HttpClientError, HttpClientErrorCodes } from './http-client-error';

export interface RegistryClientOptions {
  /** Base URL of the model-registry app, e.g. `http://127.0.0.1:3005`. */
  readonly baseUrl: string;
  /** An API key with the role the calls need (reads: viewer). */
  readonly apiKey: string;
  /** Per-call timeout. Default 10 s. */
  readonly timeoutMs?: number;
  /** Artifact downloads: up to tens of MB. Default 120 s. */
  readonly downloadTimeoutMs?: number;
  /** Sent as `user-agent` (which app is calling). */
  readonly userAgent?: string;
}

export interface DownloadedArtifact {
  readonly bytes: Uint8Array;
  /** What the registry says the bytes hash to (`x-ciclo-sha256`); the loader checks it. */
  readonly declaredSha256: string | null;
}

/**
 * Every route of the model registry as a typed call (`listModels()`, `getVersion({ params })`…),
 * derived from `registryRoutes`; `downloadArtifact` answers with the bytes and their declared sha256.
 */
export type RegistryClient = Omit<DerivedClient<RegistryRoutes>, 'downloadArtifact'> & {
  downloadArtifact(args: { params: { name: string; version: number } }, options?: CallOptions): Promise<DownloadedArtifact>;
};

export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const { client, raw } = deriveClient(registryRoutes, {
    service: 'model registry',
    baseUrl: options.baseUrl,
    headers: { authorization: `Bearer ${options.apiKey}`, ...(options.userAgent ? { 'user-agent': options.userAgent } : {}) },
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  const downloadTimeoutMs = options.downloadTimeoutMs ?? 120_000;
  return {
    ...client,
    async downloadArtifact(args, callOptions) {
      const answer = await raw('downloadArtifact', args, { timeoutMs: callOptions?.timeoutMs ?? downloadTimeoutMs });
      if (!(answer.body instanceof Uint8Array)) {
        const type = answer.headers.get('content-type') ?? 'no content-type';
        throw new HttpClientError(HttpClientErrorCodes.badResponse, `model registry sent ${type} instead of bytes for GET ${answer.path}`, {
          service: 'model registry',
          method: 'GET',
          path: answer.path,
          status: answer.status,
          reason: 'not bytes',
          body: answer.body,
        });
      }
      return { bytes: answer.body, declaredSha256: answer.headers.get('x-ciclo-sha256') };
    },
  };
}
