import type { OipErrorBody } from '@ciclo/platform-contracts';
import { mapError, useScopeErrorResponder, type FastifyReply, type FastifyRequest, type HttpApp } from '@ciclo/platform-http';

/**
 * The protocol's error body, `{ "error": "…" }`, with Ciclo's stable code beside it. Status codes
 * and codes come from the platform's one error mapping; only the shape differs on `/v2`.
 */
export function sendOipError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body } = mapError(error, request.id);
  if (status >= 500 && status !== 503) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: body.error.code, status }, 'request rejected');
  const payload: OipErrorBody = { error: body.error.message, code: body.error.code };
  return reply.status(status).send(payload);
}

/** Within a `/v2` plugin: every error, unknown route and malformed path answers in the protocol's shape. */
export function useOipErrors(scope: HttpApp): void {
  useScopeErrorResponder(scope, sendOipError);
}
