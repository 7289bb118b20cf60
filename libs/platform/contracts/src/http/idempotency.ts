import { z } from 'zod';

// Retry-safe creating requests (issue #10), after the IETF draft "The Idempotency-Key HTTP Header
// Field" and Stripe's practice: the client sends a unique key per logical operation and the same
// key on its retries; the server answers a repeat with the first result instead of acting again.

/** The request header (lowercase, as Node hands it over). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set to `true` on an answer that is a stored first result, not a new execution. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

/** 1–255 printable ASCII characters (space to `~`); the draft's quoted form `"…"` is accepted too. */
const KEY_CHARS = /^[\x20-\x7e]{1,255}$/;
const QUOTED = /^"([^"\\]*)"$/;

export const IdempotencyErrorCodes = {
  /** 400: the header is not 1–255 printable ASCII characters. */
  invalidKey: 'CICLO_ERR_IDEMPOTENCY_KEY_INVALID',
  /** 422: the key was already used by this caller on this route for a different request. */
  keyReused: 'CICLO_ERR_IDEMPOTENCY_KEY_REUSED',
  /** 409: the first request with this key is still running; retry later with the same key. */
  inFlight: 'CICLO_ERR_IDEMPOTENCY_KEY_IN_FLIGHT',
} as const;

/**
 * The key a header value stands for, or null when it is not a valid key. `"abc"` (the draft's
 * structured-field string) and `abc` are the same key.
 */
export function parseIdempotencyKey(value: string): string | null {
  const key = QUOTED.exec(value)?.[1] ?? value;
  return KEY_CHARS.test(key) ? key : null;
}

/** What every route that accepts the header says about it (route descriptions, OpenAPI). */
export const IDEMPOTENCY_KEY_NOTE =
  'Retry-safe: send `Idempotency-Key` (1–255 printable ASCII characters, e.g. a random UUID per operation, the same on its retries). ' +
  'A repeat with the same key and request gets the first answer again (header `Idempotent-Replayed: true`) and creates nothing; ' +
  'the same key with another request gets 422, a repeat while the first still runs 409. ' +
  'Keys are per API key and route, kept 24 h by default; an answer of 4xx or 5xx is not kept, so a retry runs again.';

/**
 * The header as an OpenAPI parameter. Deliberately loose: the rule is checked by the server, which
 * answers a bad key with 400 {@link IdempotencyErrorCodes.invalidKey} rather than a generic one.
 */
export const IdempotencyKeyHeaders = z.object({
  [IDEMPOTENCY_KEY_HEADER]: z
    .string()
    .optional()
    .meta({ description: `${IDEMPOTENCY_KEY_NOTE} Must be 1–255 printable ASCII characters.`, example: '5f0c2b8e-3d0a-4c4e-9a51-0c9d1f7e2a61' }),
});
