import { inferenceRoutes, type InferenceRoutes } from '@ciclo/platform-contracts';
import { deriveClient, type DerivedClient } from './derive-client';

export interface InferenceClientOptions {
  /** Base URL of the nlp-service, e.g. `http://127.0.0.1:3002`. */
  readonly baseUrl: string;
  /** Per-call timeout. Default 10 s. */
  readonly timeoutMs?: number;
  readonly userAgent?: string;
}

/** Every route of the nlp-service (Open Inference Protocol v2 and `/v1/analyze`) as a typed call. */
export type InferenceClient = DerivedClient<InferenceRoutes>;

export function createInferenceClient(options: InferenceClientOptions): InferenceClient {
  return deriveClient(inferenceRoutes, {
    service: 'nlp-service',
    baseUrl: options.baseUrl,
    ...(options.userAgent ? { headers: { 'user-agent': options.userAgent } } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  }).client;
}
