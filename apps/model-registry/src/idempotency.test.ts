import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiKeyRole, VersionView } from '@ciclo/platform-contracts';
import type { HttpApp } from '@ciclo/platform-http';
import type { MetricsRegistry } from '@ciclo/platform-observability';
import { createTestDatabase, type TestDatabase } from '@ciclo/platform-testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestRegistryApp, issueTestKeys, tinyModel } from './test-support/registry-test-app';

/** Version registration with `Idempotency-Key` (issue #10 item 6), end to end over PostgreSQL. */
describe('Idempotency-Key on version registration', () => {
  let testDb: TestDatabase;
  let dir: string;
  let app: HttpApp;
  let metrics: MetricsRegistry;
  let artifacts: Uint8Array[];
  const keys = {} as Record<ApiKeyRole, string>;
  let clock = Date.parse('2026-05-01T00:00:00Z');

  beforeAll(async () => {
    [testDb, dir, artifacts] = await Promise.all([createTestDatabase(), mkdtemp(join(tmpdir(), 'ciclo-idempotency-')), Promise.all([1, 2].map((seed) => tinyModel(seed)))]);
    ({ app, metrics } = await buildTestRegistryApp({
      db: testDb.db,
      artifactsDir: join(dir, 'artifacts'),
      maxArtifactBytes: 1_000_000,
      idempotencyClock: () => new Date(clock),
      idempotencyRetentionMs: 3600_000,
    }));
    await app.ready();
    Object.assign(keys, await issueTestKeys(testDb.db, ['data-scientist', 'admin'], 'idem'));
    const created = await app.inject({ method: 'POST', url: '/v1/models', headers: auth('data-scientist'), payload: { name: 'intent', task: 'intent' } });
    expect(created.statusCode, created.body).toBe(201);
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const auth = (role: ApiKeyRole) => ({ authorization: `Bearer ${keys[role]}` });
  const upload = (i: number, extra: Record<string, unknown> = {}) => ({ artifactBase64: Buffer.from(artifacts[i] ?? []).toString('base64'), sampleInputs: ['oi'], ...extra });
  const register = (key: string | null, payload: unknown, options: { role?: ApiKeyRole; model?: string } = {}) =>
    app.inject({
      method: 'POST',
      url: `/v1/models/${options.model ?? 'intent'}/versions`,
      headers: { ...auth(options.role ?? 'data-scientist'), ...(key === null ? {} : { 'idempotency-key': key }) },
      payload: payload as object,
    });
  const versionCount = () => testDb.db.prisma.modelVersion.count();
  const recordCount = () => testDb.db.prisma.idempotencyRecord.count();

  it('registers once for two requests with one key, and answers the repeat with the first answer', async () => {
    const before = await versionCount();
    const first = await register('upload-1', upload(0, { description: 'first' }));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await register('upload-1', upload(0, { description: 'first' }));
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    expect(again.headers['location']).toBe(first.headers['location']);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(await versionCount()).toBe(before + 1);
    // The draft's quoted form names the same key; body key order does not make another request.
    const quoted = await register('"upload-1"', { description: 'first', sampleInputs: ['oi'], artifactBase64: upload(0).artifactBase64 });
    expect(quoted.headers['idempotent-replayed']).toBe('true');
    expect(quoted.body).toBe(first.body);
    // The same API key sent as X-Api-Key is the same caller, and opens the same sealed answer.
    const viaHeader = await app.inject({
      method: 'POST',
      url: '/v1/models/intent/versions',
      headers: { 'x-api-key': keys['data-scientist'], 'idempotency-key': 'upload-1' },
      payload: upload(0, { description: 'first' }),
    });
    expect(viaHeader.headers['idempotent-replayed']).toBe('true');
    expect(viaHeader.body).toBe(first.body);
    expect(await metrics.metrics()).toMatch(/^ciclo_idempotency_requests_total\{outcome="replayed",app="model-registry"\} 3$/m);
  });

  it('registers once when two requests with one key race, answering the other 409 or the first answer', async () => {
    const before = await versionCount();
    const answers = await Promise.all([1, 2, 3].map(() => register('race-1', upload(1, { description: 'race' }))));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses.every((s) => s === 201 || s === 409), JSON.stringify(statuses)).toBe(true);
    const created = answers.filter((a) => a.statusCode === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((a) => a.body)).size).toBe(1);
    for (const busy of answers.filter((a) => a.statusCode === 409)) expect(busy.json().error.code).toBe('CICLO_ERR_IDEMPOTENCY_KEY_IN_FLIGHT');
    expect(await versionCount()).toBe(before + 1);
    // Once the first finished, a retry gets its answer.
    const retry = await register('race-1', upload(1, { description: 'race' }));
    expect(retry.statusCode).toBe(201);
    expect(retry.body).toBe(created[0]?.body);
  });

  it('refuses the key with a different request (422) and writes nothing', async () => {
    const [versions, records] = await Promise.all([versionCount(), recordCount()]);
    const otherBody = await register('upload-1', upload(0, { description: 'changed' }));
    expect(otherBody.statusCode).toBe(422);
    expect(otherBody.json().error).toMatchObject({ code: 'CICLO_ERR_IDEMPOTENCY_KEY_REUSED', details: { route: '/v1/models/:name/versions' } });
    const otherModel = await register('upload-1', upload(0, { description: 'first' }), { model: 'sentiment' });
    expect(otherModel.statusCode).toBe(422);
    expect([await versionCount(), await recordCount()]).toEqual([versions, records]);
  });

  it('keeps keys apart per caller: another API key with the same key value registers its own version', async () => {
    const before = await versionCount();
    const byAdmin = await register('upload-1', upload(0, { description: 'first' }), { role: 'admin' });
    expect(byAdmin.statusCode, byAdmin.body).toBe(201);
    expect(byAdmin.headers['idempotent-replayed']).toBeUndefined();
    expect(await versionCount()).toBe(before + 1);
  });

  it('answers a malformed key 400 with its own code, before anything is written', async () => {
    const [versions, records] = await Promise.all([versionCount(), recordCount()]);
    for (const bad of ['', 'x'.repeat(256), 'clé-1', 'tab\there']) {
      const res = await register(bad, upload(0));
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code).toBe('CICLO_ERR_IDEMPOTENCY_KEY_INVALID');
    }
    expect((await register('x'.repeat(255), upload(0, { description: 'longest key' }))).statusCode).toBe(201);
    expect(await versionCount()).toBe(versions + 1);
    expect(await recordCount()).toBe(records + 1);
  });

  it('does not keep a failed first attempt: the same key runs again once the cause is fixed', async () => {
    const missing = await register('late-model', upload(0), { model: 'late' });
    expect(missing.statusCode).toBe(404);
    const invalid = await register('late-model', { artifactBase64: 'not an artifact!' }, { model: 'late' });
    expect(invalid.statusCode).toBe(400);
    expect(await testDb.db.prisma.idempotencyRecord.count({ where: { key: 'late-model' } })).toBe(0);
    await app.inject({ method: 'POST', url: '/v1/models', headers: auth('data-scientist'), payload: { name: 'late', task: 'intent' } });
    const created = await register('late-model', upload(0), { model: 'late' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json<VersionView>()).toMatchObject({ model: 'late', version: 1 });
  });

  it('forgets a key after its retention, and the upkeep purges it', async () => {
    const first = await register('short-lived', upload(1, { description: 'old key' }));
    expect(first.statusCode).toBe(201);
    clock += 3600_000 + 1;
    const later = await register('short-lived', upload(1, { description: 'old key' }));
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(later.json<VersionView>().version).toBe(first.json<VersionView>().version + 1);
    expect(await testDb.db.prisma.idempotencyRecord.count({ where: { expiresAt: { lte: new Date(clock) } } })).toBeGreaterThan(0);
  });

  it('keeps the answer when the client hangs up before it: the retry gets the version it lost', async () => {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = new URL(address);
    const body = JSON.stringify(upload(0, { description: 'lost answer' }));
    const before = await versionCount();
    // Hold the model's row lock, so the registration stops just before its commit.
    let release = (): void => undefined;
    let locked = (): void => undefined;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = testDb.db.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM models WHERE name = 'intent' FOR UPDATE`;
        locked();
        await new Promise<void>((resolve) => (release = resolve));
      },
      { timeout: 30_000 },
    );
    await lockTaken;
    // The whole request goes out; while the registry works on it (its key claimed), the connection dies.
    const socket = connect(Number(port), '127.0.0.1');
    let answered = false;
    socket.on('data', () => (answered = true));
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    socket.write(
      [
        'POST /v1/models/intent/versions HTTP/1.1',
        'host: 127.0.0.1',
        `authorization: Bearer ${keys['data-scientist']}`,
        'idempotency-key: lost-answer',
        'content-type: application/json',
        `content-length: ${Buffer.byteLength(body)}`,
        '',
        body,
      ].join('\r\n'),
    );
    const lostAnswer = { key: 'lost-answer' };
    await vi.waitFor(async () => expect(await testDb.db.prisma.idempotencyRecord.count({ where: lostAnswer })).toBe(1), { timeout: 15_000, interval: 5 });
    socket.destroy();
    expect(answered).toBe(false);
    release();
    await holder;
    await vi.waitFor(async () => expect(await testDb.db.prisma.idempotencyRecord.count({ where: { ...lostAnswer, completedAt: { not: null } } })).toBe(1), { timeout: 15_000, interval: 50 });
    expect(await versionCount()).toBe(before + 1);
    const retry = await register('lost-answer', upload(0, { description: 'lost answer' }));
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json<VersionView>()).toMatchObject({ model: 'intent', description: 'lost answer' });
    expect(await versionCount()).toBe(before + 1);
    expect(await testDb.db.prisma.modelVersion.count({ where: { description: 'lost answer' } })).toBe(1);
  });
});

describe('Idempotency-Key after a 5xx', () => {
  it('does not keep the failure: a retry with the key succeeds once the store works again', async () => {
    const testDb = await createTestDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'ciclo-idempotency-5xx-'));
    // A file where the artifact folder should be: every upload fails with a 500.
    const artifactsDir = join(dir, 'artifacts');
    await writeFile(artifactsDir, 'in the way');
    const { app } = await buildTestRegistryApp({ db: testDb.db, artifactsDir, maxArtifactBytes: 1_000_000 });
    try {
      const { 'data-scientist': key } = await issueTestKeys(testDb.db, ['data-scientist'], 'idem5xx');
      const headers = { authorization: `Bearer ${key}`, 'idempotency-key': 'after-outage' };
      await app.inject({ method: 'POST', url: '/v1/models', headers: { authorization: headers.authorization }, payload: { name: 'intent', task: 'intent' } });
      const payload = { artifactBase64: Buffer.from(await tinyModel(3)).toString('base64') };
      const failed = await app.inject({ method: 'POST', url: '/v1/models/intent/versions', headers, payload });
      expect(failed.statusCode).toBe(500);
      expect(await testDb.db.prisma.idempotencyRecord.count()).toBe(0);
      await rm(artifactsDir);
      const retried = await app.inject({ method: 'POST', url: '/v1/models/intent/versions', headers, payload });
      expect(retried.statusCode, retried.body).toBe(201);
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
    } finally {
      await app.close();
      await testDb.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
