import type { EventEnvelope } from '@ciclo/platform-contracts';
import { WebhookHeaders, signWebhookBody } from './webhook-signature';

export interface WebhookTarget {
  readonly url: string;
  readonly secret: string;
}

export interface DeliverWebhookOptions {
  /** Default `globalThis.fetch`. */
  readonly fetch?: typeof fetch;
  /** Tries in all (default 4). */
  readonly attempts?: number;
  /** First retry delay, doubled each time (default 500 ms). */
  readonly backoffMs?: number;
  /** Per-request time limit (default 10 s). */
  readonly timeoutMs?: number;
  readonly now?: () => Date;
  /** Injected in tests; default a timer. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface DeliveryResult {
  readonly ok: boolean;
  /** Last HTTP status, or null when no response arrived. */
  readonly status: number | null;
  readonly attempts: number;
  readonly error: string | null;
}

/** 408, 425, 429 and 5xx are worth another try; any other 4xx will fail the same way again. */
function retryable(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/**
 * POST one event to one webhook: JSON body (the event envelope), HMAC signature and timestamp
 * headers, `X-Ciclo-Delivery` = event id for the receiver's deduplication (delivery is at least
 * once). Retries network errors, timeouts and retryable statuses with exponential backoff.
 * Never throws: the result says what happened.
 */
export async function deliverWebhook(event: EventEnvelope, webhook: WebhookTarget, options: DeliverWebhookOptions = {}): Promise<DeliveryResult> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const attempts = Math.max(1, options.attempts ?? 4);
  const backoff = options.backoffMs ?? 500;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const body = JSON.stringify(event);
  let status: number | null = null;
  let error: string | null = null;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    // Signed per attempt: a retry long after the first try still fits the receiver's time window.
    const timestamp = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
    try {
      const response = await doFetch(webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'ciclo-model-registry',
          [WebhookHeaders.signature]: signWebhookBody(webhook.secret, timestamp, body),
          [WebhookHeaders.timestamp]: String(timestamp),
          [WebhookHeaders.event]: event.type,
          [WebhookHeaders.delivery]: event.id,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
      if (status >= 200 && status < 300) return { ok: true, status, attempts: attempt, error: null };
      error = `HTTP ${status}`;
      if (!retryable(status)) return { ok: false, status, attempts: attempt, error };
    } catch (e) {
      status = null;
      error = (e as Error).message;
    }
    if (attempt < attempts) await sleep(backoff * 2 ** (attempt - 1));
  }
  return { ok: false, status, attempts, error };
}
