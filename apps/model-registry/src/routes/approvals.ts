import { registryRoutes } from '@ciclo/platform-contracts';
import { registerRoute, type HttpApp } from '@ciclo/platform-http';
import { aliasChangeView } from '../views';
import { actorOf, type RegistryRouteDeps } from './route-support';

/** `POST /v1/models/:name/versions/:version/approvals`: a data scientist's approval under the manual policy. */
export function registerApprovalRoutes(app: HttpApp, { registry, auth }: RegistryRouteDeps): void {
  registerRoute(app, registryRoutes.approveVersion, { auth }, async (request) => {
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
  });
}
