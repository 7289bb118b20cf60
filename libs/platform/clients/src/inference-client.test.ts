// The derived nlp-service client against a real Fastify app registering the same descriptions
// (real HTTP; the handlers answer from memory instead of ONNX Runtime).
import { inferenceRoutes, NotFoundError } from '@ciclo/platform-contracts';
import { createHttpApp, registerRoute, type HttpApp } from '@ciclo/platform-http';
import { createLogger, createMetricsRegistry } from '@ciclo/platform-observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInferenceClient } from './inference-client';

describe('createInferenceClient (derived from inferenceRoutes)', () => {
  let app: HttpApp;
  let baseUrl: string;

  beforeAll(async () => {
    app = createHttpApp({ app: 'nlp-stub', version: 't', logger: createLogger({ app: 't', level: 'silent' }), metrics: createMetricsRegistry('t'), readinessChecks: {} });
    await app.register(async (v2: HttpApp) => {
      // The protocol's error shape, as the nlp-service's /v2 scope answers.
      v2.setErrorHandler((error: NotFoundError, _request, reply) => reply.status(error.statusCode).send({ error: error.message, code: error.code }));
      registerRoute(v2, inferenceRoutes.serverLive, { prefix: '/v2' }, async () => ({ live: true }));
      registerRoute(v2, inferenceRoutes.infer, { prefix: '/v2' }, async (request) => {
        if (request.params.name !== 'intent') throw new NotFoundError('CICLO_ERR_NLP_MODEL_NOT_SERVED', `model "${request.params.name}" is not served here`);
        const texts = request.body.inputs[0]?.data ?? [];
        return { model_name: request.params.name, model_version: '2', outputs: [{ name: 'label', shape: [texts.length], datatype: 'BYTES' as const, data: texts.map(() => 'greet') }] };
      });
    }, { prefix: '/v2' });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(() => app?.close());

  it('sends typed requests and returns the typed 2xx body', async () => {
    const client = createInferenceClient({ baseUrl });
    expect(await client.serverLive()).toEqual({ live: true });
    const answer = await client.infer({ params: { name: 'intent' }, body: { inputs: [{ name: 'text', datatype: 'BYTES', shape: [2], data: ['oi', 'tchau'] }] } });
    expect(answer).toEqual({ model_name: 'intent', model_version: '2', outputs: [{ name: 'label', shape: [2], datatype: 'BYTES', data: ['greet', 'greet'] }] });
  });

  it('reads the protocol error body into status and code', async () => {
    const client = createInferenceClient({ baseUrl });
    const error = await client.infer({ params: { name: 'other' }, body: { inputs: [] } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, remoteCode: 'CICLO_ERR_NLP_MODEL_NOT_SERVED', path: '/v2/models/other/infer' });
  });
});
