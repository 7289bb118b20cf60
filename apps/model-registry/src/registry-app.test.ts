import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AliasChangeView, AliasHistory, ApiKeyRole, CompareView, ModelView, VersionView } from '@ciclo/platform-contracts';
import type { HttpApp } from '@ciclo/platform-http';
import { createTestDatabase, type TestDatabase } from '@ciclo/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadBodyLimit } from './routes/versions';
import { buildTestRegistryApp, issueTestKeys, tinyModel } from './test-support/registry-test-app';

const LABELS = ['cancel', 'greet', 'order_status'];
const metrics = (macroF1: number, cancelF1: number) => ({
  macroF1,
  accuracy: macroF1 + 0.05,
  holdout: 'h1',
  perClass: [
    { label: 'cancel', f1: cancelF1 },
    { label: 'greet', f1: macroF1 },
    { label: 'order_status', f1: macroF1 },
  ],
  confusionMatrix: [
    [8, 1, 1],
    [0, 9, 1],
    [1, 0, 9],
  ],
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The registry's HTTP API end to end: Fastify routes → auth → registry core → PostgreSQL + files. */
describe('model-registry HTTP API (PostgreSQL + ONNX Runtime)', () => {
  let testDb: TestDatabase;
  let dir: string;
  let app: HttpApp;
  let artifacts: Uint8Array[];
  let maxArtifactBytes: number;
  const keys = {} as Record<ApiKeyRole, string>;
  let clock = Date.parse('2026-03-01T12:00:00Z');

  beforeAll(async () => {
    [testDb, dir, artifacts] = await Promise.all([
      createTestDatabase(),
      mkdtemp(join(tmpdir(), 'ciclo-registry-api-')),
      Promise.all([1, 2, 3].map((seed) => tinyModel(seed))),
    ]);
    maxArtifactBytes = Math.max(...artifacts.map((a) => a.byteLength)) + 1024;
    ({ app } = await buildTestRegistryApp({ db: testDb.db, artifactsDir: join(dir, 'artifacts'), maxArtifactBytes, now: () => new Date((clock += 60_000)) }));
    await app.ready();
    Object.assign(keys, await issueTestKeys(testDb.db, ['viewer', 'data-scientist', 'admin'], 'test'));
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const as = (role: ApiKeyRole) => ({ authorization: `Bearer ${keys[role]}` });
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  const art = (i: number) => artifacts[i] ?? new Uint8Array(0);
  const versionRows = () => testDb.db.prisma.modelVersion.count();
  const storedBlobs = async () => (await readdir(join(dir, 'artifacts'), { recursive: true }).catch(() => [])).filter((f) => f.length > 60);

  const send = (role: ApiKeyRole | null, request: { method: string; url: string; payload?: unknown }) =>
    app.inject({
      method: request.method as 'GET',
      url: request.url,
      ...(request.payload === undefined ? {} : { payload: request.payload as object }),
      ...(role ? { headers: as(role) } : {}),
    });

  it('creates a model (a gate needs admin), reads it (viewer), and lists it', async () => {
    const payload = { name: 'intent', task: 'intent', description: 'intents', gate: { minMacroF1: 0.5 } };
    const byScientist = await send('data-scientist', { method: 'POST', url: '/v1/models', payload });
    expect(byScientist.statusCode).toBe(403);
    expect(byScientist.json().error.details).toEqual({ requiredRole: 'admin', role: 'data-scientist' });
    expect(await testDb.db.prisma.model.count()).toBe(0);
    const created = await send('admin', {
      method: 'POST',
      url: '/v1/models',
      payload: { name: 'intent', task: 'intent', description: 'intents', gate: { minMacroF1: 0.5 } },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers['location']).toBe('/v1/models/intent');
    expect(created.json<ModelView>()).toMatchObject({ name: 'intent', task: 'intent', policy: 'manual', gate: { minMacroF1: 0.5 }, aliases: {} });

    const again = await send('data-scientist', { method: 'POST', url: '/v1/models', payload: { name: 'intent', task: 'intent' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CICLO_ERR_REGISTRY_MODEL_EXISTS');

    expect((await send('viewer', { method: 'GET', url: '/v1/models/intent' })).json<ModelView>().name).toBe('intent');
    expect((await send('viewer', { method: 'GET', url: '/v1/models' })).json<{ models: ModelView[] }>().models.map((m) => m.name)).toEqual(['intent']);
  });

  it('registers two versions from base64 ONNX artifacts, with metrics and lineage', async () => {
    for (const [i, m] of [metrics(0.8, 0.75), metrics(0.85, 0.9)].entries()) {
      const res = await send('data-scientist', {
        method: 'POST',
        url: '/v1/models/intent/versions',
        payload: { artifactBase64: b64(art(i)), metrics: m, params: { epochs: 3 }, tags: ['tiny'], description: `v${i + 1}`, sampleInputs: ['oi', 'cancelar pedido'] },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<VersionView>()).toMatchObject({
        model: 'intent',
        version: i + 1,
        sha256: sha256(art(i)),
        sizeBytes: art(i).byteLength,
        labels: LABELS,
        tags: ['tiny'],
        params: { epochs: 3 },
        createdBy: 'test data-scientist',
        aliases: [],
      });
    }
    const list = await send('viewer', { method: 'GET', url: '/v1/models/intent/versions' });
    expect(list.json<{ versions: VersionView[] }>().versions.map((v) => v.version)).toEqual([1, 2]);
    expect((await send('viewer', { method: 'GET', url: '/v1/models/intent/versions/2' })).json<VersionView>().description).toBe('v2');
  });

  it('promotes v1, promotes v2, rolls back, and keeps the whole history chain and time travel', async () => {
    const promote = (version: number) =>
      send('data-scientist', { method: 'PUT', url: '/v1/models/intent/aliases/production', payload: { version, reason: `ship v${version}` } });
    const first = await promote(1);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<AliasChangeView>()).toMatchObject({ alias: 'production', fromVersion: null, toVersion: 1, changed: true, decision: { status: 'approved', gatePassed: true } });
    const second = await promote(2);
    expect(second.json<AliasChangeView>()).toMatchObject({ fromVersion: 1, toVersion: 2, changed: true });
    const v1Until = Date.parse(second.json<AliasChangeView>().event?.at ?? '') - 1;

    // Compare-and-set: a stale expectation is refused with 409 and moves nothing.
    const stale = await send('data-scientist', { method: 'PUT', url: '/v1/models/intent/aliases/production', payload: { version: 1, reason: 'x', expectedCurrentVersion: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CICLO_ERR_REGISTRY_ALIAS_CONFLICT');

    const rolled = await send('data-scientist', { method: 'POST', url: '/v1/models/intent/aliases/production/rollback', payload: { reason: 'v2 misroutes cancellations' } });
    expect(rolled.statusCode, rolled.body).toBe(200);
    expect(rolled.json<AliasChangeView>()).toMatchObject({ fromVersion: 2, toVersion: 1, changed: true });

    const history = (await send('viewer', { method: 'GET', url: '/v1/models/intent/aliases/production/history' })).json<AliasHistory>();
    expect(history.events.map((e) => [e.fromVersion, e.toVersion, e.actor, e.reason])).toEqual([
      [2, 1, 'test data-scientist', 'v2 misroutes cancellations'],
      [1, 2, 'test data-scientist', 'ship v2'],
      [null, 1, 'test data-scientist', 'ship v1'],
    ]);
    const all = (await send('viewer', { method: 'GET', url: '/v1/models/intent/history?limit=2' })).json<AliasHistory>();
    expect(all.events).toHaveLength(2);

    const at = async (time: number) =>
      (await send('viewer', { method: 'GET', url: `/v1/models/intent/aliases/production/at?time=${new Date(time).toISOString()}` })).json<{ version: number | null }>().version;
    expect(await at(v1Until)).toBe(1);
    expect(await at(v1Until + 2)).toBe(2);
    expect(await at(Date.parse('2020-01-01T00:00:00Z'))).toBeNull();
    expect(await at(clock + 1)).toBe(1);

    const current = await send('viewer', { method: 'GET', url: '/v1/models/intent/aliases/production' });
    expect(current.json<VersionView>()).toMatchObject({ version: 1, aliases: ['production'] });
    expect((await send('viewer', { method: 'GET', url: '/v1/models/intent' })).json<ModelView>().aliases).toEqual({ production: 1 });
  });

  it('compares two versions: metrics side by side, per-class F1 deltas, confusion matrices', async () => {
    const res = await send('viewer', { method: 'GET', url: '/v1/models/intent/compare?a=1&b=2' });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<CompareView>();
    expect(view.a.version).toBe(1);
    expect(view.b.version).toBe(2);
    expect(view.sameHoldout).toBe(true);
    const macro = view.metrics.find((m) => m.name === 'macroF1');
    expect(macro?.a).toBe(0.8);
    expect(macro?.b).toBe(0.85);
    expect(macro?.delta).toBeCloseTo(0.05, 10);
    expect(view.perClassF1.map((c) => c.label)).toEqual(LABELS);
    expect(view.perClassF1[0]?.delta).toBeCloseTo(0.15, 10);
    expect(view.confusionMatrices.a).toEqual({ labels: LABELS, matrix: metrics(0, 0).confusionMatrix });
  });

  it('serves the verified artifact bytes with the sha256 as etag', async () => {
    const res = await send('viewer', { method: 'GET', url: '/v1/models/intent/versions/2/artifact' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(sha256(res.rawPayload)).toBe(sha256(art(1)));
    expect(res.headers['x-ciclo-sha256']).toBe(sha256(art(1)));
    expect(res.headers['etag']).toBe(`"${sha256(art(1))}"`);
    const cached = await app.inject({ url: '/v1/models/intent/versions/2/artifact', headers: { ...as('viewer'), 'if-none-match': `"${sha256(art(1))}"` } });
    expect(cached.statusCode).toBe(304);
  });

  it('describes versions with Open Inference Protocol metadata', async () => {
    const all = await send('viewer', { method: 'GET', url: '/v2/models/intent' });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toEqual({
      name: 'intent',
      versions: ['1', '2'],
      platform: 'onnxruntime',
      inputs: [{ name: 'text', datatype: 'BYTES', shape: [-1] }],
      outputs: [
        { name: 'label', datatype: 'BYTES', shape: [-1] },
        { name: 'confidence', datatype: 'FP32', shape: [-1] },
        { name: 'probabilities', datatype: 'FP32', shape: [-1, 3] },
      ],
    });
    expect((await send('viewer', { method: 'GET', url: '/v2/models/intent/versions/2' })).json()).toMatchObject({ name: 'intent', versions: ['2'] });
    expect((await send('viewer', { method: 'GET', url: '/v2/models/nope' })).statusCode).toBe(404);
  });

  it('gates production: a weak version is refused, a data scientist cannot force, an admin can with a reason', async () => {
    const weak = await send('data-scientist', { method: 'POST', url: '/v1/models/intent/versions', payload: { artifactBase64: b64(art(2)), metrics: metrics(0.3, 0.3) } });
    expect(weak.statusCode, weak.body).toBe(201);
    const refused = await send('data-scientist', { method: 'PUT', url: '/v1/models/intent/aliases/production', payload: { version: 3, reason: 'try' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('CICLO_ERR_REGISTRY_GATE_FAILED');
    const notAdmin = await send('data-scientist', { method: 'PUT', url: '/v1/models/intent/aliases/production', payload: { version: 3, reason: 'try', force: true } });
    expect(notAdmin.statusCode).toBe(403);
    expect(notAdmin.json().error.code).toBe('CICLO_ERR_REGISTRY_FORCE_NOT_ALLOWED');
    const forced = await send('admin', { method: 'PUT', url: '/v1/models/intent/aliases/production', payload: { version: 3, reason: 'incident: v1 crashes', force: true } });
    expect(forced.statusCode, forced.body).toBe(200);
    expect(forced.json<AliasChangeView>()).toMatchObject({ toVersion: 3, decision: { gatePassed: false, status: 'approved' } });
    // Put v1 back for the next tests.
    expect((await send('data-scientist', { method: 'POST', url: '/v1/models/intent/aliases/production/rollback', payload: { reason: 'undo' } })).statusCode).toBe(200);
  });

  it('approves a version onto an alias, removes an alias, and changes the policy (gate changes need admin)', async () => {
    const approved = await send('data-scientist', { method: 'POST', url: '/v1/models/intent/versions/2/approvals', payload: { reason: 'looks good', alias: 'staging' } });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<AliasChangeView>()).toMatchObject({ alias: 'staging', toVersion: 2 });
    const removed = await send('data-scientist', { method: 'DELETE', url: '/v1/models/intent/aliases/staging', payload: { reason: 'done testing' } });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json<AliasChangeView>()).toMatchObject({ fromVersion: 2, toVersion: null });

    const policy = await send('data-scientist', { method: 'PATCH', url: '/v1/models/intent/policy', payload: { policy: 'auto', reason: 'trust the gate' } });
    expect(policy.statusCode, policy.body).toBe(200);
    expect(policy.json<ModelView>()).toMatchObject({ policy: 'auto', aliases: { production: 1 } });
    const gateByScientist = await send('data-scientist', { method: 'PATCH', url: '/v1/models/intent/policy', payload: { gate: { minMacroF1: 0 } } });
    expect(gateByScientist.statusCode).toBe(403);
    expect(gateByScientist.json().error.details).toEqual({ requiredRole: 'admin', role: 'data-scientist' });
    const gateByAdmin = await send('admin', { method: 'PATCH', url: '/v1/models/intent/policy', payload: { policy: 'manual', gate: { minMacroF1: 0.6 } } });
    expect(gateByAdmin.json<ModelView>()).toMatchObject({ policy: 'manual', gate: { minMacroF1: 0.6 } });

    const audit = await send('viewer', { method: 'GET', url: '/v1/audit?model=intent&limit=3' });
    expect(audit.statusCode).toBe(200);
    const entries = audit.json<{ entries: { action: string; actor: string; apiKeyId: string | null; requestId: string | null }[] }>().entries;
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({ action: 'model.policy.update', actor: 'test admin' });
    expect(entries[0]?.apiKeyId).toEqual(expect.any(String));
    expect(entries[0]?.requestId).toEqual(expect.any(String));
  });

  describe('roles on every mutating route: 401 without a key, 403 with a viewer key', () => {
    const mutating = [
      { method: 'POST', url: '/v1/models', payload: { name: 'other', task: 'intent' } },
      { method: 'PATCH', url: '/v1/models/intent/policy', payload: { policy: 'auto' } },
      { method: 'POST', url: '/v1/models/intent/versions', payload: { artifactBase64: 'AAAA' } },
      { method: 'PUT', url: '/v1/models/intent/aliases/production', payload: { version: 2, reason: 'r' } },
      { method: 'DELETE', url: '/v1/models/intent/aliases/production', payload: { reason: 'r' } },
      { method: 'POST', url: '/v1/models/intent/aliases/production/rollback', payload: { reason: 'r' } },
      { method: 'POST', url: '/v1/models/intent/versions/2/approvals', payload: { reason: 'r' } },
      { method: 'POST', url: '/v1/models/intent/webhooks', payload: { url: 'https://hooks.example.test/x' } },
      { method: 'DELETE', url: '/v1/models/intent/webhooks/0192f0c4-aaaa-7bbb-8ccc-000000000001' },
    ];
    it.each(mutating)('$method $url', async (route) => {
      const before = await testDb.db.prisma.auditLog.count();
      const anonymous = await send(null, route);
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().error.code).toBe('CICLO_ERR_AUTH_MISSING_KEY');
      const viewer = await send('viewer', route);
      expect(viewer.statusCode).toBe(403);
      expect(viewer.json().error).toMatchObject({ code: 'CICLO_ERR_AUTH_FORBIDDEN', details: { role: 'viewer' } });
      expect(await testDb.db.prisma.auditLog.count()).toBe(before);
    });

    const reads = ['/v1/models', '/v1/models/intent', '/v1/models/intent/versions', '/v1/models/intent/versions/1', '/v1/models/intent/versions/1/artifact', '/v1/models/intent/compare?a=1&b=2', '/v1/models/intent/aliases/production/history', '/v1/audit', '/v2/models/intent'];
    it.each(reads)('GET %s needs a key', async (url) => {
      expect((await send(null, { method: 'GET', url })).statusCode).toBe(401);
    });
  });

  it('manages webhooks as an admin only, shows the secret once, and validates the URL', async () => {
    const added = await send('admin', { method: 'POST', url: '/v1/models/intent/webhooks', payload: { url: 'https://hooks.example.test/ciclo', events: ['model.alias.changed'] } });
    expect(added.statusCode).toBe(201);
    expect(added.headers['cache-control']).toBe('no-store');
    const { webhook, secret } = added.json<{ webhook: { id: string; url: string }; secret: string }>();
    expect(secret.length).toBeGreaterThanOrEqual(16);
    const listed = await send('admin', { method: 'GET', url: '/v1/models/intent/webhooks' });
    expect(listed.json().webhooks).toEqual([expect.objectContaining({ id: webhook.id, url: 'https://hooks.example.test/ciclo', events: ['model.alias.changed'] })]);
    expect(listed.body).not.toContain(secret);
    expect((await send('data-scientist', { method: 'GET', url: '/v1/models/intent/webhooks' })).statusCode).toBe(403);
    const bad = await send('admin', { method: 'POST', url: '/v1/models/intent/webhooks', payload: { url: 'ftp://x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('body.url');
    expect((await send('admin', { method: 'DELETE', url: `/v1/models/intent/webhooks/${webhook.id}` })).statusCode).toBe(204);
    const again = await send('admin', { method: 'DELETE', url: `/v1/models/intent/webhooks/${webhook.id}` });
    expect([again.statusCode, again.json().error.code]).toEqual([404, 'CICLO_ERR_REGISTRY_WEBHOOK_NOT_FOUND']);
  });

  it('answers unknown models, versions and aliases with 404 and a code', async () => {
    const cases: [string, string, string, unknown?][] = [
      ['GET', '/v1/models/nope', 'CICLO_ERR_REGISTRY_MODEL_NOT_FOUND'],
      ['GET', '/v1/models/nope/versions', 'CICLO_ERR_REGISTRY_MODEL_NOT_FOUND'],
      ['GET', '/v1/models/intent/versions/99', 'CICLO_ERR_REGISTRY_VERSION_NOT_FOUND'],
      ['GET', '/v1/models/intent/versions/99/artifact', 'CICLO_ERR_REGISTRY_VERSION_NOT_FOUND'],
      ['GET', '/v1/models/intent/compare?a=1&b=99', 'CICLO_ERR_REGISTRY_VERSION_NOT_FOUND'],
      ['GET', '/v1/models/intent/aliases/canary', 'CICLO_ERR_REGISTRY_ALIAS_NOT_FOUND'],
      ['PUT', '/v1/models/intent/aliases/canary', 'CICLO_ERR_REGISTRY_VERSION_NOT_FOUND', { version: 99, reason: 'r' }],
      ['PUT', '/v1/models/nope/aliases/canary', 'CICLO_ERR_REGISTRY_MODEL_NOT_FOUND', { version: 1, reason: 'r' }],
      ['POST', '/v1/models/intent/aliases/canary/rollback', 'CICLO_ERR_REGISTRY_ALIAS_NOT_FOUND', { reason: 'r' }],
      ['DELETE', '/v1/models/intent/aliases/canary', 'CICLO_ERR_REGISTRY_ALIAS_NOT_FOUND', { reason: 'r' }],
      ['POST', '/v1/models/nope/versions', 'CICLO_ERR_REGISTRY_MODEL_NOT_FOUND', { artifactBase64: b64(art(0)) }],
    ];
    for (const [method, url, code, payload] of cases) {
      const res = await send('data-scientist', { method, url, ...(payload ? { payload } : {}) });
      expect([res.statusCode, res.json().error?.code], `${method} ${url}`).toEqual([404, code]);
    }
  });

  it('answers malformed input with 400 naming the field, and writes nothing', async () => {
    const before = { versions: await versionRows(), audit: await testDb.db.prisma.auditLog.count() };
    const cases: [string, string, unknown, string][] = [
      ['POST', '/v1/models', { name: 'Bad Name', task: 'intent' }, 'body.name'],
      ['POST', '/v1/models', { name: 'x' }, 'body.task'],
      ['POST', '/v1/models', { name: 'x', task: 'intent', gate: { minMacroF1: 2 } }, 'body.gate.minMacroF1'],
      ['PUT', '/v1/models/intent/aliases/production', { version: 2 }, 'body.reason'],
      ['PUT', '/v1/models/intent/aliases/production', { version: 'two', reason: 'r' }, 'body.version'],
      ['PUT', '/v1/models/intent/aliases/Bad%20Alias', { version: 2, reason: 'r' }, 'params.alias'],
      ['POST', '/v1/models/intent/versions', { artifactBase64: 'not base64!' }, 'body.artifactBase64'],
      ['POST', '/v1/models/intent/versions', { artifactBase64: b64(art(0)), tags: [''] }, 'body.tags.0'],
      ['GET', '/v1/models/intent/versions/abc', undefined, 'params.version'],
      ['GET', '/v1/models/intent/compare?a=1', undefined, 'querystring.b'],
      ['GET', '/v1/models/intent/aliases/production/at?time=yesterday', undefined, 'querystring.time'],
    ];
    for (const [method, url, payload, field] of cases) {
      const res = await send('admin', { method, url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(400);
      expect(res.json().error.code).toBe('CICLO_ERR_HTTP_VALIDATION');
      expect(res.json().error.details.fields.map((f: { field: string }) => f.field), `${method} ${url}`).toContain(field);
    }
    // A valid base64 string that is no ONNX model: refused before anything is stored.
    const garbage = await send('admin', { method: 'POST', url: '/v1/models/intent/versions', payload: { artifactBase64: b64(new Uint8Array([1, 2, 3, 4])) } });
    expect(garbage.statusCode).toBe(422);
    expect(garbage.json().error.code).toBe('CICLO_ERR_REGISTRY_INVALID_ARTIFACT');
    expect({ versions: await versionRows(), audit: await testDb.db.prisma.auditLog.count() }).toEqual(before);
  });

  it('refuses an artifact over the size limit with 413 and writes nothing (row or blob)', async () => {
    const before = { versions: await versionRows(), blobs: await storedBlobs() };
    // Within the body limit, but the decoded artifact is over the registry's limit.
    const over = await send('data-scientist', { method: 'POST', url: '/v1/models/intent/versions', payload: { artifactBase64: b64(new Uint8Array(maxArtifactBytes + 1)) } });
    expect(over.statusCode).toBe(413);
    expect(over.json().error.code).toBe('CICLO_ERR_REGISTRY_ARTIFACT_TOO_LARGE');
    // Over the route's body limit: refused while reading the body.
    const huge = await send('data-scientist', {
      method: 'POST',
      url: '/v1/models/intent/versions',
      payload: { artifactBase64: 'A'.repeat(uploadBodyLimit(maxArtifactBytes) + 4) },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('CICLO_ERR_HTTP_BODY_TOO_LARGE');
    expect({ versions: await versionRows(), blobs: await storedBlobs() }).toEqual(before);
  });

  it('publishes an OpenAPI document listing every route, and a page at /docs', async () => {
    const res = await app.inject({ url: '/docs/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, { security?: unknown[]; requestBody?: unknown }>> }>();
    expect(doc.openapi).toMatch(/^3\./);
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations).toEqual(
      expect.arrayContaining([
        'GET /v1/models',
        'POST /v1/models',
        'GET /v1/models/{name}',
        'PATCH /v1/models/{name}/policy',
        'GET /v1/models/{name}/versions',
        'POST /v1/models/{name}/versions',
        'GET /v1/models/{name}/versions/{version}',
        'GET /v1/models/{name}/versions/{version}/artifact',
        'GET /v1/models/{name}/compare',
        'PUT /v1/models/{name}/aliases/{alias}',
        'DELETE /v1/models/{name}/aliases/{alias}',
        'POST /v1/models/{name}/aliases/{alias}/rollback',
        'GET /v1/models/{name}/aliases/{alias}/history',
        'GET /v1/models/{name}/aliases/{alias}/at',
        'POST /v1/models/{name}/versions/{version}/approvals',
        'GET /v1/audit',
        'GET /v2/models/{name}',
        'GET /v2/models/{name}/versions/{version}',
        'POST /v1/api-keys',
      ]),
    );
    expect(doc.paths['/v1/models']?.['post']?.requestBody).toBeDefined();
    expect(doc.paths['/v1/models']?.['get']?.security).toEqual([{ bearer: [] }]);
    const page = await app.inject({ url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('/docs/openapi.json');
    expect(page.body).toContain('/v1/models/{name}/aliases/{alias}/rollback');
  });
});
