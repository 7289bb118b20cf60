import { AppError } from '@ciclo/platform-contracts';

/** Why a call through a derived client failed. */
export const HttpClientErrorCodes = {
  /** No answer: connection refused, DNS, timeout. */
  unreachable: 'CICLO_ERR_CLIENT_UNREACHABLE',
  /** The app answered with a non-2xx status (its own error `code` is in `remoteCode`). */
  errorStatus: 'CICLO_ERR_CLIENT_ERROR_STATUS',
  /** A body that does not match the route's response schema for its status (or is not JSON). */
  badResponse: 'CICLO_ERR_CLIENT_BAD_RESPONSE',
} as const;
export type HttpClientErrorCode = (typeof HttpClientErrorCodes)[keyof typeof HttpClientErrorCodes];

/** How the answer's body was read: none (no answer, 204, empty), JSON, text that is not JSON, or bytes. */
export type AnswerBodyFormat = 'none' | 'json' | 'text' | 'bytes';

export interface HttpClientErrorInit {
  /** Who was called, for messages: `model registry`, `nlp-service`. */
  readonly service: string;
  readonly method: string;
  /** Path and query of the call, without the base URL. */
  readonly path: string;
  /** HTTP status, or `null` when the app did not answer. */
  readonly status: number | null;
  readonly remoteCode?: string | null;
  readonly remoteMessage?: string | null;
  /** Why there was no usable answer (unreachable, off-contract body), in a few words. */
  readonly reason?: string | null;
  /** The answer's body as read (parsed JSON, text, bytes), when there was one. */
  readonly body?: unknown;
  readonly bodyFormat?: AnswerBodyFormat;
  readonly cause?: unknown;
}

/**
 * A failed call to another Ciclo app. It maps to 502 if it ever reaches an HTTP answer (the
 * caller's upstream failed), but callers usually turn it into their own terms: the CLI into one
 * line, serving into "keep the old version".
 */
export class HttpClientError extends AppError {
  readonly service: string;
  readonly method: string;
  readonly path: string;
  readonly status: number | null;
  /** The app's own stable code (`CICLO_ERR_REGISTRY_…`) when it sent an error body. */
  readonly remoteCode: string | null;
  readonly remoteMessage: string | null;
  readonly reason: string | null;
  /** The answer's body as read (a proxy's HTML page stays its text); `null` without one. */
  readonly body: unknown;
  /** `text` or `bytes`: the app (or something in between) answered with a body that is not JSON. */
  readonly bodyFormat: AnswerBodyFormat;

  constructor(code: HttpClientErrorCode, message: string, init: HttpClientErrorInit) {
    super(code, message, 502, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'HttpClientError';
    this.service = init.service;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.remoteCode = init.remoteCode ?? null;
    this.remoteMessage = init.remoteMessage ?? null;
    this.reason = init.reason ?? null;
    this.body = init.body ?? null;
    this.bodyFormat = init.bodyFormat ?? 'none';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
