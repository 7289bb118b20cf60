import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiKeyRole } from '@ciclo/platform-contracts';
import type { HttpApp } from '@ciclo/platform-http';
import { countRowsOfEveryTable, createTestDatabase, type TestDatabase } from '@ciclo/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestRegistryApp, issueTestKeys, tinyModel } from './test-support/registry-test-app';

/** `depth` nested arrays around a number, as JSON text (JSON.stringify itself would overflow). */
const nested = (depth: number): string => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

type Case = readonly [method: string, url: string, payload: unknown, field: string];

/**
 * Input PostgreSQL cannot store or a column cannot hold, and JSON too deep to walk: every route
 * answers 400 naming the field (never 500) and no table changes (issue #10, items 2–4).
 */
describe('model-registry HTTP API: hostile input (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let dir: string;
  let app: HttpApp;
  let artifactBase64: string;
  const keys = {} as Record<ApiKeyRole, string>;

  beforeAll(async () => {
    let artifact: Uint8Array;
    [testDb, dir, artifact] = await Promise.all([createTestDatabase(), mkdtemp(join(tmpdir(), 'ciclo-registry-hostile-')), tinyModel(1)]);
    artifactBase64 = Buffer.from(artifact).toString('base64');
    ({ app } = await buildTestRegistryApp({ db: testDb.db, artifactsDir: join(dir, 'artifacts'), maxArtifactBytes: artifact.byteLength + 1024 }));
    await app.ready();
    Object.assign(keys, await issueTestKeys(testDb.db, ['viewer', 'data-scientist', 'admin'], 'hostile'));
    const created = await send({ method: 'POST', url: '/v1/models', payload: { name: 'intent', task: 'intent' } });
    expect(created.statusCode, created.body).toBe(201);
    const version = await send({ method: 'POST', url: '/v1/models/intent/versions', payload: { artifactBase64, sampleInputs: ['oi'] } });
    expect(version.statusCode, version.body).toBe(201);
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const send = (request: { method: string; url: string; payload?: unknown }, role: ApiKeyRole = 'admin') =>
    app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers: { authorization: `Bearer ${keys[role]}`, ...(typeof request.payload === 'string' ? { 'content-type': 'application/json' } : {}) },
      ...(request.payload === undefined ? {} : { payload: request.payload as object }),
    });

  /** Every table's row count, the outbox included (tables found in the catalog, so new ones count too). */
  const rowCounts = () => countRowsOfEveryTable(testDb.db);

  const expectRejected = async (cases: readonly Case[]) => {
    const before = await rowCounts();
    for (const [method, url, payload, field] of cases) {
      const res = await send({ method, url, ...(payload === undefined ? {} : { payload }) });
      const what = `${method} ${url} → ${field}: ${res.body.slice(0, 300)}`;
      expect(res.statusCode, what).toBe(400);
      expect(res.json().error.code, what).toBe('CICLO_ERR_HTTP_VALIDATION');
      expect(res.json().error.details.fields.map((f: { field: string }) => f.field), what).toContain(field);
    }
    expect(await rowCounts()).toEqual(before);
  };

  const reg = (extra: Record<string, unknown>) => ({ artifactBase64, ...extra });

  it('refuses NUL bytes and lone surrogates in every kind of string field, naming it', async () => {
    for (const bad of ['a\u0000b', 'x\ud800', '\udc00y']) {
      await expectRejected([
        ['POST', '/v1/models', { name: 'other', task: bad }, 'body.task'],
        ['POST', '/v1/models', { name: 'other', task: 'intent', description: bad }, 'body.description'],
        ['POST', '/v1/models', { name: 'other', task: 'intent', labels: ['a', bad] }, 'body.labels.1'],
        ['POST', '/v1/models', { name: 'other', task: 'intent', languages: [bad] }, 'body.languages.0'],
        ['POST', '/v1/models', { name: bad, task: 'intent' }, 'body.name'],
        ['GET', `/v1/models/${encodeURIComponent(bad.replace(/[\ud800-\udfff]/, '\u0000'))}`, undefined, 'params.name'],
        ['POST', '/v1/models/intent/versions', reg({ description: bad }), 'body.description'],
        ['POST', '/v1/models/intent/versions', reg({ tags: [bad] }), 'body.tags.0'],
        ['POST', '/v1/models/intent/versions', reg({ sampleInputs: ['oi', bad] }), 'body.sampleInputs.1'],
        ['POST', '/v1/models/intent/versions', reg({ samples: [{ input: bad, label: 'greet', probabilities: [1, 0, 0] }] }), 'body.samples.0.input'],
        ['POST', '/v1/models/intent/versions', reg({ metrics: { macroF1: 0.5, note: bad } }), 'body.metrics.note'],
        ['POST', '/v1/models/intent/versions', reg({ metrics: { [bad]: 1 } }), 'body.metrics'],
        ['POST', '/v1/models/intent/versions', reg({ params: { deep: [{ k: [bad] }] } }), 'body.params.deep.0.k.0'],
        ['PATCH', '/v1/models/intent/policy', { policy: 'auto', reason: bad }, 'body.reason'],
        ['PUT', '/v1/models/intent/aliases/canary', { version: 1, reason: bad }, 'body.reason'],
        ['DELETE', '/v1/models/intent/aliases/canary', { reason: bad }, 'body.reason'],
        ['POST', '/v1/models/intent/aliases/canary/rollback', { reason: bad }, 'body.reason'],
        ['POST', '/v1/models/intent/versions/1/approvals', { reason: bad }, 'body.reason'],
        ['POST', '/v1/models/intent/webhooks', { url: 'http://127.0.0.1:9/hook', secret: `0123456789abcdef${bad}` }, 'body.secret'],
        ['POST', '/v1/models/intent/webhooks', { url: 'http://127.0.0.1:9/hook', events: [bad] }, 'body.events.0'],
        ['POST', '/v1/models/intent/webhooks', { url: `http://127.0.0.1:9/${bad}` }, 'body.url'],
        ['POST', '/v1/api-keys', { name: bad, role: 'viewer' }, 'body.name'],
      ]);
    }
  });

  it('refuses numbers and times outside their column’s range; the limits themselves still work', async () => {
    await expectRejected([
      ['GET', '/v1/models/intent/versions/2147483648', undefined, 'params.version'],
      ['GET', '/v1/models/intent/versions/2147483648/samples', undefined, 'params.version'],
      ['GET', '/v2/models/intent/versions/2147483648', undefined, 'params.version'],
      ['GET', '/v1/models/intent/compare?a=2147483648&b=1', undefined, 'querystring.a'],
      ['GET', '/v1/models/intent/compare?a=1&b=99999999999999999999', undefined, 'querystring.b'],
      ['PUT', '/v1/models/intent/aliases/canary', { version: 2 ** 31, reason: 'r' }, 'body.version'],
      ['PUT', '/v1/models/intent/aliases/canary', { version: 1, reason: 'r', expectedCurrentVersion: 2 ** 53 - 1 }, 'body.expectedCurrentVersion'],
      ['DELETE', '/v1/models/intent/aliases/canary', { reason: 'r', expectedCurrentVersion: 2 ** 31 }, 'body.expectedCurrentVersion'],
      ['POST', '/v1/models/intent/versions/2147483648/approvals', { reason: 'r' }, 'params.version'],
      ['GET', '/v1/models/intent/aliases/production/history?before=9223372036854775808', undefined, 'querystring.before'],
      ['GET', '/v1/models/intent/history?before=99999999999999999999999', undefined, 'querystring.before'],
      ['GET', '/v1/audit?before=9223372036854775808', undefined, 'querystring.before'],
      ['GET', '/v1/models/intent/aliases/production/at?time=0000-01-01T00:00:00Z', undefined, 'querystring.time'],
      ['GET', '/v1/models/intent/aliases/production/at?time=1969-12-31T23:59:59Z', undefined, 'querystring.time'],
    ]);
    const atLimits: [string, number][] = [
      ['/v1/models/intent/versions/2147483647', 404],
      ['/v2/models/intent/versions/2147483647', 404],
      ['/v1/models/intent/aliases/production/history?before=9223372036854775807', 200],
      ['/v1/audit?before=09223372036854775807', 200],
      ['/v1/models/intent/aliases/production/at?time=1970-01-01T00:00:00Z', 200],
      ['/v1/models/intent/aliases/production/at?time=9999-12-31T23:59:59.999Z', 200],
    ];
    for (const [url, status] of atLimits) expect((await send({ method: 'GET', url })).statusCode, url).toBe(status);
    // The served document advertises the column's range, not 2^53 − 1.
    const doc = (await app.inject({ url: '/docs/openapi.json' })).json<{ paths: Record<string, Record<string, { parameters?: { name: string; schema: { maximum?: number } }[] }>> }>();
    const versionParam = doc.paths['/v2/models/{name}/versions/{version}']?.['get']?.parameters?.find((p) => p.name === 'version');
    expect(versionParam?.schema.maximum).toBe(2_147_483_647);
  });

  it('refuses free-form JSON nested too deep or too large, and bodies nested thousands deep, with 400', async () => {
    const regText = (field: string, json: string) => `{"artifactBase64":"${artifactBase64}","${field}":${json}}`;
    await expectRejected([
      ['POST', '/v1/models/intent/versions', regText('metrics', `{"m":${nested(5000)}}`), 'body.metrics'],
      ['POST', '/v1/models/intent/versions', regText('params', `{"p":${nested(32)}}`), 'body.params'],
      ['POST', '/v1/models/intent/versions', reg({ params: { p: new Array(100_001).fill(0) } }), 'body.params'],
      ['POST', '/v1/models/intent/versions', regText('description', nested(5000)), 'body.description'],
      ['POST', '/v1/models', `{"name":"deep","task":${nested(100_000)}}`, 'body.task'],
    ]);
    // The whole body thousands of levels deep, as raw text: refused by the parser or the schema, never a stack overflow.
    const before = await rowCounts();
    for (const depth of [5_000, 200_000]) {
      const body = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      const res = await send({ method: 'POST', url: '/v1/models', payload: body });
      expect([400, 413], `depth ${depth}: ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      const objects = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      const res2 = await send({ method: 'POST', url: '/v1/models/intent/versions', payload: objects });
      expect([400, 413], `objects ${depth}: ${res2.body.slice(0, 200)}`).toContain(res2.statusCode);
    }
    expect(await rowCounts()).toEqual(before);
  });
});
