import { randomUUID } from 'node:crypto';
import { healthRoutes } from '@ciclo/platform-contracts';
import {
  createHttpMetrics,
  createReadinessMetrics,
  type Logger,
  type MetricsRegistry,
} from '@ciclo/platform-observability';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { handleError } from './error-handler';
import { RouteNotFoundError } from './http-errors';
import { evaluateReadiness, type ReadinessCheck } from './readiness';
import { registerRoute } from './register-route';
import { rejectUndecodableBodies } from './request-body-guard';
import { scopeErrorResponderFor } from './scope-error-responder';

/** A Fastify instance whose routes take zod schemas (types inferred from them). */
export type HttpApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface HttpAppOptions {
  readonly app: string;
  readonly version: string;
  readonly logger: Logger;
  readonly metrics: MetricsRegistry;
  /** Dependencies `/health/ready` probes (database, queue, models…). */
  readonly readinessChecks: Readonly<Record<string, ReadinessCheck>>;
  readonly isDraining?: () => boolean;
  /** Largest accepted request body; larger ones get 413. */
  readonly bodyLimitBytes?: number;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The Fastify app every Ciclo service starts from: request ids (honouring a sane incoming
 * `x-request-id`), zod schemas on routes, one error handler, JSON 404s, request metrics,
 * `/health/live`, `/health/ready` and `/metrics`.
 */
export function createHttpApp(options: HttpAppOptions): HttpApp {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    // One `request completed` line per request (below) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    return503OnClosing: true,
    // Errors the router raises before any hook runs (a path like `/v1/models/%ff`): same body
    // and request id header as every other error, instead of Fastify's own shape — the shape of
    // the scope the path falls under, if one answers in its own (useScopeErrorResponder).
    frameworkErrors: (error, request, reply) => {
      reply.header('x-request-id', request.id);
      (scopeErrorResponderFor(request.server.server, request.url) ?? handleError)(error, request, reply);
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => handleError(error, request, reply));
  app.setNotFoundHandler((request, reply) => handleError(new RouteNotFoundError(request.method, request.url), request, reply));

  const httpMetrics = createHttpMetrics(options.metrics);
  const readinessMetrics = createReadinessMetrics(options.metrics);

  // Callback-style hooks: no promise and microtask per hook on every request.
  app.addHook('preParsing', rejectUndecodableBodies);
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    httpMetrics.observe({
      method: request.method,
      route,
      statusCode: reply.statusCode,
      durationSeconds: reply.elapsedTime / 1000,
    });
    if (!route.startsWith('/health') && route !== '/metrics') {
      request.log.info(
        { method: request.method, route, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 },
        'request completed',
      );
    }
    done();
  });

  // Registered before any OpenAPI plugin, so they stay out of the served documents (as before).
  registerRoute(app, healthRoutes.live, {}, async () => ({ status: 'live' as const, app: options.app }));
  registerRoute(app, healthRoutes.ready, {}, async (_request, reply) => {
    const result = await evaluateReadiness({
      app: options.app,
      version: options.version,
      checks: options.readinessChecks,
      ...(options.isDraining ? { isDraining: options.isDraining } : {}),
      onResult: (dependency, up) => readinessMetrics.set(dependency, up),
    });
    return reply.status(result.status === 'ready' ? 200 : 503).send(result);
  });
  app.get('/metrics', async (_request, reply) => {
    const body = await options.metrics.metrics();
    return reply.header('content-type', options.metrics.contentType).send(body);
  });

  return app;
}
