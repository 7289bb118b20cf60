import { ModelParams, OipModelMetadata, textClassifierOipMetadata, VersionParams } from '@ciclo/platform-contracts';
import type { HttpApp } from '@ciclo/platform-http';
import { errorResponses, secured, type RegistryRouteDeps } from './route-support';

/** `GET /v2/models/:name[/versions/:version]`: model metadata (viewer, like every registry read). */
export function registerOipRoutes(app: HttpApp, { registry, auth }: RegistryRouteDeps): void {
  app.get(
    '/v2/models/:name',
    {
      onRequest: auth.requireRole('viewer'),
      schema: { summary: 'Open Inference Protocol model metadata (every version)', tags: ['open inference protocol'], security: secured, params: ModelParams, response: { 200: OipModelMetadata, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => {
      const [model, versions] = await Promise.all([registry.getModel(request.params.name), registry.listVersions(request.params.name)]);
      return textClassifierOipMetadata(model.name, versions.map((v) => v.version), model.labels.length);
    },
  );

  app.get(
    '/v2/models/:name/versions/:version',
    {
      onRequest: auth.requireRole('viewer'),
      schema: { summary: 'Open Inference Protocol model metadata (one version)', tags: ['open inference protocol'], security: secured, params: VersionParams, response: { 200: OipModelMetadata, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => {
      const version = await registry.getVersion(request.params.name, request.params.version);
      return textClassifierOipMetadata(version.model, [version.version], version.labels.length);
    },
  );
}
