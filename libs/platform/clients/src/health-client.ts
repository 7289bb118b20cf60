import { healthRoutes, type LivenessBody, type ReadinessBody } from '@ciclo/platform-contracts';
import { deriveClient, type CallOptions } from './derive-client';

export interface HealthClientOptions {
  /** Base URL of any Ciclo app, e.g. `http://127.0.0.1:3002`. */
  readonly baseUrl: string;
  /** Per-call timeout. Default 2 s: a probe that hangs is an answer too. */
  readonly timeoutMs?: number;
  /** Who is probed, for error messages (`nlp-service`). Default `app`. */
  readonly service?: string;
}

/** The health routes every Ciclo app serves (`healthRoutes`), as typed calls. */
export interface HealthClient {
  live(options?: CallOptions): Promise<LivenessBody>;
  /**
   * The readiness answer, ready (200) or not (503, naming each dependency that is down); rejects
   * with an HttpClientError only when the app does not answer that way (down, another status, a
   * body off-contract).
   */
  readiness(options?: CallOptions): Promise<ReadinessBody>;
}

export function createHealthClient(options: HealthClientOptions): HealthClient {
  const { client, raw } = deriveClient(healthRoutes, {
    service: options.service ?? 'app',
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs ?? 2_000,
  });
  return {
    live: (callOptions) => client.live(undefined, callOptions),
    async readiness(callOptions) {
      const answer = await raw('ready', undefined, { ...callOptions, answerStatuses: [503] });
      // raw() checked it against ReadinessBody, the route's schema for 200 and for 503.
      return answer.body as ReadinessBody;
    },
  };
}
