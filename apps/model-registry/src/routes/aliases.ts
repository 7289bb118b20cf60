import { AliasAtQuery, AliasAtView, AliasChangeView, AliasHistory, AliasMoveBody, AliasParams, HistoryQuery, ModelParams, RollbackBody, SetAliasBody, VersionView } from '@ciclo/platform-contracts';
import type { FastifyRequest, HttpApp } from '@ciclo/platform-http';
import { aliasChangeView, aliasEventView, aliasesByVersion, versionView } from '../views';
import { actorOf, errorResponses, secured, type RegistryRouteDeps } from './route-support';

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
  app.get(
    '/v1/models/:name/aliases/:alias',
    {
      onRequest: auth.requireRole('viewer'),
      schema: { summary: 'The version an alias points to now', tags: ['aliases'], security: secured, params: AliasParams, response: { 200: VersionView, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => {
      const { name, alias } = request.params;
      const [version, model] = await Promise.all([registry.resolveAlias(name, alias), registry.getModel(name)]);
      return versionView(version, aliasesByVersion(model).get(version.version) ?? []);
    },
  );

  app.put(
    '/v1/models/:name/aliases/:alias',
    {
      onRequest: auth.requireRole('data-scientist'),
      schema: {
        summary: 'Point an alias at a version (promote); gated aliases run the promotion gate',
        description: '`force: true` promotes past a failed gate and needs the admin role. `expectedCurrentVersion` makes it a compare-and-set (409 on mismatch).',
        tags: ['aliases'],
        security: secured,
        params: AliasParams,
        body: SetAliasBody,
        response: { 200: AliasChangeView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
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
    },
  );

  app.delete(
    '/v1/models/:name/aliases/:alias',
    {
      onRequest: auth.requireRole('data-scientist'),
      schema: { summary: 'Remove an alias (the history keeps it)', tags: ['aliases'], security: secured, params: AliasParams, body: AliasMoveBody, response: { 200: AliasChangeView, ...errorResponses(400, 401, 403, 404, 409) } },
    },
    async (request) => aliasChangeView(await registry.removeAlias(aliasMoveInput(request))),
  );

  app.post(
    '/v1/models/:name/aliases/:alias/rollback',
    {
      onRequest: auth.requireRole('data-scientist'),
      schema: {
        summary: 'Move an alias back to where it pointed before its latest move',
        tags: ['aliases'],
        security: secured,
        params: AliasParams,
        body: RollbackBody,
        response: { 200: AliasChangeView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => aliasChangeView(await registry.rollback(aliasMoveInput(request))),
  );

  app.get(
    '/v1/models/:name/aliases/:alias/history',
    {
      onRequest: auth.requireRole('viewer'),
      schema: { summary: "An alias's history (newest first)", tags: ['aliases'], security: secured, params: AliasParams, querystring: HistoryQuery, response: { 200: AliasHistory, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => {
      const { limit, before } = request.query;
      const events = await registry.aliasHistory(request.params.name, { alias: request.params.alias, ...(limit ? { limit } : {}), ...(before ? { before } : {}) });
      return { events: events.map(aliasEventView) };
    },
  );

  app.get(
    '/v1/models/:name/history',
    {
      onRequest: auth.requireRole('viewer'),
      schema: { summary: 'History of every alias of a model (newest first)', tags: ['aliases'], security: secured, params: ModelParams, querystring: HistoryQuery, response: { 200: AliasHistory, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => {
      const { limit, before } = request.query;
      const events = await registry.aliasHistory(request.params.name, { ...(limit ? { limit } : {}), ...(before ? { before } : {}) });
      return { events: events.map(aliasEventView) };
    },
  );

  app.get(
    '/v1/models/:name/aliases/:alias/at',
    {
      onRequest: auth.requireRole('viewer'),
      schema: {
        summary: 'The version an alias pointed to at an instant (null: unset then)',
        tags: ['aliases'],
        security: secured,
        params: AliasParams,
        querystring: AliasAtQuery,
        response: { 200: AliasAtView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { name, alias } = request.params;
      const time = new Date(request.query.time);
      const version = await registry.aliasAt(name, alias, time);
      return { model: name, alias, time: time.toISOString(), version };
    },
  );
}
