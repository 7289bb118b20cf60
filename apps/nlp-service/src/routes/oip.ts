import { inferenceRoutes, PLATFORM_VERSION, textClassifierOipMetadata, type OipInferRequest, type OipInferResponse, type OipModelMetadata } from '@ciclo/platform-contracts';
import { registerRoute, type FastifyReply, type HttpApp } from '@ciclo/platform-http';
import type { Prediction } from '@ciclo/ml';
import {
  decodeInferRequest,
  encodeInferOutputs,
  ModelNotReadyError,
  serializeInferResponse,
  type LoadedVersion,
} from '@ciclo/serving-core';
import { useOipErrors } from './oip-errors';
import type { NlpRouteDeps } from './route-deps';

/** A readiness "false" of the protocol: a 4xx whose body says why. */
class NotReadyError extends ModelNotReadyError {
  override readonly statusCode = 400;
}

/** Records the request's latency and every prediction (label, confidence, low-confidence rate). */
export function recordPredictions(metrics: NlpRouteDeps['metrics'], served: LoadedVersion, predictions: readonly Prediction[], startedAt: number): void {
  metrics.inference(served.model, served.version, (performance.now() - startedAt) / 1000);
  for (const p of predictions) metrics.prediction(served.model, p.label, p.confidence, p.belowThreshold);
}

/**
 * Sends an inference answer serialised without running its response schema on every request
 * (same bytes; see `serializeInferResponse`), or hands it to the schema serialiser when the fast
 * path does not apply.
 */
function sendInferResponse(reply: FastifyReply, response: OipInferResponse): OipInferResponse | FastifyReply {
  const json = serializeInferResponse(response);
  return json === null ? response : reply.type('application/json; charset=utf-8').send(json);
}

/**
 * The Open Inference Protocol v2 REST API (KServe, MLServer, Triton): health, server and model
 * metadata, readiness and inference. Errors are `{ "error": "…" }` (plus Ciclo's `code`).
 */
export async function registerOipRoutes(app: HttpApp, deps: NlpRouteDeps): Promise<void> {
  const { repository, metrics, limits } = deps;

  async function infer(name: string, version: number | undefined, body: OipInferRequest): Promise<OipInferResponse> {
    const startedAt = performance.now();
    const { texts, outputs } = decodeInferRequest(body, limits);
    const { served, predictions } = await repository.predict(name, texts, version);
    recordPredictions(metrics, served, predictions, startedAt);
    return {
      model_name: name,
      model_version: String(served.version),
      ...(body.id !== undefined ? { id: body.id } : {}),
      outputs: encodeInferOutputs(predictions, served.labels, outputs),
    };
  }

  function metadataOf(name: string, versions: readonly LoadedVersion[], labels: readonly string[]): OipModelMetadata {
    return textClassifierOipMetadata(
      name,
      versions.map((v) => v.version),
      labels.length,
      { labels: [...labels], ...(versions[0] ? { served_version: versions[0].version, sha256: versions[0].sha256 } : {}) },
    );
  }

  await app.register(
    async (v2: HttpApp) => {
      useOipErrors(v2);
      // The catalog holds full paths; this scope is mounted at /v2 for the protocol's error shape.
      const scope = { prefix: '/v2' };

      registerRoute(v2, inferenceRoutes.serverLive, scope, async () => ({ live: true }));

      registerRoute(v2, inferenceRoutes.serverReady, scope, async () => {
        if (deps.isDraining()) throw new NotReadyError('shutting down');
        const readiness = repository.readiness();
        if (!readiness.ready) throw new NotReadyError(`not ready: ${readiness.reason ?? 'loading'}`);
        return { ready: true };
      });

      registerRoute(v2, inferenceRoutes.serverMetadata, scope, async () => ({ name: 'ciclo-nlp-service', version: PLATFORM_VERSION, extensions: [] }));

      registerRoute(v2, inferenceRoutes.modelMetadata, scope, async (request) => {
        const served = repository.served(request.params.name);
        return metadataOf(request.params.name, repository.loadedVersions(request.params.name), served.labels);
      });

      registerRoute(v2, inferenceRoutes.versionMetadata, scope, async (request) => {
        const { name } = request.params;
        const version = Number(request.params.version);
        const loaded = repository.loadedVersions(name).find((v) => v.version === version);
        if (loaded) return metadataOf(name, [loaded], loaded.labels);
        const record = await repository.registryVersion(name, version);
        return textClassifierOipMetadata(name, [version], record.labels.length, { labels: record.labels, loaded: false });
      });

      registerRoute(v2, inferenceRoutes.modelReady, scope, async (request) => {
        try {
          const served = repository.served(request.params.name);
          return { name: request.params.name, ready: true, version: String(served.version) };
        } catch (error) {
          if (error instanceof ModelNotReadyError) throw new NotReadyError(error.message, error.details);
          throw error;
        }
      });

      registerRoute(v2, inferenceRoutes.versionReady, scope, async (request) => {
        const { name } = request.params;
        const version = Number(request.params.version);
        if (repository.loadedVersions(name).some((v) => v.version === version)) return { name, ready: true, version: String(version) };
        await repository.registryVersion(name, version);
        throw new NotReadyError(`model "${name}" v${version} is not loaded here; an inference request addressed to it loads it`, { model: name, version });
      });

      // The hot path: answers go out through the hand-checked serialiser (see its file for the
      // measurements that keep it), falling back to the route's schema serialiser.
      registerRoute(v2, inferenceRoutes.infer, scope, async (request, reply) => sendInferResponse(reply, await infer(request.params.name, undefined, request.body)));

      registerRoute(v2, inferenceRoutes.inferVersion, scope, async (request, reply) =>
        sendInferResponse(reply, await infer(request.params.name, Number(request.params.version), request.body)),
      );
    },
    { prefix: '/v2', ...(deps.requestLogLevel ? { logLevel: deps.requestLogLevel } : {}) },
  );
}
