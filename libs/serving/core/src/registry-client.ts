import { ErrorBody, ModelList, SampleList, VersionView, type SamplePredictionView } from '@ciclo/platform-contracts';
import { RegistryRequestError } from './errors/registry-request-error';

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

export interface DownloadedArtifact {
  readonly bytes: Uint8Array;
  /** What the registry says the bytes hash to (`x-ciclo-sha256`); the loader checks it. */
  readonly declaredSha256: string | null;
}

/**
 * What the serving side needs from the registry, over its public HTTP API: which version each
 * model's aliases point to, a version's record and samples, and its artifact bytes.
 */
export interface RegistryClient {
  /** Every model with its aliases (one request: the reconcile loop's whole view of the world). */
  listModels(): Promise<ModelList['models']>;
  getVersion(model: string, version: number): Promise<VersionView>;
  getSamples(model: string, version: number): Promise<SamplePredictionView[]>;
  downloadArtifact(model: string, version: number): Promise<DownloadedArtifact>;
}

/** A fetch-based client (Node's own HTTP client; nothing here needs more). */
export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const downloadTimeoutMs = options.downloadTimeoutMs ?? 120_000;
  const headers = { authorization: `Bearer ${options.apiKey}`, 'user-agent': 'ciclo-nlp-service' };

  async function request(path: string, timeout: number): Promise<Response> {
    const url = `${base}${path}`;
    let response: Response;
    try {
      response = await fetch(url, { headers, signal: AbortSignal.timeout(timeout) });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeout} ms` : (error as Error).message;
      throw new RegistryRequestError(`model registry unreachable at ${base} (${reason})`, { status: null, path, cause: error });
    }
    if (response.ok) return response;
    const text = await response.text().catch(() => '');
    const parsed = safeJson(text);
    const body = ErrorBody.safeParse(parsed);
    const detail = body.success ? `${body.data.error.code}: ${body.data.error.message}` : text.slice(0, 200) || response.statusText;
    throw new RegistryRequestError(`model registry answered ${response.status} for GET ${path}: ${detail}`, {
      status: response.status,
      path,
      code: body.success ? body.data.error.code : null,
    });
  }

  async function json<T>(path: string, schema: { parse(value: unknown): T }): Promise<T> {
    const response = await request(path, timeoutMs);
    const text = await response.text();
    try {
      return schema.parse(JSON.parse(text));
    } catch (error) {
      throw new RegistryRequestError(`model registry sent an unexpected body for GET ${path}: ${(error as Error).message.slice(0, 300)}`, {
        status: response.status,
        path,
        cause: error,
      });
    }
  }

  const versionPath = (model: string, version: number) => `/v1/models/${encodeURIComponent(model)}/versions/${version}`;

  return {
    listModels: async () => (await json('/v1/models', ModelList)).models,
    getVersion: (model, version) => json(versionPath(model, version), VersionView),
    getSamples: async (model, version) => (await json(`${versionPath(model, version)}/samples`, SampleList)).samples,
    async downloadArtifact(model, version) {
      const response = await request(`${versionPath(model, version)}/artifact`, downloadTimeoutMs);
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { bytes, declaredSha256: response.headers.get('x-ciclo-sha256') };
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
