import { CreateModelBody, ModelList, ModelParams, ModelView, UpdatePolicyBody } from '@ciclo/platform-contracts';
import { ForbiddenRoleError, roleSatisfies, type HttpApp } from '@ciclo/platform-http';
import { modelView } from '../views';
import { actorOf, errorResponses, secured, type RegistryRouteDeps } from './route-support';

/** `/v1/models`: list, create, read, change the promotion policy. */
export function registerModelRoutes(app: HttpApp, { registry, auth }: RegistryRouteDeps): void {
  app.get(
    '/v1/models',
    {
      onRequest: auth.requireRole('viewer'),
      schema: { summary: 'List models', tags: ['models'], security: secured, response: { 200: ModelList, ...errorResponses(401, 403) } },
    },
    async () => ({ models: (await registry.listModels()).map(modelView) }),
  );

  app.post(
    '/v1/models',
    {
      onRequest: auth.requireRole('data-scientist'),
      schema: {
        summary: 'Create a model',
        tags: ['models'],
        security: secured,
        body: CreateModelBody,
        response: { 201: ModelView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const { actor, context } = actorOf(request);
      const body = request.body;
      const model = await registry.createModel({
        name: body.name,
        task: body.task,
        actor,
        context,
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.labels ? { labels: body.labels } : {}),
        ...(body.languages ? { languages: body.languages } : {}),
        ...(body.policy ? { policy: body.policy } : {}),
        ...(body.gate ? { gate: body.gate } : {}),
      });
      return reply.status(201).header('location', `/v1/models/${model.name}`).send(modelView(model));
    },
  );

  app.get(
    '/v1/models/:name',
    {
      onRequest: auth.requireRole('viewer'),
      schema: { summary: 'Get a model', tags: ['models'], security: secured, params: ModelParams, response: { 200: ModelView, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => modelView(await registry.getModel(request.params.name)),
  );

  app.patch(
    '/v1/models/:name/policy',
    {
      onRequest: auth.requireRole('data-scientist'),
      schema: {
        summary: 'Change the promotion policy (data-scientist) or gate (admin)',
        description: 'Changing the gate can let a weaker version through, the same power as forcing a promotion, so it needs the admin role.',
        tags: ['models'],
        security: secured,
        params: ModelParams,
        body: UpdatePolicyBody,
        response: { 200: ModelView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { actor, principal, context } = actorOf(request);
      const body = request.body;
      if (body.gate !== undefined && !roleSatisfies(principal.role, 'admin')) throw new ForbiddenRoleError('admin', principal.role);
      const updated = await registry.updatePolicy({
        model: request.params.name,
        actor,
        context,
        ...(body.policy ? { policy: body.policy } : {}),
        ...(body.gate ? { gate: body.gate } : {}),
        ...(body.reason ? { reason: body.reason } : {}),
      });
      // updatePolicy returns the row without its aliases; read the whole model back.
      return modelView(await registry.getModel(updated.name));
    },
  );
}
