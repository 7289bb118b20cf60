import { registryRoutes, type AliasMoveBody, type AliasParams } from '@ciclo/platform-contracts';
import { registerRoute, type FastifyRequest, type HttpApp } from '@ciclo/platform-http';
import { aliasChangeView, aliasEventView, aliasesByVersion, versionView } from '../views';
import { actorOf, type RegistryRouteDeps } from './route-support';

/** What removing and rolling back an alias both take: the target, who, why, and an optional compare-and-set. */
function aliasMoveInput(request: FastifyRequest & { readonly params: AliasParams; readonly body: AliasMoveBody }) {
  const { actor, context } = actorOf(request);
  const { reason, expectedCurrentVersion } = request.body;
  return {
    model: request.params.name,
    alias: request.params.alias,
    actor,
    reason,
    context,
    ...(expectedCurrentVersion !== undefined ? { expectedCurrentVersion } : {}),
  };
}

/** `/v1/models/:name/aliases/:alias…`: point, remove, roll back, history, time travel. */
export function registerAliasRoutes(app: HttpApp, { registry, auth }: RegistryRouteDeps): void {
  registerRoute(app, registryRoutes.resolveAlias, { auth }, async (request) => {
    const { name, alias } = request.params;
    const [version, model] = await Promise.all([registry.resolveAlias(name, alias), registry.getModel(name)]);
    return versionView(version, aliasesByVersion(model).get(version.version) ?? []);
  });

  registerRoute(app, registryRoutes.setAlias, { auth }, async (request) => {
    const { actor, principal, context } = actorOf(request);
    const { version, reason, force, expectedCurrentVersion } = request.body;
    const change = await registry.setAlias({
      model: request.params.name,
      alias: request.params.alias,
      version,
      reason,
      actor,
      actorRole: principal.role,
      context,
      ...(force ? { force } : {}),
      ...(expectedCurrentVersion !== undefined ? { expectedCurrentVersion } : {}),
    });
    return aliasChangeView(change);
  });

  registerRoute(app, registryRoutes.removeAlias, { auth }, async (request) => aliasChangeView(await registry.removeAlias(aliasMoveInput(request))));

  registerRoute(app, registryRoutes.rollbackAlias, { auth }, async (request) => aliasChangeView(await registry.rollback(aliasMoveInput(request))));

  registerRoute(app, registryRoutes.aliasHistory, { auth }, async (request) => {
    const { limit, before } = request.query;
    const events = await registry.aliasHistory(request.params.name, { alias: request.params.alias, ...(limit ? { limit } : {}), ...(before ? { before } : {}) });
    return { events: events.map(aliasEventView) };
  });

  registerRoute(app, registryRoutes.modelHistory, { auth }, async (request) => {
    const { limit, before } = request.query;
    const events = await registry.aliasHistory(request.params.name, { ...(limit ? { limit } : {}), ...(before ? { before } : {}) });
    return { events: events.map(aliasEventView) };
  });

  registerRoute(app, registryRoutes.aliasAt, { auth }, async (request) => {
    const { name, alias } = request.params;
    const time = new Date(request.query.time);
    const version = await registry.aliasAt(name, alias, time);
    return { model: name, alias, time: time.toISOString(), version };
  });
}
