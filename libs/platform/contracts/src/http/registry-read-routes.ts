import { ModelParams, AuditList, AuditQuery, VersionParams } from './registry';
import { OipModelMetadata } from './inference';
import { defineRoute, errorResponses } from './route-definition';

/** The registry's other reads: the audit log and Open Inference Protocol metadata of stored versions. */
export const registryReadRoutes = {
  auditLog: defineRoute({
    method: 'GET',
    path: '/v1/audit',
    role: 'viewer',
    summary: 'Audit log (newest first)',
    tags: ['audit'],
    query: AuditQuery,
    responses: { 200: AuditList, ...errorResponses(400, 401, 403, 404) },
  }),
  oipModelMetadata: defineRoute({
    method: 'GET',
    path: '/v2/models/:name',
    role: 'viewer',
    summary: 'Open Inference Protocol model metadata (every version)',
    tags: ['open inference protocol'],
    pathParams: ModelParams,
    responses: { 200: OipModelMetadata, ...errorResponses(400, 401, 403, 404) },
  }),
  oipVersionMetadata: defineRoute({
    method: 'GET',
    path: '/v2/models/:name/versions/:version',
    role: 'viewer',
    summary: 'Open Inference Protocol model metadata (one version)',
    tags: ['open inference protocol'],
    pathParams: VersionParams,
    responses: { 200: OipModelMetadata, ...errorResponses(400, 401, 403, 404) },
  }),
};
