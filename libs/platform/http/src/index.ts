export { createHttpApp, type HttpApp, type HttpAppOptions } from './create-http-app';
export { evaluateReadiness, type ReadinessCheck, type ReadinessOptions } from './readiness';
export { mapError } from './error-handler';
export { useScopeErrorResponder, type ErrorResponder } from './scope-error-responder';
export { HttpErrorCodes, RouteNotFoundError } from './http-errors';
export { MalformedUrlError } from './malformed-url-error';
export { UnsupportedCharsetError } from './unsupported-charset-error';
export { UnsupportedContentEncodingError } from './unsupported-content-encoding-error';
export {
  createGracefulShutdown,
  type GracefulShutdown,
  type GracefulShutdownOptions,
  type ShutdownPhase,
} from './graceful-shutdown';
export { createApiKeyAuth, presentedKey, type ApiKeyAuth, type ApiKeyAuthOptions, type AuthHook } from './api-key-auth';
export { registerApiKeyRoutes, type ApiKeyRoutesOptions, type ApiKeyStore, type ApiKeyRouteActor } from './api-key-routes';
export {
  AuthErrorCodes,
  MissingApiKeyError,
  InvalidApiKeyError,
  ForbiddenRoleError,
  AuthRateLimitedError,
} from './auth-errors';
export { createFailedAuthLimiter, type FailedAuthLimiter, type FailedAuthLimiterOptions } from './failed-auth-limiter';
export { ROLE_ORDER, roleSatisfies } from './roles';
export { registerOpenApi, type OpenApiOptions } from './open-api';
export { compileFastResponseSerialiser } from './fast-response-serialiser';
export { registerRoute, type RegisterRouteOptions, type RouteHandler, type RouteSchema } from './register-route';
export type { FastifyReply, FastifyRequest } from 'fastify';
