import { AuditList, AuditQuery } from '@ciclo/platform-contracts';
import type { HttpApp } from '@ciclo/platform-http';
import { auditEntryView } from '../views';
import { errorResponses, secured, type RegistryRouteDeps } from './route-support';

/** `GET /v1/audit`: who did what to which model, newest first. */
export function registerAuditRoutes(app: HttpApp, { registry, auth }: RegistryRouteDeps): void {
  app.get(
    '/v1/audit',
    {
      onRequest: auth.requireRole('viewer'),
      schema: { summary: 'Audit log (newest first)', tags: ['audit'], security: secured, querystring: AuditQuery, response: { 200: AuditList, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => {
      const { model, limit, before } = request.query;
      const entries = await registry.auditLog({ ...(model ? { model } : {}), ...(limit ? { limit } : {}), ...(before ? { before } : {}) });
      return { entries: entries.map(auditEntryView) };
    },
  );
}
