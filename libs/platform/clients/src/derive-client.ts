import { ErrorBody, OipErrorBody, type HttpRoute } from '@ciclo/platform-contracts';
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
  readonly body: unknown;
  readonly headers: Headers;
}

export interface RouteCaller<T extends Record<string, HttpRoute>> {
  readonly client: DerivedClient<T>;
  /** The same call, answering with status, body (unvalidated for non-JSON bodies) and headers. */
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

/**
 * A typed client derived from a route catalog by ts-rest: it builds each URL from the route's
 * path and params, encodes query and JSON body, and checks 2xx answers against the route's
 * response schema. This adds per-call timeouts and one error type: a non-2xx answer, no answer
 * or a body off-contract is an {@link HttpClientError} carrying status, path and the app's code.
 */
export function deriveClient<T extends Record<string, HttpRoute>>(routes: T, options: DerivedClientOptions): RouteCaller<T> {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const defaultTimeoutMs = options.timeoutMs ?? 10_000;
  // Response validation runs below, after the status is known, so an error body off-contract
  // still reports the status it came with.
  const tsRest = initClient(routes as unknown as AppRouter, { baseUrl, baseHeaders: { ...options.headers }, validateResponse: false, throwOnUnknownStatus: false }) as unknown as Record<
    string,
    (args: Record<string, unknown>) => Promise<RawAnswer>
  >;

  async function raw(name: keyof T & string, args: AnyArgs | undefined, callOptions?: CallOptions): Promise<RawAnswer> {
    const route = routes[name] as HttpRoute;
    const timeoutMs = callOptions?.timeoutMs ?? defaultTimeoutMs;
    // ts-rest inserts params as they are: encode them so a name can never change the path.
    const params = Object.fromEntries(Object.entries(args?.params ?? {}).map(([k, v]) => [k, encodeURIComponent(String(v))]));
    const path = `${insertParamsIntoPath({ path: route.path, params })}${convertQueryParamsToUrlString(args?.query ?? {})}`;
    const where = { service: options.service, method: route.method, path };
    let answer: RawAnswer;
    try {
      answer = await (tsRest[name] as (a: Record<string, unknown>) => Promise<RawAnswer>)({ ...args, params, fetchOptions: { signal: AbortSignal.timeout(timeoutMs) } });
    } catch (error) {
      if (error instanceof SyntaxError) {
        throw new HttpClientError(HttpClientErrorCodes.badResponse, `${options.service} sent a body that is not JSON for ${route.method} ${path}`, { ...where, status: null, reason: 'not JSON', cause: error });
      }
      const reason = failureReason(error, timeoutMs);
      throw new HttpClientError(HttpClientErrorCodes.unreachable, `${options.service} unreachable at ${baseUrl} (${reason})`, { ...where, status: null, reason, cause: error });
    }
    if (answer.status < 200 || answer.status > 299) {
      const remote = remoteError(answer.body);
      const detail = remote ? `${remote.code}: ${remote.message}` : typeof answer.body === 'string' ? answer.body.slice(0, 200) : 'no error body';
      throw new HttpClientError(HttpClientErrorCodes.errorStatus, `${options.service} answered ${answer.status} for ${route.method} ${path}: ${detail}`, {
        ...where,
        status: answer.status,
        remoteCode: remote?.code ?? null,
        remoteMessage: remote?.message ?? null,
      });
    }
    try {
      const checked = validateResponse({ appRoute: route as unknown as AppRoute, response: { status: answer.status, body: answer.body } });
      return { status: answer.status, body: checked.body, headers: answer.headers };
    } catch (error) {
      const issue = (error as { cause?: { issues?: { message: string; path?: readonly unknown[] }[] } }).cause?.issues?.[0];
      const reason = issue ? `${issue.path?.join('.') ?? ''} ${issue.message}`.trim() : (error as Error).message;
      throw new HttpClientError(HttpClientErrorCodes.badResponse, `${options.service} sent an unexpected body for ${route.method} ${path}: ${reason.slice(0, 300)}`, {
        ...where,
        status: answer.status,
        reason,
        cause: error,
      });
    }
  }

  const client = Object.fromEntries(
    Object.keys(routes).map((name) => [name, async (args?: AnyArgs, callOptions?: CallOptions) => (await raw(name, args, callOptions)).body]),
  ) as unknown as DerivedClient<T>;
  return { client, raw: (name, args, callOptions) => raw(name, args as AnyArgs | undefined, callOptions) };
}
