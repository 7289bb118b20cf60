import { NoContent } from './no-content';
import { CreatedWebhook, CreateWebhookBody, ModelParams, WebhookList, WebhookParams } from './registry';
import { IDEMPOTENCY_KEY_NOTE } from './idempotency';
import { defineRoute, errorResponses } from './route-definition';

const tags = ['webhooks'];

/** A model's webhooks. Admin only: a webhook carries a signing secret and sends data outside the platform. */
export const registryWebhookRoutes = {
  listWebhooks: defineRoute({
    method: 'GET',
    path: '/v1/models/:name/webhooks',
    role: 'admin',
    summary: "A model's webhooks (secrets are never shown again)",
    tags,
    pathParams: ModelParams,
    responses: { 200: WebhookList, ...errorResponses(401, 403, 404) },
  }),
  createWebhook: defineRoute({
    method: 'POST',
    path: '/v1/models/:name/webhooks',
    role: 'admin',
    summary: 'Add a webhook; the response holds its signing secret, shown once',
    description: IDEMPOTENCY_KEY_NOTE,
    tags,
    acceptsIdempotencyKey: true,
    pathParams: ModelParams,
    body: CreateWebhookBody,
    responses: { 201: CreatedWebhook, ...errorResponses(400, 401, 403, 404, 409, 422) },
  }),
  removeWebhook: defineRoute({
    method: 'DELETE',
    path: '/v1/models/:name/webhooks/:id',
    role: 'admin',
    summary: 'Remove a webhook',
    tags,
    pathParams: WebhookParams,
    responses: { 204: NoContent, ...errorResponses(400, 401, 403, 404) },
  }),
};
