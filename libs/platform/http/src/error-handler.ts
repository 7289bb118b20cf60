import { AppError, type ErrorBody } from '@ciclo/platform-contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { HttpErrorCodes } from './http-errors';
import { MalformedUrlError } from './malformed-url-error';

interface MappedError {
  readonly status: number;
  readonly body: ErrorBody;
}

function body(code: string, message: string, requestId: string, details?: Record<string, unknown>): ErrorBody {
  return { error: { code, message, requestId, ...(details ? { details } : {}) } };
}

/** Turns any thrown value into a status and a safe body; 5xx bodies never carry internals. */
export function mapError(error: unknown, requestId: string): MappedError {
  if (error instanceof AppError) {
    return { status: error.statusCode, body: body(error.code, error.message, requestId, error.details) };
  }
  const fastifyError = error as Partial<FastifyError> | undefined;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = error.validation.map((v) => ({
      field: `${error.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
      problem: v.message ?? 'invalid',
    }));
    const summary = fields.map((f) => `${f.field}: ${f.problem}`).join('; ');
    return { status: 400, body: body(HttpErrorCodes.validation, `Invalid request: ${summary}`, requestId, { fields }) };
  }
  if (fastifyError?.validation) {
    return {
      status: 400,
      body: body(HttpErrorCodes.validation, `Invalid request: ${fastifyError.message ?? 'validation failed'}`, requestId),
    };
  }
  switch (fastifyError?.code) {
    case 'FST_ERR_BAD_URL':
      return mapError(new MalformedUrlError(error), requestId);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: body(HttpErrorCodes.bodyTooLarge, 'Request body is larger than this endpoint accepts', requestId) };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: body(HttpErrorCodes.unsupportedMediaType, 'Send the body as application/json', requestId) };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, body: body(HttpErrorCodes.malformedJson, 'Request body is not valid JSON', requestId) };
  }
  if (error instanceof SyntaxError && fastifyError?.statusCode === 400) {
    return { status: 400, body: body(HttpErrorCodes.malformedJson, 'Request body is not valid JSON', requestId) };
  }
  const status = fastifyError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, body: body(`CICLO_ERR_HTTP_${status}`, fastifyError?.message ?? 'Bad request', requestId) };
  }
  return { status: 500, body: body(HttpErrorCodes.internal, 'Internal error; it has been logged with this request id', requestId) };
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body: payload } = mapError(error, request.id);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: payload.error.code, status }, 'request rejected');
  return reply.status(status).send(payload);
}
