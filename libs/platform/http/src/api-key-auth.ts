import type { ApiKeyPrincipal, ApiKeyRole } from '@ciclo/platform-contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthRateLimitedError, ForbiddenRoleError, InvalidApiKeyError, MissingApiKeyError } from './auth-errors';
import type { HttpApp } from './create-http-app';
import { createFailedAuthLimiter, type FailedAuthLimiterOptions } from './failed-auth-limiter';
import { roleSatisfies } from './roles';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who sent the request, when it carried a valid API key (set by `ApiKeyAuth.install`). */
    principal: ApiKeyPrincipal | null;
  }
}

export interface ApiKeyAuthOptions {
  /** Resolves a presented key to its principal, or `null` when it is unknown or revoked. */
  readonly verify: (key: string) => Promise<ApiKeyPrincipal | null>;
  /**
   * Limit on failed attempts per client address (per replica); `false` turns it off. Only bad
   * keys are limited: a valid key from the same address is still let through.
   */
  readonly failedAttempts?: FailedAuthLimiterOptions | false;
}

/** A route-level hook: `app.post('/x', { onRequest: auth.requireRole('admin') }, …)`. */
export type AuthHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export interface ApiKeyAuth {
  /**
   * Adds `request.principal` and an `onRequest` hook that fills it on every request of `app`'s
   * scope. A missing or bad key is not an error by itself (health and metrics stay public);
   * routes that need a key say so with {@link requireRole}.
   */
  install(app: HttpApp): void;
  /** Rejects with 401 (no key, bad key), 429 (a bad key beyond the address's failure budget) or 403 (role too low). */
  requireRole(role: ApiKeyRole): AuthHook;
}

type Outcome =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'authenticated'; readonly principal: ApiKeyPrincipal }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds: number };

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** The key a request presents (Bearer or X-Api-Key), `''` for a malformed header, `undefined` when there is none. */
export function presentedKey(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  const apiKeyHeader = request.headers['x-api-key'];
  const fromBearer = authorization === undefined ? undefined : (BEARER.exec(authorization)?.[1] ?? '');
  const fromHeader = typeof apiKeyHeader === 'string' ? apiKeyHeader.trim() : undefined;
  if (fromBearer !== undefined && fromHeader !== undefined && fromBearer !== fromHeader) return '';
  return fromBearer ?? fromHeader;
}

/**
 * API-key authentication for Fastify. Keys come as `Authorization: Bearer <key>` or
 * `X-Api-Key: <key>`; neither header is ever logged (the logger redacts both).
 */
export function createApiKeyAuth(options: ApiKeyAuthOptions): ApiKeyAuth {
  const limiter = options.failedAttempts === false ? undefined : createFailedAuthLimiter(options.failedAttempts);
  // One verification per request however many hooks ask.
  const outcomes = new WeakMap<FastifyRequest, Promise<Outcome>>();

  async function resolve(request: FastifyRequest): Promise<Outcome> {
    const key = presentedKey(request);
    if (key === undefined) return { kind: 'anonymous' };
    // Verify first, whatever the address has done: a valid key is never throttled because
    // someone else behind the same address (a NAT, a proxy, a shared host) sends bad ones.
    // Verifying is a hash and an indexed lookup, the same work a good key costs.
    const principal = key === '' ? null : await options.verify(key);
    if (principal) return { kind: 'authenticated', principal };
    const retryAfterSeconds = limiter?.retryAfterSeconds(request.ip) ?? 0;
    // Over the budget a bad key is answered 429 and not counted again, so Retry-After holds.
    if (retryAfterSeconds > 0) return { kind: 'rate-limited', retryAfterSeconds };
    limiter?.recordFailure(request.ip);
    return { kind: 'invalid' };
  }

  function authenticate(request: FastifyRequest): Promise<Outcome> {
    let outcome = outcomes.get(request);
    if (!outcome) {
      outcome = resolve(request).then((result) => {
        request.principal = result.kind === 'authenticated' ? result.principal : null;
        return result;
      });
      outcomes.set(request, outcome);
    }
    return outcome;
  }

  return {
    install(app) {
      app.decorateRequest('principal', null);
      app.addHook('onRequest', async (request) => {
        await authenticate(request);
      });
    },
    requireRole(role) {
      return async (request, reply) => {
        const outcome = await authenticate(request);
        switch (outcome.kind) {
          case 'anonymous':
            reply.header('www-authenticate', 'Bearer realm="ciclo"');
            throw new MissingApiKeyError();
          case 'invalid':
            reply.header('www-authenticate', 'Bearer realm="ciclo", error="invalid_token"');
            throw new InvalidApiKeyError();
          case 'rate-limited':
            reply.header('retry-after', String(outcome.retryAfterSeconds));
            throw new AuthRateLimitedError(outcome.retryAfterSeconds);
          case 'authenticated':
            if (!roleSatisfies(outcome.principal.role, role)) throw new ForbiddenRoleError(role, outcome.principal.role);
        }
      };
    },
  };
}
