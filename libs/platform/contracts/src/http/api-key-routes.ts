import { ErrorBody } from '../errors/error-body';
import { ApiKeyIdParams, ApiKeyList, CreateApiKeyBody, CreatedApiKey } from './api-keys';
import { NoContent } from './no-content';
import { IDEMPOTENCY_KEY_NOTE } from './idempotency';
import { defineRoute, errorResponses } from './route-definition';

const errors = errorResponses(400, 401, 403, 429);

/** Key management (admin only), served by every app that issues keys (the model registry). */
export const apiKeyRoutes = {
  listApiKeys: defineRoute({ method: 'GET', path: '/v1/api-keys', role: 'admin', responses: { 200: ApiKeyList, ...errors } }),
  /** 201 with the plaintext key: the one time it is shown (a replay under the same Idempotency-Key shows it again). */
  createApiKey: defineRoute({
    method: 'POST',
    path: '/v1/api-keys',
    role: 'admin',
    description: IDEMPOTENCY_KEY_NOTE,
    acceptsIdempotencyKey: true,
    body: CreateApiKeyBody,
    responses: { 201: CreatedApiKey, ...errors, ...errorResponses(409, 422) },
  }),
  /** 204, idempotent. */
  revokeApiKey: defineRoute({ method: 'DELETE', path: '/v1/api-keys/:id', role: 'admin', pathParams: ApiKeyIdParams, responses: { 204: NoContent, 404: ErrorBody, ...errors } }),
};
