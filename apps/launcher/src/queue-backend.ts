import { redactSecrets } from '@ciclo/platform-config';
import { pingRedis, type RedisPingResult } from '@ciclo/platform-queue';
import { LauncherError } from './errors/launcher-error';

export type QueueBackendChoice =
  | { readonly kind: 'redis'; readonly url: string; readonly summary: string }
  | { readonly kind: 'postgres'; readonly schema: string; readonly summary: string };

export interface QueueBackendInputs {
  /** `REDIS_URL`: when set, Redis is required there. */
  readonly redisUrl: string | undefined;
  /** Where a local Redis is looked for when `REDIS_URL` is not set. */
  readonly probeUrl: string;
  /** Schema for BullMQ's tables in the platform database (`QUEUE_PG_SCHEMA`). */
  readonly pgSchema: string;
  /** How a URL is checked (default: one {@link pingRedis} with a 500 ms budget). */
  readonly probe?: (url: string) => Promise<RedisPingResult>;
}

/**
 * REDIS_URL if set (and answering), else a local Redis if one answers PING, else BullMQ's
 * PostgreSQL backend in the platform database. `summary` is the one line the launcher logs.
 */
export async function chooseQueueBackend(inputs: QueueBackendInputs): Promise<QueueBackendChoice> {
  const probe = inputs.probe ?? ((url: string) => pingRedis(url, { timeoutMs: 500 }));
  if (inputs.redisUrl) {
    const answer = await probe(inputs.redisUrl);
    if (answer.status !== 'up') {
      throw new LauncherError(
        'CICLO_ERR_LAUNCHER_REDIS_UNREACHABLE',
        `REDIS_URL is set to ${redactSecrets(inputs.redisUrl)}, but no Redis answers PING there (${redactSecrets(answer.reason)}). ` +
          'Start Redis, correct REDIS_URL, or unset it to use a local Redis or the PostgreSQL queue backend.',
      );
    }
    return { kind: 'redis', url: inputs.redisUrl, summary: `Queues: Redis at ${redactSecrets(inputs.redisUrl)} (REDIS_URL).` };
  }
  if ((await probe(inputs.probeUrl)).status === 'up') {
    return { kind: 'redis', url: inputs.probeUrl, summary: `Queues: Redis at ${redactSecrets(inputs.probeUrl)} (found running locally).` };
  }
  return {
    kind: 'postgres',
    schema: inputs.pgSchema,
    summary:
      `Queues: no Redis (REDIS_URL unset, nothing answers at ${redactSecrets(inputs.probeUrl)}), so using the PostgreSQL queue backend ` +
      `(BullMQ tables in schema "${inputs.pgSchema}" of the platform database). Set REDIS_URL for production-like throughput.`,
  };
}
