import type { ApiFetcherArgs } from '@ts-rest/core';
import type { AnswerBodyFormat } from './http-client-error';

/** One HTTP answer as the derived clients read it. */
export interface FetchedAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  /**
   * `null` (204, 304 or empty), the parsed JSON, a `Uint8Array` (`application/octet-stream`, read
   * once) or the text (any other type, and a body declared JSON that does not parse).
   */
  readonly body: unknown;
  readonly bodyFormat: AnswerBodyFormat;
}

/** `application/json`, `application/problem+json`… */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json(?:\s*;|$)/i;
const BYTES_TYPE = /^application\/octet-stream(?:\s*;|$)/i;

async function readBody(response: Response): Promise<Pick<FetchedAnswer, 'body' | 'bodyFormat'>> {
  if (response.status === 204 || response.status === 304) {
    await response.body?.cancel();
    return { body: null, bodyFormat: 'none' };
  }
  const type = response.headers.get('content-type')?.trim() ?? '';
  // One buffer for artifacts of tens of MB: the Uint8Array is a view of it, not a copy.
  if (BYTES_TYPE.test(type)) return { body: new Uint8Array(await response.arrayBuffer()), bodyFormat: 'bytes' };
  const text = await response.text();
  if (text === '') return { body: null, bodyFormat: 'none' };
  if (JSON_TYPE.test(type)) {
    try {
      return { body: JSON.parse(text) as unknown, bodyFormat: 'json' };
    } catch {
      // Declared JSON but is not (a proxy's error page): the text, with the status, says more.
    }
  }
  return { body: text, bodyFormat: 'text' };
}

/**
 * The fetcher ts-rest's `initClient` calls (its `api` option) instead of its default one, which
 * throws on a body declared JSON that does not parse (losing the status), answers other bodies as
 * a Blob (a 204 included, which then fails its `null` schema) and needs a second copy for bytes.
 * Errors here are only "no answer" (refused, reset, timed out via `fetchOptions.signal`).
 */
export async function fetchAnswer(args: ApiFetcherArgs): Promise<FetchedAnswer> {
  const response = await fetch(args.path, { ...args.fetchOptions, method: args.method, headers: args.headers, body: args.body ?? null });
  return { status: response.status, statusText: response.statusText, headers: response.headers, ...(await readBody(response)) };
}
