import { IDEMPOTENCY_KEY_NOTE, registryRoutes, type VersionView } from '@ciclo/platform-contracts';
import { registerRoute, type HttpApp } from '@ciclo/platform-http';
import { aliasesByVersion, versionView } from '../views';
import { compareVersions } from '../version-comparison';
import { actorOf, type RegistryRouteDeps } from './route-support';

/** JSON room beside the base64 artifact (metrics with confusion matrices, samples, params). */
const METADATA_ALLOWANCE_BYTES = 1024 * 1024;

/** Body limit of an upload: the base64 form of the largest artifact plus its metadata. */
export function uploadBodyLimit(maxArtifactBytes: number): number {
  return 4 * Math.ceil(maxArtifactBytes / 3) + METADATA_ALLOWANCE_BYTES;
}

/** `/v1/models/:name/versions…`: register, list, read, download, compare. */
export function registerVersionRoutes(app: HttpApp, { registry, auth, maxArtifactBytes }: RegistryRouteDeps): void {
  async function view(model: string, version: number): Promise<VersionView> {
    const [record, m] = await Promise.all([registry.getVersion(model, version), registry.getModel(model)]);
    return versionView(record, aliasesByVersion(m).get(version) ?? []);
  }

  registerRoute(app, registryRoutes.listVersions, { auth }, async (request) => {
    const [versions, model] = await Promise.all([registry.listVersions(request.params.name), registry.getModel(request.params.name)]);
    const aliases = aliasesByVersion(model);
    return { versions: versions.map((v) => versionView(v, aliases.get(v.version) ?? [])) };
  });

  registerRoute(
    app,
    registryRoutes.registerVersion,
    {
      auth,
      bodyLimit: uploadBodyLimit(maxArtifactBytes),
      description: `The artifact is checked (loads in ONNX Runtime, task and label set match, sample predictions reproduce) before anything is stored. At most ${maxArtifactBytes} artifact bytes: larger uploads get 413 and nothing is written. ${IDEMPOTENCY_KEY_NOTE}`,
    },
    async (request, reply) => {
      const { actor, context } = actorOf(request);
      const { artifactBase64, metrics, params, tags, description, datasetSnapshotId, trainingRunId, samples, sampleInputs } = request.body;
      const artifact = Buffer.from(artifactBase64, 'base64');
      const { version } = await registry.registerVersion({
        model: request.params.name,
        artifact,
        createdBy: actor,
        context,
        ...(metrics ? { metrics } : {}),
        ...(params ? { params } : {}),
        ...(tags ? { tags } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(datasetSnapshotId ? { datasetSnapshotId } : {}),
        ...(trainingRunId ? { trainingRunId } : {}),
        ...(samples ? { samples } : {}),
        ...(sampleInputs ? { sampleInputs } : {}),
      });
      // The auto policy may have promoted it already: report its aliases as they are now.
      const body = await view(version.model, version.version);
      return reply.status(201).header('location', `/v1/models/${version.model}/versions/${version.version}`).send(body);
    },
  );

  registerRoute(app, registryRoutes.getVersion, { auth }, async (request) => view(request.params.name, request.params.version));

  registerRoute(app, registryRoutes.downloadArtifact, { auth }, async (request, reply) => {
    const { name, version } = request.params;
    const record = await registry.getVersion(name, version);
    const etag = `"${record.artifact.sha256}"`;
    reply.header('etag', etag).header('x-ciclo-sha256', record.artifact.sha256);
    if (request.headers['if-none-match'] === etag) return reply.status(304).send(null);
    const bytes = await registry.getArtifact(name, version);
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename="${name}-v${version}.onnx"`)
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });

  registerRoute(app, registryRoutes.getSamples, { auth }, async (request) => {
    const record = await registry.getVersion(request.params.name, request.params.version);
    return { samples: record.samplePredictions.map((s) => ({ input: s.input, label: s.label, probabilities: [...s.probabilities] })) };
  });

  registerRoute(app, registryRoutes.compareVersions, { auth }, async (request) => {
    const { name } = request.params;
    const [a, b] = await Promise.all([view(name, request.query.a), view(name, request.query.b)]);
    return compareVersions(name, a, b);
  });
}
