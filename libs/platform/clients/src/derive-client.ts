// @ts-rest/core is pinned to 3.53.0-rc.1: the first release that takes Standard Schema (zod 4)
// route schemas; 3.52.x needs zod 3. What this lib uses from it, to check on an upgrade:
// `initClient` (options `api`, `baseUrl`, `baseHeaders`, `validateResponse: false`,
// `throwOnUnknownStatus: false`, and that it returns the fetcher's answer as is),
// the `ApiFetcherArgs` it passes (`path` with the query, `method`, `headers`, `body`, `fetchOptions`),
// `insertParamsIntoPath`, `convertQueryParamsToUrlString`, `validateResponse` (its error's
// `cause.issues`), and the types AppRoute, AppRouter, ClientInferRequest,
// ClientInferResponseBody and SuccessfulHttpStatusCode.
import { ErrorBody, IDEMPOTENCY_KEY_HEADER, OipErrorBody, type HttpRoute } from '@ciclo/platform-contracts';
import {
  convertQueryParamsToUrlString,
  initClient,
  insertParamsIntoPath,
  validateResponse,
  type AppRoute,
  type AppRouter,
  type ClientInferRequest,
  type ClientInferResponseBody,
  type SuccessfulHttpStatusCode,
} from '@ts-rest/core';
import { fetchAnswer, type FetchedAnswer } from './answer-fetcher';
import { HttpClientError, HttpClientErrorCodes } from './http-client-error';

export interface DerivedClientOptions {
  /** Who is called, for error messages (`model registry`). */
  readonly service: string;
  /** The app's base URL, e.g. `http://127.0.0.1:3005`. */
  readonly baseUrl: string;
  /** Sent with every call (authorization, user-agent). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Per-call timeout unless a call says otherwise. Default 10 s. */
  readonly timeoutMs?: number;
}

export interface CallOptions {
  readonly timeoutMs?: number;
  /**
   * Non-2xx statuses that are answers here, not failures (readiness's 503 with the dependencies
   * down): their body is checked against the route's schema for that status and returned.
   */
  readonly answerStatuses?: readonly number[];
  /**
   * Sent as `Idempotency-Key` (routes with `acceptsIdempotencyKey`): one random value per logical
   * operation (`crypto.randomUUID()`), the same on every retry of it, so a retry after a lost
   * answer gets the first result instead of creating a duplicate.
   */
  readonly idempotencyKey?: string;
}

/** What a call sends: the route's path params, query and body, typed from its description. */
export type RouteArgs<R extends HttpRoute> = R extends AppRoute ? Omit<ClientInferRequest<R>, 'fetchOptions' | 'overrideClientOptions' | 'cache' | 'next' | 'extraHeaders' | 'headers'> : never;
/** The body of the route's 2xx answer(s), typed from its response schemas. */
export type RouteSuccess<R extends HttpRoute> = R extends AppRoute ? ClientInferResponseBody<R, keyof R['responses'] & SuccessfulHttpStatusCode> : never;

/** One derived call: resolves with the 2xx body, rejects with an {@link HttpClientError}. */
export type DerivedCall<R extends HttpRoute> = keyof RouteArgs<R> extends never
  ? (args?: RouteArgs<R>, options?: CallOptions) => Promise<RouteSuccess<R>>
  : (args: RouteArgs<R>, options?: CallOptions) => Promise<RouteSuccess<R>>;

export type DerivedClient<T extends Record<string, HttpRoute>> = { readonly [K in keyof T]: DerivedCall<T[K]> };

/** A 2xx answer with its headers (for routes whose headers matter, e.g. an artifact's sha256). */
export interface RawAnswer {
  readonly status: number;
  /** Checked against the route's schema: parsed JSON, `null` for a 204, a `Uint8Array` for bytes. */
  readonly body: unknown;
  readonly headers: Headers;
  /** Path and query of the call, without the base URL (for the caller's own error messages). */
  readonly path: string;
}

export interface RouteCaller<T extends Record<string, HttpRoute>> {
  readonly client: DerivedClient<T>;
  /** The same call, answering with status, body and headers. */
  raw<K extends keyof T & string>(name: K, args: RouteArgs<T[K]> | undefined, options?: CallOptions): Promise<RawAnswer>;
}

interface AnyArgs {
  params?: Record<string, unknown>;
  query?: unknown;
  body?: unknown;
}

/** The app's error `code` and message, from the platform's ErrorBody or the protocol's `{ error, code }`. */
function remoteError(body: unknown): { code: string; message: string } | null {
  const platform = ErrorBody.safeParse(body);
  if (platform.success) return { code: platform.data.error.code, message: platform.data.error.message };
  const oip = OipErrorBody.safeParse(body);
  return oip.success ? { code: oip.data.code, message: oip.data.error } : null;
}

function failureReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  if (error instanceof Error) return (error.cause as Error | undefined)?.message ?? error.message;
  return String(error);
}

interface CallSite {
  readonly service: string;
  readonly method: string;
  readonly path: string;
}

/** What a failed answer says, for the message: the app's code, its text, or the status line. */
function errorDetail(answer: FetchedAnswer, remote: { code: string; message: string } | null): string {
  if (remote) return `${remote.code}: ${remote.message}`;
  if (answer.bodyFormat === 'text') return (answer.body as string).trim().slice(0, 200) || answer.statusText;
  if (answer.bodyFormat === 'json') return JSON.stringify(answer.body).slice(0, 200);
  return answer.statusText || 'no body';
}

function statusError(answer: FetchedAnswer, where: CallSite): HttpClientError {
  const remote = answer.bodyFormat === 'json' ? remoteError(answer.body) : null;
  return new HttpClientError(HttpClientErrorCodes.errorStatus, `${where.service} answered ${answer.status} for ${where.method} ${where.path}: ${errorDetail(answer, remote)}`, {
    ...where,
    status: answer.status,
    remoteCode: remote?.code ?? null,
    remoteMessage: remote?.message ?? null,
    body: answer.body,
    bodyFormat: answer.bodyFormat,
  });
}

/** The answer's body checked against the route's schema for its status. */
function checkedBody(route: HttpRoute, answer: FetchedAnswer, where: CallSite): unknown {
  try {
    return validateResponse({ appRoute: route as unknown as AppRoute, response: { status: answer.status, body: answer.body } }).body;
  } catch (error) {
    const facts = { ...where, status: answer.status, body: answer.body, bodyFormat: answer.bodyFormat, cause: error };
    if (answer.bodyFormat === 'text' || answer.bodyFormat === 'bytes') {
      throw new HttpClientError(HttpClientErrorCodes.badResponse, `${where.service} sent a body that is not JSON for ${where.method} ${where.path}`, { ...facts, reason: 'not JSON' });
    }
    const issue = (error as { cause?: { issues?: { message: string; path?: readonly unknown[] }[] } }).cause?.issues?.[0];
    const reason = issue?.message ?? (error as Error).message;
    const at = issue?.path?.join('.') ?? '';
    throw new HttpClientError(HttpClientErrorCodes.badResponse, `${where.service} sent an unexpected body for ${where.method} ${where.path}: ${`${at} ${reason}`.trim().slice(0, 300)}`, { ...facts, reason });
  }
}

/**
 * A typed client derived from a route catalog by ts-rest: it builds each URL from the route's
 * path and params, encodes query and JSON body; {@link fetchAnswer} reads the answer. This adds
 * per-call timeouts, checks answers against the route's response schema for their status, and
 * has one error type: a non-2xx answer, no answer or a body off-contract is an
 * {@link HttpClientError} carrying status, path, the app's code and the body as read.
 */
export function deriveClient<T extends Record<string, HttpRoute>>(routes: T, options: DerivedClientOptions): RouteCaller<T> {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const defaultTimeoutMs = options.timeoutMs ?? 10_000;
  // Response validation runs below, after the status is known, so an error body off-contract
  // still reports the status it came with.
  const tsRest = initClient(routes as unknown as AppRouter, {
    baseUrl,
    baseHeaders: { ...options.headers },
    api: fetchAnswer,
    validateResponse: false,
    throwOnUnknownStatus: false,
  }) as unknown as Record<string, (args: Record<string, unknown>) => Promise<FetchedAnswer>>;

  async function raw(name: keyof T & string, args: AnyArgs | undefined, callOptions?: CallOptions): Promise<RawAnswer> {
    const route = routes[name] as HttpRoute;
    const timeoutMs = callOptions?.timeoutMs ?? defaultTimeoutMs;
    // ts-rest inserts params as they are: encode them so a name can never change the path.
    const params = Object.fromEntries(Object.entries(args?.params ?? {}).map(([k, v]) => [k, encodeURIComponent(String(v))]));
    const path = `${insertParamsIntoPath({ path: route.path, params })}${convertQueryParamsToUrlString(args?.query ?? {})}`;
    const where: CallSite = { service: options.service, method: route.method, path };
    let answer: FetchedAnswer;
    try {
      answer = await (tsRest[name] as (a: Record<string, unknown>) => Promise<FetchedAnswer>)({
        ...args,
        params,
        ...(callOptions?.idempotencyKey === undefined ? {} : { extraHeaders: { [IDEMPOTENCY_KEY_HEADER]: callOptions.idempotencyKey } }),
        fetchOptions: { signal: AbortSignal.timeout(timeoutMs) },
      });
    } catch (error) {
      const reason = failureReason(error, timeoutMs);
      throw new HttpClientError(HttpClientErrorCodes.unreachable, `${options.service} unreachable at ${baseUrl} (${reason})`, { ...where, status: null, reason, cause: error });
    }
    const isAnswer = (answer.status >= 200 && answer.status <= 299) || (callOptions?.answerStatuses?.includes(answer.status) ?? false);
    if (!isAnswer) throw statusError(answer, where);
    return { status: answer.status, body: checkedBody(route, answer, where), headers: answer.headers, path };
  }

  const client = Object.fromEntries(
    Object.keys(routes).map((name) => [name, async (args?: AnyArgs, callOptions?: CallOptions) => (await raw(name, args, callOptions)).body]),
  ) as unknown as DerivedClient<T>;
  return { client, raw: (name, args, callOptions) => raw(name, args as AnyArgs | undefined, callOptions) };
}
