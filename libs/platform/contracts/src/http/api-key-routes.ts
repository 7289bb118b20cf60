import { ErrorBody } from '../errors/error-body';
import { ApiKeyIdParams, ApiKeyList, CreateApiKeyBody, CreatedApiKey } from './api-keys';
import { NoContent } from './no-content';
import { defineRoute, errorResponses } from './route-definition';

const errors = errorResponses(400, 401, 403, 429);

/** Key management (admin only), served by every app that issues keys (the model registry). */
export const apiKeyRoutes = {
  listApiKeys: defineRoute({ method: 'GET', path: '/v1/api-keys', role: 'admin', responses: { 200: ApiKeyList, ...errors } }),
  /** 201 with the plaintext key: the one time it is shown. */
  createApiKey: defineRoute({ method: 'POST', path: '/v1/api-keys', role: 'admin', body: CreateApiKeyBody, responses: { 201: CreatedApiKey, ...errors } }),
  /** 204, idempotent. */
  revokeApiKey: defineRoute({ method: 'DELETE', path: '/v1/api-keys/:id', role: 'admin', pathParams: ApiKeyIdParams, responses: { 204: NoContent, 404: ErrorBody, ...errors } }),
};
