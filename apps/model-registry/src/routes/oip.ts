import { registryRoutes, textClassifierOipMetadata } from '@ciclo/platform-contracts';
import { registerRoute, type HttpApp } from '@ciclo/platform-http';
import type { RegistryRouteDeps } from './route-support';

/** `GET /v2/models/:name[/versions/:version]`: model metadata (viewer, like every registry read). */
export function registerOipRoutes(app: HttpApp, { registry, auth }: RegistryRouteDeps): void {
  registerRoute(app, registryRoutes.oipModelMetadata, { auth }, async (request) => {
    const [model, versions] = await Promise.all([registry.getModel(request.params.name), registry.listVersions(request.params.name)]);
    return textClassifierOipMetadata(model.name, versions.map((v) => v.version), model.labels.length);
  });

  registerRoute(app, registryRoutes.oipVersionMetadata, { auth }, async (request) => {
    const version = await registry.getVersion(request.params.name, request.params.version);
    return textClassifierOipMetadata(version.model, [version.version], version.labels.length);
  });
}
