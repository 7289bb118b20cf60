import { registryRoutes, type RegistryRoutes } from '@ciclo/platform-contracts';
import { deriveClient, type CallOptions, type DerivedClient } from './derive-client';

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
      // ts-rest hands non-JSON bodies over as a Blob.
      const bytes = new Uint8Array(await (answer.body as Blob).arrayBuffer());
      return { bytes, declaredSha256: answer.headers.get('x-ciclo-sha256') };
    },
  };
}
