import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  IdempotencyKeyHeaders,
  parseIdempotencyKey,
  type HttpRoute,
} from '@ciclo/platform-contracts';
import { presentedKey, type FastifyReply, type FastifyRequest, type HttpApp } from '@ciclo/platform-http';
import { IdempotencyKeyInFlightError } from './errors/idempotency-key-in-flight-error';
import { IdempotencyKeyReusedError } from './errors/idempotency-key-reused-error';
import { InvalidIdempotencyKeyError } from './errors/invalid-idempotency-key-error';
import type { IdempotencyMetrics } from './idempotency-metrics';
import type { IdempotencyClaim, IdempotencyStore, StoredAnswer } from './idempotency-store';
import { requestFingerprint } from './request-fingerprint';
import { openResponse, sealResponse } from './response-seal';

export interface IdempotencyHooksOptions {
  readonly store: IdempotencyStore;
  /** The app's route catalog; those with `acceptsIdempotencyKey` get the header. */
  readonly routes: Readonly<Record<string, HttpRoute>>;
  readonly metrics: IdempotencyMetrics;
}

/** Headers of a first answer that belong to the answer (a request id belongs to each request). */
const REPLAYED_HEADERS = ['content-type', 'location', 'cache-control'] as const;

interface HeldClaim {
  readonly claim: IdempotencyClaim;
  /** The caller's API key: the stored answer is sealed with it. */
  readonly secret: string;
}

function replayedHeaders(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name);
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

/** The bytes of a JSON answer as sent, or null for what cannot be kept (a stream: no creating route answers one). */
function bytesOf(payload: unknown): Buffer | null {
  if (typeof payload === 'string') return Buffer.from(payload);
  if (payload instanceof Uint8Array) return Buffer.from(payload);
  if (payload === null || payload === undefined) return Buffer.alloc(0);
  return null;
}

/**
 * `Idempotency-Key` on every route of `routes` that accepts it (issue #10): routes are matched as
 * Fastify registers them, so whoever registers a route (this app or a platform lib) needs no
 * change. Before the handler (after the key's role check and the body's validation) the key is
 * claimed, or a repeat is answered from the store; as the answer leaves, a 2xx is kept (sealed)
 * and anything else releases the claim, so a failed first attempt can be retried with the key.
 * The header also appears as a parameter of those routes in the OpenAPI document.
 *
 * Call before the routes are registered.
 */
export function installIdempotencyHooks(app: HttpApp, options: IdempotencyHooksOptions): void {
  const { store, metrics } = options;
  const accepting = new Set(Object.values(options.routes).flatMap((route) => (route.acceptsIdempotencyKey ? [`${route.method} ${route.path}`] : [])));
  const held = new WeakMap<FastifyRequest, HeldClaim>();

  async function claimOrReplay(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    // The route's role check ran first, so there is a principal; without one there is no scope.
    if (header === undefined || !request.principal) return undefined;
    const value = Array.isArray(header) ? header.join(', ') : header;
    const key = parseIdempotencyKey(value);
    if (key === null) throw new InvalidIdempotencyKeyError(value.length);
    const route = request.routeOptions.url ?? request.url;
    const scope = { apiKeyId: request.principal.id, method: request.method, route, key };
    const outcome = await store.claim(scope, requestFingerprint(request.method, request.url, request.body));
    // The key the route's auth hook verified (same parser: a replay must open with the same secret).
    const secret = presentedKey(request) ?? '';
    switch (outcome.kind) {
      case 'claimed':
        held.set(request, { claim: outcome.claim, secret });
        return undefined;
      case 'reused':
        metrics.requestHandled('key_reused');
        throw new IdempotencyKeyReusedError(route);
      case 'in-flight':
        metrics.requestHandled('in_flight');
        throw new IdempotencyKeyInFlightError(route);
      case 'replay':
        metrics.requestHandled('replayed');
        return replay(reply, outcome.answer, secret);
    }
  }

  function replay(reply: FastifyReply, answer: StoredAnswer, secret: string): FastifyReply {
    return reply.status(answer.status).headers(answer.headers).header(IDEMPOTENT_REPLAYED_HEADER, 'true').send(openResponse(secret, answer.sealedBody));
  }

  async function keepOrRelease(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const mine = held.get(request);
    if (!mine) return payload;
    held.delete(request);
    const body = bytesOf(payload);
    const succeeded = reply.statusCode >= 200 && reply.statusCode < 300 && body !== null;
    try {
      if (succeeded) {
        const kept = await store.complete(mine.claim, { status: reply.statusCode, headers: replayedHeaders(reply), sealedBody: sealResponse(mine.secret, body) });
        if (!kept) request.log.warn('idempotency claim was taken over before this request finished; its answer is not kept');
      } else {
        await store.release(mine.claim);
      }
      metrics.requestHandled(succeeded ? 'executed' : 'failed');
    } catch (error) {
      // The answer still goes out; a retry with the key gets 409 until the claim times out.
      request.log.error({ err: error }, 'could not record the outcome of a request with an Idempotency-Key');
    }
    return payload;
  }

  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (!methods.some((method) => accepting.has(`${method} ${route.url}`))) return;
    route.schema = { ...route.schema, headers: IdempotencyKeyHeaders };
    route.preHandler = [...[route.preHandler ?? []].flat(), claimOrReplay];
    route.onSend = [...[route.onSend ?? []].flat(), keepOrRelease];
  });
}
