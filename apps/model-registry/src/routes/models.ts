import { registryRoutes } from '@ciclo/platform-contracts';
import { ForbiddenRoleError, registerRoute, roleSatisfies, type HttpApp } from '@ciclo/platform-http';
import { modelView } from '../views';
import { actorOf, type RegistryRouteDeps } from './route-support';

/** `/v1/models`: list, create, read, change the promotion policy. */
export function registerModelRoutes(app: HttpApp, { registry, auth }: RegistryRouteDeps): void {
  registerRoute(app, registryRoutes.listModels, { auth }, async () => ({ models: (await registry.listModels()).map(modelView) }));

  registerRoute(app, registryRoutes.createModel, { auth }, async (request, reply) => {
    const { actor, principal, context } = actorOf(request);
    const body = request.body;
    // A gate given at creation is a gate change like PATCH's (a lax one lets weak versions through).
    if (body.gate !== undefined && !roleSatisfies(principal.role, 'admin')) throw new ForbiddenRoleError('admin', principal.role);
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
  });

  registerRoute(app, registryRoutes.getModel, { auth }, async (request) => modelView(await registry.getModel(request.params.name)));

  registerRoute(app, registryRoutes.updatePolicy, { auth }, async (request) => {
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
  });
}
