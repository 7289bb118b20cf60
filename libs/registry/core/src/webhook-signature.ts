import { createHmac, timingSafeEqual } from 'node:crypto';

export const WebhookHeaders = {
  signature: 'x-ciclo-signature',
  timestamp: 'x-ciclo-timestamp',
  event: 'x-ciclo-event',
  delivery: 'x-ciclo-delivery',
} as const;

/** Signatures older (or newer) than this are refused by {@link verifyWebhookSignature}: replay protection. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * `sha256=<hex>` of HMAC-SHA256(secret, `<timestamp>.<body>`). The timestamp is inside the MAC, so
 * a captured request cannot be replayed later with a fresh timestamp (Stripe's scheme).
 */
export function signWebhookBody(secret: string, timestampSeconds: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex')}`;
}

export interface VerifyWebhookInput {
  readonly secret: string;
  /** The raw request body, exactly as received. */
  readonly body: string;
  readonly signature: string | undefined;
  readonly timestamp: string | undefined;
  readonly toleranceSeconds?: number;
  readonly now?: Date;
}

/** What a receiver runs: constant-time comparison plus a timestamp window. */
export function verifyWebhookSignature(input: VerifyWebhookInput): boolean {
  if (!input.signature || !input.timestamp || !/^\d+$/.test(input.timestamp)) return false;
  const timestamp = Number(input.timestamp);
  const nowSeconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - timestamp) > (input.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(signWebhookBody(input.secret, timestamp, input.body));
  const given = Buffer.from(input.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
