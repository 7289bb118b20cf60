import { z } from 'zod';
import { IDEMPOTENCY_KEY_NOTE } from './idempotency';
import { CompareQuery, CompareView, ModelParams, RegisterVersionBody, SampleList, VersionList, VersionParams, VersionView } from './registry';
import { defineRoute, errorResponses } from './route-definition';

const tags = ['versions'];

/** `/v1/models/:name/versions…`: register, list, read, download, samples, compare. */
export const registryVersionRoutes = {
  listVersions: defineRoute({
    method: 'GET',
    path: '/v1/models/:name/versions',
    role: 'viewer',
    summary: 'List versions (oldest first)',
    tags,
    pathParams: ModelParams,
    responses: { 200: VersionList, ...errorResponses(400, 401, 403, 404) },
  }),
  registerVersion: defineRoute({
    method: 'POST',
    path: '/v1/models/:name/versions',
    role: 'data-scientist',
    summary: 'Register a version (ONNX artifact, base64, with metrics and lineage)',
    // The app states its configured byte limit in the served document (see registerRoute's `description`).
    description: `The artifact is checked (loads in ONNX Runtime, task and label set match, sample predictions reproduce) before anything is stored. At most CICLO_MAX_ARTIFACT_BYTES artifact bytes: larger uploads get 413 and nothing is written. ${IDEMPOTENCY_KEY_NOTE}`,
    tags,
    acceptsIdempotencyKey: true,
    pathParams: ModelParams,
    body: RegisterVersionBody,
    responses: { 201: VersionView, ...errorResponses(400, 401, 403, 404, 409, 413, 422) },
  }),
  getVersion: defineRoute({
    method: 'GET',
    path: '/v1/models/:name/versions/:version',
    role: 'viewer',
    summary: 'Get a version',
    tags,
    pathParams: VersionParams,
    responses: { 200: VersionView, ...errorResponses(400, 401, 403, 404) },
  }),
  /** Bytes, not JSON: `etag` and `x-ciclo-sha256` carry the sha256. */
  downloadArtifact: defineRoute({
    method: 'GET',
    path: '/v1/models/:name/versions/:version/artifact',
    role: 'viewer',
    summary: 'Download the ONNX artifact (bytes verified against their sha256)',
    description: 'application/octet-stream; `etag` and `x-ciclo-sha256` carry the sha256. `If-None-Match` with that etag gives 304.',
    tags,
    pathParams: VersionParams,
    responses: { 200: z.any().describe('the ONNX bytes (application/octet-stream)'), 304: z.null(), ...errorResponses(400, 401, 403, 404, 500) },
  }),
  getSamples: defineRoute({
    method: 'GET',
    path: '/v1/models/:name/versions/:version/samples',
    role: 'viewer',
    summary: "The version's sample inputs with the outputs the trainer saw",
    description: 'A server that loads the artifact runs these inputs and refuses to serve the version unless it reproduces the outputs.',
    tags,
    pathParams: VersionParams,
    responses: { 200: SampleList, ...errorResponses(400, 401, 403, 404) },
  }),
  compareVersions: defineRoute({
    method: 'GET',
    path: '/v1/models/:name/compare',
    role: 'viewer',
    summary: 'Compare two versions: metrics side by side, per-class F1 deltas (b − a), confusion matrices',
    tags,
    pathParams: ModelParams,
    query: CompareQuery,
    responses: { 200: CompareView, ...errorResponses(400, 401, 403, 404) },
  }),
};
