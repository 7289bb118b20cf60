import { registryRoutes } from '@ciclo/platform-contracts';
import { registerRoute, type HttpApp } from '@ciclo/platform-http';
import { auditEntryView } from '../views';
import type { RegistryRouteDeps } from './route-support';

/** `GET /v1/audit`: who did what to which model, newest first. */
export function registerAuditRoutes(app: HttpApp, { registry, auth }: RegistryRouteDeps): void {
  registerRoute(app, registryRoutes.auditLog, { auth }, async (request) => {
    const { model, limit, before } = request.query;
    const entries = await registry.auditLog({ ...(model ? { model } : {}), ...(limit ? { limit } : {}), ...(before ? { before } : {}) });
    return { entries: entries.map(auditEntryView) };
  });
}
