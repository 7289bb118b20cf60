import { AliasChangeView, ApprovalBody, VersionParams } from '@ciclo/platform-contracts';
import type { HttpApp } from '@ciclo/platform-http';
import { aliasChangeView } from '../views';
import { actorOf, errorResponses, secured, type RegistryRouteDeps } from './route-support';

/** `POST /v1/models/:name/versions/:version/approvals`: a data scientist's approval under the manual policy. */
export function registerApprovalRoutes(app: HttpApp, { registry, auth }: RegistryRouteDeps): void {
  app.post(
    '/v1/models/:name/versions/:version/approvals',
    {
      onRequest: auth.requireRole('data-scientist'),
      schema: {
        summary: 'Approve a version: records the approver and reason and promotes it (default alias production)',
        tags: ['aliases'],
        security: secured,
        params: VersionParams,
        body: ApprovalBody,
        response: { 200: AliasChangeView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { actor, principal, context } = actorOf(request);
      const { reason, alias, force } = request.body;
      const change = await registry.approve({
        model: request.params.name,
        version: request.params.version,
        approver: actor,
        approverRole: principal.role,
        reason,
        context,
        ...(alias ? { alias } : {}),
        ...(force ? { force } : {}),
      });
      return aliasChangeView(change);
    },
  );
}
