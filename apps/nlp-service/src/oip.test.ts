import { TINY_MODEL_LABELS, tinyModel } from '@ciclo/platform-testing';
import { ModelSession } from '@ciclo/ml';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServingFixture, type RunningNlpService, type ServingFixture } from './test-support/serving-fixture';

/** The Open Inference Protocol v2 REST API and /v1/analyze against the real registry, PostgreSQL, Redis and ONNX Runtime. */
describe('nlp-service protocol', () => {
  let fixture: ServingFixture;
  let nlp: RunningNlpService;
  let v1Bytes: Uint8Array;
  let v2Bytes: Uint8Array;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${nlp.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const get = (path: string) => fetch(`${nlp.url}${path}`);
  const infer = (texts: unknown[], extra: Record<string, unknown> = {}) =>
    post('/v2/models/intent/infer', { inputs: [{ name: 'text', datatype: 'BYTES', shape: [texts.length], data: texts }], ...extra });

  async function expectOipError(response: Response, status: number, code: string, message: RegExp) {
    const body = (await response.json()) as { error: string; code: string };
    expect({ status: response.status, code: body.code }).toEqual({ status, code });
    expect(body.error).toMatch(message);
    expect(Object.keys(body).sort()).toEqual(['code', 'error']);
  }

  beforeAll(async () => {
    fixture = await createServingFixture();
    let sentimentBytes: Uint8Array;
    [v1Bytes, v2Bytes, sentimentBytes] = await Promise.all([tinyModel(1), tinyModel(2), tinyModel(3, { task: 'sentiment' })]);
    await fixture.createModel('intent');
    await fixture.createModel('sentiment');
    await fixture.registerVersion('intent', v1Bytes);
    await fixture.registerVersion('intent', v2Bytes);
    await fixture.registerVersion('sentiment', sentimentBytes);
    await fixture.promote('intent', 1);
    await fixture.promote('sentiment', 1);
    nlp = await fixture.startNlp({ NLP_MAX_TEXTS_PER_REQUEST: '8', NLP_MAX_TEXT_CHARS: '100', NLP_BODY_LIMIT_BYTES: '20000' });
  }, 120_000);

  afterAll(async () => {
    await fixture?.close();
  });

  it('answers health, readiness and server metadata', async () => {
    expect(await (await get('/v2/health/live')).json()).toEqual({ live: true });
    const ready = await get('/v2/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });
    expect(await (await get('/v2')).json()).toMatchObject({ name: 'ciclo-nlp-service', extensions: [] });
    expect((await get('/health/ready')).status).toBe(200);
  });

  it('describes the served model and any registered version', async () => {
    const served = (await (await get('/v2/models/intent')).json()) as Record<string, unknown>;
    expect(served).toMatchObject({
      name: 'intent',
      versions: ['1'],
      platform: 'onnxruntime',
      inputs: [{ name: 'text', datatype: 'BYTES', shape: [-1] }],
      parameters: { labels: [...TINY_MODEL_LABELS], served_version: 1 },
    });
    const other = (await (await get('/v2/models/intent/versions/2')).json()) as Record<string, unknown>;
    expect(other).toMatchObject({ name: 'intent', versions: ['2'], parameters: { loaded: false } });
    expect((await get('/v2/models/intent/ready')).status).toBe(200);
    expect((await get('/v2/models/intent/versions/1/ready')).status).toBe(200);
    await expectOipError(await get('/v2/models/intent/versions/2/ready'), 400, 'CICLO_ERR_NLP_MODEL_NOT_READY', /not loaded here/);
    await expectOipError(await get('/v2/models/intent/versions/9'), 404, 'CICLO_ERR_NLP_VERSION_NOT_FOUND', /no version 9/);
    await expectOipError(await get('/v2/models/nope'), 404, 'CICLO_ERR_NLP_MODEL_NOT_FOUND', /"nope" is not served/);
    await expectOipError(await get('/v2/models/nope/ready'), 404, 'CICLO_ERR_NLP_MODEL_NOT_FOUND', /"nope"/);
  });

  it('classifies texts with the served version: label, confidence and probabilities equal the artifact’s own', async () => {
    const texts = ['quero cancelar meu pedido', 'hello there', 'where is my order', ''];
    const response = await infer(texts, { id: 'req-1' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { model_name: string; model_version: string; id: string; outputs: { name: string; datatype: string; shape: number[]; data: (string | number)[]; parameters?: unknown }[] };
    expect(body).toMatchObject({ model_name: 'intent', model_version: '1', id: 'req-1' });
    const session = await ModelSession.load(v1Bytes);
    const expected = await session.predict(texts);
    await session.dispose();
    const [label, confidence, probabilities] = body.outputs;
    expect(label).toEqual({ name: 'label', datatype: 'BYTES', shape: [4], data: expected.map((p) => p.label) });
    expect(confidence).toMatchObject({ name: 'confidence', datatype: 'FP32', shape: [4] });
    expect(confidence?.data).toEqual(expected.map((p) => p.confidence));
    expect(probabilities).toMatchObject({ name: 'probabilities', datatype: 'FP32', shape: [4, 3], parameters: { labels: [...TINY_MODEL_LABELS] } });
    expect(probabilities?.data).toEqual(expected.flatMap((p) => Array.from(p.probabilities)));
  });

  it('accepts [n, 1] shapes and nested data, and returns only the outputs asked for', async () => {
    const response = await post('/v2/models/intent/infer', {
      inputs: [{ name: 'text', datatype: 'BYTES', shape: [2, 1], data: [['oi tudo bem'], ['cancel my order please']] }],
      outputs: [{ name: 'label' }],
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { outputs: { name: string; data: string[] }[] };
    expect(body.outputs.map((o) => o.name)).toEqual(['label']);
    expect(body.outputs[0]?.data).toHaveLength(2);
  });

  it('serves an explicitly addressed version, loading it on demand, and names it in the response', async () => {
    const response = await post('/v2/models/intent/versions/2/infer', { inputs: [{ name: 'text', datatype: 'BYTES', shape: [1], data: ['hello there'] }] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { model_version: string; outputs: { name: string; data: number[] }[] };
    expect(body.model_version).toBe('2');
    const session = await ModelSession.load(v2Bytes);
    const [expected] = await session.predict(['hello there']);
    await session.dispose();
    expect(body.outputs.find((o) => o.name === 'probabilities')?.data).toEqual(Array.from(expected?.probabilities ?? []));
    expect((await get('/v2/models/intent/versions/2/ready')).status).toBe(200);
    // The served version did not change.
    expect(((await (await infer(['hello'])).json()) as { model_version: string }).model_version).toBe('1');
    await expectOipError(await post('/v2/models/intent/versions/7/infer', { inputs: [{ name: 'text', datatype: 'BYTES', shape: [1], data: ['x'] }] }), 404, 'CICLO_ERR_NLP_VERSION_NOT_FOUND', /no version 7/);
  });

  it('refuses bad requests with the protocol error body and a stable code', async () => {
    await expectOipError(await post('/v2/models/nope/infer', { inputs: [{ name: 'text', datatype: 'BYTES', shape: [1], data: ['x'] }] }), 404, 'CICLO_ERR_NLP_MODEL_NOT_FOUND', /not served/);
    await expectOipError(await post('/v2/models/intent/infer', { inputs: [{ name: 'text', datatype: 'FP32', shape: [1], data: [1.5] }] }), 400, 'CICLO_ERR_NLP_INVALID_INPUT', /datatype FP32; this model takes BYTES/);
    await expectOipError(await post('/v2/models/intent/infer', { inputs: [{ name: 'text', datatype: 'BYTES', shape: [1], data: [42] }] }), 400, 'CICLO_ERR_NLP_INVALID_INPUT', /element 0 is a number/);
    await expectOipError(await post('/v2/models/intent/infer', { inputs: [{ name: 'text', datatype: 'BYTES', shape: [3], data: ['a', 'b'] }] }), 400, 'CICLO_ERR_NLP_INVALID_INPUT', /shape \[3\] \(3 elements\) but its data holds 2/);
    await expectOipError(await post('/v2/models/intent/infer', { inputs: [{ name: 'text', datatype: 'BYTES', shape: [1, 2], data: ['a', 'b'] }] }), 400, 'CICLO_ERR_NLP_INVALID_INPUT', /must be \[n\] or \[n, 1\]/);
    await expectOipError(await post('/v2/models/intent/infer', { inputs: [] }), 400, 'CICLO_ERR_NLP_INVALID_INPUT', /inputs is empty/);
    await expectOipError(await post('/v2/models/intent/infer', { inputs: [{ name: 'text', datatype: 'BYTES', shape: [0], data: [] }] }), 400, 'CICLO_ERR_NLP_INVALID_INPUT', /holds no texts/);
    await expectOipError(await infer(['a'], { outputs: [{ name: 'logits' }] }), 400, 'CICLO_ERR_NLP_INVALID_INPUT', /unknown output "logits"/);
    await expectOipError(await post('/v2/models/intent/infer', { inputs: 'text' }), 400, 'CICLO_ERR_HTTP_VALIDATION', /inputs/);
    await expectOipError(await post('/v2/models/intent/infer', '{"inputs": ['), 400, 'CICLO_ERR_HTTP_MALFORMED_JSON', /not valid JSON/);
    await expectOipError(await post('/v2/models/intent/versions/abc/infer', { inputs: [] }), 400, 'CICLO_ERR_HTTP_VALIDATION', /version/);
    await expectOipError(await get('/v2/nothing-here'), 404, 'CICLO_ERR_HTTP_ROUTE_NOT_FOUND', /No route GET \/v2\/nothing-here/);
  });

  it('refuses a name the registry cannot hold (path traversal) with a 400, and asks the registry about an unknown name once', async () => {
    const { registry, repository } = nlp.service;
    const calls = [vi.spyOn(registry, 'getVersion'), vi.spyOn(registry, 'getSamples'), vi.spyOn(registry, 'downloadArtifact')];
    const registryCalls = () => calls.reduce((n, spy) => n + spy.mock.calls.length, 0);
    const body = { inputs: [{ name: 'text', datatype: 'BYTES', shape: [1], data: ['x'] }] };
    try {
      for (const name of ['..%2f..%2fetc%2fpasswd', '..%5c..%5cwindows', 'Intent', 'm'.repeat(65), '%00', '-lead', 'a%20b']) {
        await expectOipError(await get(`/v2/models/${name}/versions/1`), 400, 'CICLO_ERR_HTTP_VALIDATION', /params\.name: must be a model name/);
        await expectOipError(await get(`/v2/models/${name}/versions/1/ready`), 400, 'CICLO_ERR_HTTP_VALIDATION', /params\.name/);
        await expectOipError(await post(`/v2/models/${name}/versions/1/infer`, body), 400, 'CICLO_ERR_HTTP_VALIDATION', /params\.name/);
        await expectOipError(await post(`/v2/models/${name}/infer`, body), 400, 'CICLO_ERR_HTTP_VALIDATION', /params\.name/);
      }
      expect(registryCalls()).toBe(0);
      // A valid name the registry does not have: asked once (one load's calls), then answered here until it expires.
      await expectOipError(await post('/v2/models/no-such-model/versions/1/infer', body), 404, 'CICLO_ERR_NLP_MODEL_NOT_FOUND', /"no-such-model" is not served here/);
      const firstLook = registryCalls();
      expect(firstLook).toBeGreaterThan(0);
      for (let i = 0; i < 3; i++) {
        await expectOipError(await post('/v2/models/no-such-model/versions/1/infer', body), 404, 'CICLO_ERR_NLP_MODEL_NOT_FOUND', /"no-such-model" is not served here/);
        await expectOipError(await get('/v2/models/no-such-model/versions/1'), 404, 'CICLO_ERR_NLP_MODEL_NOT_FOUND', /"no-such-model"/);
        await expectOipError(await get('/v2/models/no-such-model/versions/1/ready'), 404, 'CICLO_ERR_NLP_MODEL_NOT_FOUND', /"no-such-model"/);
      }
      expect(registryCalls()).toBe(firstLook);
      expect(repository.stats()).toEqual({ models: 2, unknownModels: 1 });
    } finally {
      for (const spy of calls) spy.mockRestore();
    }
  });

  it('names the limit a request exceeds: characters per text, texts per request, body size', async () => {
    await expectOipError(await infer(['x'.repeat(101)]), 413, 'CICLO_ERR_NLP_LIMIT_EXCEEDED', /text 0 has 101 characters; the limit is 100 characters per text \(NLP_MAX_TEXT_CHARS\)/);
    await expectOipError(await infer(Array.from({ length: 9 }, () => 'hi')), 413, 'CICLO_ERR_NLP_LIMIT_EXCEEDED', /9 texts in one request; the limit is 8 texts per request \(NLP_MAX_TEXTS_PER_REQUEST\)/);
    await expectOipError(await infer(['y'.repeat(30_000)]), 413, 'CICLO_ERR_HTTP_BODY_TOO_LARGE', /larger than this endpoint accepts/);
  });

  it('analyzes intent and sentiment together, with rankings and the versions used', async () => {
    const one = await post('/v1/analyze', { text: 'quero cancelar meu pedido' });
    expect(one.status).toBe(200);
    const body = (await one.json()) as { results: { intent: { label: string; ranking: { label: string; confidence: number }[] }; sentiment: { label: string } }[]; models: unknown };
    expect(body.models).toEqual({ intent: { version: 1 }, sentiment: { version: 1 } });
    expect(body.results).toHaveLength(1);
    const ranking = body.results[0]?.intent.ranking ?? [];
    expect(ranking).toHaveLength(3);
    expect(ranking[0]?.label).toBe(body.results[0]?.intent.label);
    expect(ranking.map((r) => r.confidence)).toEqual([...ranking.map((r) => r.confidence)].sort((a, b) => b - a));

    const many = (await (await post('/v1/analyze', { texts: ['hello there', 'where is my order'] })).json()) as { results: unknown[] };
    expect(many.results).toHaveLength(2);

    const bad = await post('/v1/analyze', { text: 'a', texts: ['b'] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('CICLO_ERR_HTTP_VALIDATION');
    // A 400 that names the field and says what to send; an empty text is refused, not classified.
    for (const [sent, problem] of [
      [{}, 'body.text: is missing: give `text` (a string) or `texts` (a non-empty array of strings)'],
      [{ text: '' }, 'body.text: must not be empty'],
      [{ texts: ['ok', ''] }, 'body.texts.1: must not be empty'],
      [{ texts: [] }, 'body.texts: must hold at least one text'],
    ] as const) {
      const refused = await post('/v1/analyze', sent);
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'CICLO_ERR_HTTP_VALIDATION', message: `Invalid request: ${problem}` });
    }
    const tooLong = await post('/v1/analyze', { text: 'z'.repeat(101) });
    expect(tooLong.status).toBe(413);
    expect(((await tooLong.json()) as { error: { code: string; message: string } }).error.message).toMatch(/NLP_MAX_TEXT_CHARS/);
  });

  it('exposes serving metrics: latency per version, batch sizes, predictions, loaded version', async () => {
    const text = await (await get('/metrics')).text();
    expect(text).toMatch(/ciclo_inference_duration_seconds_count\{[^}]*model="intent",version="1"[^}]*\} [1-9]/);
    expect(text).toMatch(/ciclo_inference_batch_size_texts_count\{[^}]*model="intent"[^}]*\} [1-9]/);
    expect(text).toMatch(/ciclo_inference_predictions_total\{[^}]*model="intent",label="(cancel|greet|order_status)"[^}]*\} [1-9]/);
    expect(text).toMatch(/ciclo_model_loaded_info\{[^}]*model="intent",version="1",sha256="[0-9a-f]{64}"[^}]*\} 1/);
    expect(text).toMatch(/ciclo_model_swaps_total\{[^}]*model="intent",outcome="succeeded"[^}]*\} 1/);
  });

  it('answers inference as JSON, and with NLP_REQUEST_LOG_LEVEL=warn logs only failures of the inference routes', async () => {
    const lines: { msg?: string; route?: string }[] = [];
    const capture = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as { msg?: string; route?: string });
        done();
      },
    });
    const quiet = await fixture.startNlp({ LOG_LEVEL: 'info', NLP_REQUEST_LOG_LEVEL: 'warn' }, capture);
    try {
      const body = JSON.stringify({ inputs: [{ name: 'text', datatype: 'BYTES', shape: [1], data: ['hello'] }] });
      const ok = await fetch(`${quiet.url}/v2/models/intent/infer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(((await ok.json()) as { model_version: string }).model_version).toBe('1');
      expect((await fetch(`${quiet.url}/v2/models/nope/infer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(404);
      expect((await fetch(`${quiet.url}/v1/analyze`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"oi"}' })).status).toBe(200);
      expect((await fetch(`${quiet.url}/docs/openapi.json`)).status).toBe(200);
    } finally {
      await quiet.stop();
    }
    const requestLines = lines.filter((l) => l.msg === 'request completed' || l.msg === 'request rejected');
    // Other routes keep the service's level.
    expect(requestLines.map((l) => l.route)).toEqual(['/docs/openapi.json']);
  });
});
