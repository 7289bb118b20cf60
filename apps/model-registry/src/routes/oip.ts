import { ModelParams, OipModelMetadata, VersionParams } from '@ciclo/contracts';
import type { HttpApp } from '@ciclo/http';
import { errorResponses, secured, type RegistryRouteDeps } from './route-support';

/**
 * The Open Inference Protocol (KServe v2) tensors every Ciclo classifier serves through
 * nlp-service: one text in; label, confidence and the class distribution out.
 */
export function oipMetadata(name: string, versions: readonly number[], classes: number): OipModelMetadata {
  return {
    name,
    versions: versions.map(String),
    platform: 'onnxruntime',
    inputs: [{ name: 'text', datatype: 'BYTES', shape: [-1] }],
    outputs: [
      { name: 'label', datatype: 'BYTES', shape: [-1] },
      { name: 'confidence', datatype: 'FP32', shape: [-1] },
      { name: 'probabilities', datatype: 'FP32', shape: [-1, classes > 0 ? classes : -1] },
    ],
  };
}

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
      return oipMetadata(model.name, versions.map((v) => v.version), model.labels.length);
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
      return oipMetadata(version.model, [version.version], version.labels.length);
    },
  );
}
