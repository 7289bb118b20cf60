import {
  countRowsOfEveryTable,
  defineOpenApiFuzz,
  fuzzRuns,
  fuzzSeed,
  injectInto,
  tinyModel,
  type OpenApiDocument,
  type OpenApiFuzzOptions,
} from '@ciclo/platform-testing';
import { afterAll, beforeAll, describe } from 'vitest';
import { createServingFixture, type RunningNlpService, type ServingFixture } from './test-support/serving-fixture';

const BODY_LIMIT_BYTES = 64 * 1024;
/** Cases per operation and hostile class: few operations, so more cases each (about 1,500 requests). */
const RUNS = 20;

/**
 * Issue #10: every route of the nlp-service's served OpenAPI document (Open Inference Protocol
 * and /v1/analyze; public, so sent with no key, a registry key and a bad key alike), sent
 * valid-looking requests spoiled by each hostile class, against the real registry, PostgreSQL,
 * Redis and ONNX Runtime: no 5xx, no hang, the documented error bodies (the protocol's
 * `{error, code}` on /v2), and no table's row count changes on any 4xx. Seeded: a failure names
 * the seed (CICLO_FUZZ_SEED=… replays it).
 */
describe('nlp-service: OpenAPI fuzz (real registry, PostgreSQL, Redis, ONNX Runtime)', () => {
  let fixture: ServingFixture;
  let nlp: RunningNlpService;
  let options: OpenApiFuzzOptions;

  beforeAll(async () => {
    fixture = await createServingFixture();
    const [intent, sentiment] = await Promise.all([tinyModel(1), tinyModel(2, { task: 'sentiment' })]);
    await fixture.createModel('intent');
    await fixture.createModel('sentiment');
    await fixture.promote('intent', await fixture.registerVersion('intent', intent));
    await fixture.promote('sentiment', await fixture.registerVersion('sentiment', sentiment));
    nlp = await fixture.startNlp({ NLP_BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES), NLP_MAX_TEXTS_PER_REQUEST: '16', NLP_MAX_TEXT_CHARS: '200' });
    const document = (await nlp.running.app.inject({ url: '/docs/openapi.json' })).json<OpenApiDocument>();
    options = {
      document,
      inject: injectInto(nlp.running.app),
      rowCounts: () => countRowsOfEveryTable(fixture.testDb.db),
      // The routes are public: a key is ignored, a bad one must not be counted against anyone.
      keys: { viewer: fixture.keys.viewer },
      hints: {
        name: ['intent', 'sentiment', 'nope'],
        version: ['1', '2'],
        inputs: [[{ name: 'text', datatype: 'BYTES', shape: [2], data: ['where is my order', 'hello there'] }]],
      },
      hugeBodyBytes: BODY_LIMIT_BYTES + 1,
      seed: fuzzSeed(),
      runs: fuzzRuns(RUNS),
    };
  }, 120_000);

  afterAll(async () => {
    await fixture?.close();
  });

  defineOpenApiFuzz('nlp-service', () => options, {
    expectTables: ['public.outbox_events', 'public.handoffs', 'public.sentiment_windows', 'public.model_versions'],
    minOperations: 10,
  });
});
