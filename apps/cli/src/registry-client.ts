import {
  AliasChangeView,
  AliasHistory,
  CompareView,
  ErrorBody,
  ModelList,
  ModelView,
  VersionList,
  VersionView,
} from '@ciclo/platform-contracts';
import type { z } from 'zod';
import { CliError } from './cli-error';

export interface RegistryClientOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly timeoutMs?: number;
}

export const NO_API_KEY_MESSAGE = [
  'No API key: set CICLO_API_KEY to a registry key, e.g. export CICLO_API_KEY=ciclo_…',
  'The first `npm start` prints an admin key once; an admin issues more with POST /v1/api-keys on the model registry.',
].join('\n');

/** A typed client of the model registry's HTTP API; every failure becomes a one-line CliError. */
export function createRegistryClient(options: RegistryClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');

  async function call<S extends z.ZodType>(schema: S, method: string, path: string, body?: unknown): Promise<z.infer<S>> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${options.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      throw new CliError(`Cannot reach the model registry at ${base} (${reason}). Is the platform running? Start it with: npm start`);
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      throw new CliError(`The model registry answered HTTP ${response.status} with a body that is not JSON`);
    }
    if (!response.ok) {
      const error = ErrorBody.safeParse(json);
      const hint = response.status === 401 ? '\nCheck CICLO_API_KEY (a revoked or mistyped key gets 401).' : '';
      throw new CliError(error.success ? `${error.data.error.code}: ${error.data.error.message}${hint}` : `HTTP ${response.status} from ${method} ${path}${hint}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new CliError(`Unexpected answer from ${method} ${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data;
  }

  const model = (name: string) => `/v1/models/${encodeURIComponent(name)}`;
  const alias = (name: string, a: string) => `${model(name)}/aliases/${encodeURIComponent(a)}`;

  return {
    listModels: () => call(ModelList, 'GET', '/v1/models'),
    getModel: (name: string) => call(ModelView, 'GET', model(name)),
    listVersions: (name: string) => call(VersionList, 'GET', `${model(name)}/versions`),
    getVersion: (name: string, version: number) => call(VersionView, 'GET', `${model(name)}/versions/${version}`),
    compare: (name: string, a: number, b: number) => call(CompareView, 'GET', `${model(name)}/compare?a=${a}&b=${b}`),
    setAlias: (name: string, a: string, body: { version: number; reason: string; force?: boolean }) => call(AliasChangeView, 'PUT', alias(name, a), body),
    rollback: (name: string, a: string, reason: string) => call(AliasChangeView, 'POST', `${alias(name, a)}/rollback`, { reason }),
    history: (name: string, a: string | undefined, limit: number) =>
      call(AliasHistory, 'GET', `${a === undefined ? `${model(name)}/history` : `${alias(name, a)}/history`}?limit=${limit}`),
  };
}

export type RegistryClient = ReturnType<typeof createRegistryClient>;
