import { IDEMPOTENCY_KEY_NOTE } from './idempotency';
import { CreateModelBody, ModelList, ModelParams, ModelView, UpdatePolicyBody } from './registry';
import { defineRoute, errorResponses } from './route-definition';

const tags = ['models'];

/** `/v1/models`: list, create, read, change the promotion policy. */
export const registryModelRoutes = {
  listModels: defineRoute({ method: 'GET', path: '/v1/models', role: 'viewer', summary: 'List models', tags, responses: { 200: ModelList, ...errorResponses(401, 403) } }),
  createModel: defineRoute({
    method: 'POST',
    path: '/v1/models',
    role: 'data-scientist',
    summary: 'Create a model (data-scientist; with a gate, admin)',
    description: `Setting a gate is changing it (from none), so a body with \`gate\` needs the admin role, as PATCH …/policy does. ${IDEMPOTENCY_KEY_NOTE}`,
    tags,
    acceptsIdempotencyKey: true,
    body: CreateModelBody,
    responses: { 201: ModelView, ...errorResponses(400, 401, 403, 409, 422) },
  }),
  getModel: defineRoute({
    method: 'GET',
    path: '/v1/models/:name',
    role: 'viewer',
    summary: 'Get a model',
    tags,
    pathParams: ModelParams,
    responses: { 200: ModelView, ...errorResponses(400, 401, 403, 404) },
  }),
  /** Changing `gate` needs admin; the handler checks that (the route itself needs data-scientist). */
  updatePolicy: defineRoute({
    method: 'PATCH',
    path: '/v1/models/:name/policy',
    role: 'data-scientist',
    summary: 'Change the promotion policy (data-scientist) or gate (admin)',
    description: 'Changing the gate can let a weaker version through, the same power as forcing a promotion, so it needs the admin role.',
    tags,
    pathParams: ModelParams,
    body: UpdatePolicyBody,
    responses: { 200: ModelView, ...errorResponses(400, 401, 403, 404) },
  }),
};
