import { AppError } from '@ciclo/platform-contracts';
import { createHttpApp, registerOpenApi, type HttpApp } from '@ciclo/platform-http';
import { createLogger, createMetricsRegistry } from '@ciclo/platform-observability';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from './database';
import { encodeUrlValue, jsonWithRaw, RawJson } from './fuzz-request';
import { arbitraryFromSchema } from './json-schema-arbitrary';
import { matchesJsonSchema, type JsonSchema } from './json-schema';
import { fuzzOpenApi, injectInto, type OpenApiFuzzOptions } from './open-api-fuzz';
import type { OpenApiDocument } from './open-api-operations';
import { countRowsOfEveryTable } from './row-counts';

describe('JSON Schema → fast-check', () => {
  const schemas: JsonSchema[] = [
    { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' },
    { type: 'integer', minimum: 0, exclusiveMinimum: true, maximum: 2147483647 },
    { type: 'integer', minimum: 1, maximum: 9007199254740991 },
    { type: 'number', minimum: 0, maximum: 1 },
    { type: 'string', format: 'date-time' },
    { type: 'string', format: 'uuid' },
    { type: 'string', minLength: 16, maxLength: 256 },
    { nullable: true, type: 'integer', minimum: 1, maximum: 10 },
    { type: 'array', minItems: 1, maxItems: 2, items: { type: 'string', minLength: 1 } },
    { type: 'object', properties: { name: { type: 'string' }, role: { type: 'string', enum: ['viewer', 'admin'] } }, required: ['name'], additionalProperties: false },
    { type: 'object', additionalProperties: {} },
  ];

  it.each(schemas.map((s) => [JSON.stringify(s), s] as const))('generates values %s accepts', (_name, schema) => {
    const within = (v: unknown) =>
      typeof v !== 'number' ||
      ((schema.minimum === undefined || (schema.exclusiveMinimum === true ? v > schema.minimum : v >= schema.minimum)) && (schema.maximum === undefined || v <= schema.maximum));
    const lengthOk = (v: unknown) => typeof v !== 'string' || (v.length >= (schema.minLength ?? 0) && v.length <= (schema.maxLength ?? Infinity));
    const patternOk = (v: unknown) => typeof v !== 'string' || schema.pattern === undefined || new RegExp(schema.pattern).test(v);
    fc.assert(
      fc.property(arbitraryFromSchema(schema), (value) => matchesJsonSchema(value, schema) && within(value) && lengthOk(value) && patternOk(value)),
      { seed: 1, numRuns: 200 },
    );
  });

  it('prefers hinted values for a property of that name', () => {
    const values = fc.sample(arbitraryFromSchema({ type: 'object', properties: { name: { type: 'string' } }, required: ['name'] }, { hints: { name: ['intent'] } }), { seed: 1, numRuns: 300 });
    expect(values.filter((v) => (v as { name: string }).name === 'intent').length).toBeGreaterThan(150);
  });
});

describe('hostile text', () => {
  it('writes raw JSON where a value goes, and percent-encodes lone surrogates as their WTF-8 bytes', () => {
    expect(jsonWithRaw({ a: new RawJson('1e309'), b: [new RawJson('[[1]]')], c: '\u0000' })).toBe('{"a":1e309,"b":[[[1]]],"c":"\\u0000"}');
    expect(encodeUrlValue('a\ud800b/é')).toBe('a%ED%A0%80b%2F%C3%A9');
    expect(encodeUrlValue('\ud83d\ude00')).toBe('%F0%9F%98%80');
  });
});

/**
 * The fuzzer against an app with one planted bug per route: each must be caught, with the seed to
 * replay it. The write lands in a table made here, after the migrations: counted all the same.
 */
describe('fuzzOpenApi', () => {
  let testDb: TestDatabase;
  let app: HttpApp;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    await testDb.db.prisma.$executeRawUnsafe('CREATE TABLE fuzz_probe (id serial PRIMARY KEY)');
    app = createHttpApp({ app: 'fuzz-probe', version: '1', logger: createLogger({ app: 'fuzz-probe', level: 'silent' }), metrics: createMetricsRegistry('fuzz-probe'), readinessChecks: {} });
    await registerOpenApi(app, { title: 'probe', version: '1' });
    const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
    const response = { 200: z.object({ ok: z.boolean() }), 400: errorBody };
    app.get('/crash/:name', { schema: { params: z.object({ name: z.string().min(1) }), response } }, async (request) => {
      if (request.params.name.includes('\u0000')) throw new Error('invalid byte sequence for encoding "UTF8": 0x00');
      return { ok: true };
    });
    app.post('/write-then-refuse', { schema: { body: z.object({ count: z.number() }), response } }, async (request) => {
      await testDb.db.prisma.$executeRawUnsafe('INSERT INTO fuzz_probe DEFAULT VALUES');
      if (request.body.count > 2 ** 31) throw new AppError('CICLO_ERR_PROBE_TOO_MANY', 'too many', 400);
      return { ok: true };
    });
    app.get('/slow', { schema: { response } }, async () => new Promise<{ ok: boolean }>((resolve) => setTimeout(() => resolve({ ok: true }), 1_000)));
    // Documents no 4xx of its own, so the document's other error shapes are the ones it must use.
    app.get('/odd-shape', { schema: { querystring: z.object({ q: z.string().optional() }) } }, async (request, reply) =>
      request.query.q ? reply.status(400).send({ message: 'not the documented shape' }) : { ok: true },
    );
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.drop();
  });

  async function fuzzOnly(path: string, hostileClass: Parameters<typeof fuzzOpenApi>[1], extra: Partial<OpenApiFuzzOptions> = {}) {
    const document = (await app.inject({ url: '/docs/openapi.json' })).json<OpenApiDocument>();
    const only = { ...document, paths: { [path]: document.paths?.[path] ?? {} } };
    return fuzzOpenApi({ document: only, inject: injectInto(app), rowCounts: () => countRowsOfEveryTable(testDb.db), hugeBodyBytes: 2_000_000, seed: 7, runs: 20, ...extra }, hostileClass);
  }

  it('catches a 5xx, naming the request and the seed', async () => {
    await expect(fuzzOnly('/crash/{name}', 'nul-byte')).rejects.toThrow(/nul-byte × GET \/crash\/\{name\} \(replay: CICLO_FUZZ_SEED=7\)[\s\S]*5xx: GET \/crash\/[^ ]*%00/);
  });

  it('catches a row written on a 4xx, in a table no one listed', async () => {
    await expect(fuzzOnly('/write-then-refuse', 'out-of-range-number')).rejects.toThrow(/rows changed on a 400 \(public\.fuzz_probe: \d+ → \d+\)/);
    // …unless the error code is declared to record on purpose, in that table.
    await expect(fuzzOnly('/write-then-refuse', 'out-of-range-number', { recordsOnPurpose: { CICLO_ERR_PROBE_TOO_MANY: ['public.fuzz_probe'] } })).resolves.toMatchObject({ operations: 1 });
  });

  it('catches a hang and an undocumented error body', async () => {
    await expect(fuzzOnly('/slow', 'valid', { requestTimeoutMs: 100, runs: 1 })).rejects.toThrow(/no answer within 100 ms/);
    await expect(fuzzOnly('/odd-shape', 'path-traversal')).rejects.toThrow(/4xx body is not a documented error shape/);
  });
});
