import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelAliasChangedV1 } from '@ciclo/platform-contracts';
import { ModelSession } from '@ciclo/ml';
import { createTestDatabase, type TestDatabase } from '@ciclo/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileArtifactStore } from './artifact-store/file-artifact-store';
import { ArtifactIntegrityError } from './errors/artifact-integrity-error';
import { createModelRegistry, type ModelRegistry } from './model-registry';
import { checkSamplePredictions } from '@ciclo/ml';
import { tinyModel } from './test-support/tiny-model';
import { createWebhookDeliveryHandler } from './webhook-delivery-handler';
import { WebhookHeaders, verifyWebhookSignature } from './webhook-signature';

describe('model registry (PostgreSQL + ONNX Runtime)', () => {
  let testDb: TestDatabase;
  let dir: string;
  let store: FileArtifactStore;
  let registry: ModelRegistry;
  let artifacts: Uint8Array[];
  let clock = Date.parse('2026-03-01T00:00:00Z');
  const tick = (ms = 1000) => new Date((clock += ms));

  beforeAll(async () => {
    [testDb, dir, artifacts] = await Promise.all([
      createTestDatabase({ poolMax: 12 }),
      mkdtemp(join(tmpdir(), 'ciclo-registry-')),
      Promise.all([1, 2, 3, 4, 5].map((seed) => tinyModel({ seed }))),
    ]);
    store = new FileArtifactStore({ dir: join(dir, 'artifacts') });
    registry = createModelRegistry({ db: testDb.db, artifacts: store, now: () => tick() });
  });
  afterAll(async () => {
    await testDb?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const art = (i: number): Uint8Array => artifacts[i % artifacts.length] ?? new Uint8Array(0);
  const metrics = (macroF1: number, a = macroF1, holdout = 'h1') => ({ macroF1, holdout, perClass: [{ label: 'cancel', f1: a }, { label: 'greet', f1: macroF1 }, { label: 'order_status', f1: macroF1 }] });
  const count = async () => {
    const p = testDb.db.prisma;
    const [versions, audit, events, outbox] = await Promise.all([p.modelVersion.count(), p.auditLog.count(), p.aliasEvent.count(), p.outboxEvent.count()]);
    return { versions, audit, events, outbox };
  };

  it('creates models, registers versions with samples, and reads them back', async () => {
    const created = await registry.createModel({ name: 'intent', task: 'intent', actor: 'ana', gate: { minMacroF1: 0.5 } });
    expect(created).toMatchObject({ name: 'intent', labels: [], policy: 'manual', gate: { minMacroF1: 0.5 } });
    await expect(registry.createModel({ name: 'intent', task: 'intent', actor: 'ana' })).rejects.toMatchObject({ code: 'CICLO_ERR_REGISTRY_MODEL_EXISTS', statusCode: 409 });

    const { version, autoPromotion } = await registry.registerVersion({
      model: 'intent',
      artifact: art(0),
      metrics: metrics(0.8),
      params: { epochs: 3 },
      tags: ['tiny'],
      description: 'first',
      sampleInputs: ['oi', 'cancelar pedido'],
      createdBy: 'trainer',
    });
    expect(autoPromotion).toBeNull();
    expect(version).toMatchObject({ model: 'intent', version: 1, labels: ['cancel', 'greet', 'order_status'], tags: ['tiny'], params: { epochs: 3 }, createdBy: 'trainer', confidenceThreshold: 0.4 });
    expect(version.artifact.sizeBytes).toBe(art(0).byteLength);
    expect(version.samplePredictions.map((s) => s.input)).toEqual(['oi', 'cancelar pedido']);
    // The first version declared the label set.
    expect((await registry.getModel('intent')).labels).toEqual(['cancel', 'greet', 'order_status']);
    expect(await registry.getVersion('intent', 1)).toEqual(version);
    expect(await registry.listModels()).toHaveLength(1);

    // A server can prove the stored artifact reproduces the stored samples.
    const session = await ModelSession.load(await registry.getArtifact('intent', 1));
    try {
      expect(await checkSamplePredictions(session, version.samplePredictions)).toEqual([]);
    } finally {
      await session.dispose();
    }
  });

  it('numbers concurrent registrations 1..n without gaps or duplicates', async () => {
    await registry.createModel({ name: 'busy', task: 'intent', actor: 'ana' });
    const results = await Promise.all(artifacts.map((artifact) => registry.registerVersion({ model: 'busy', artifact, metrics: metrics(0.8), createdBy: 'trainer' })));
    expect(results.map((r) => r.version.version).sort()).toEqual([1, 2, 3, 4, 5]);
    expect((await registry.listVersions('busy')).map((v) => v.version)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps versions immutable: no update API, and the database refuses changes', async () => {
    expect(Object.keys(registry).filter((k) => /update.*version|version.*update/i.test(k))).toEqual([]);
    const p = testDb.db.prisma;
    const row = await p.modelVersion.findFirstOrThrow({ where: { model: { name: 'intent' }, version: 1 } });
    await expect(p.modelVersion.update({ where: { id: row.id }, data: { description: 'rewritten' } })).rejects.toThrow(/immutable/);
    await expect(p.$executeRawUnsafe(`UPDATE model_versions SET artifact_sha256 = repeat('0', 64) WHERE id = '${row.id}'`)).rejects.toThrow(/immutable/);
    expect((await registry.getVersion('intent', 1)).description).toBe('first');
  });

  it('refuses a tampered artifact on read', async () => {
    const version = await registry.getVersion('busy', 2);
    await writeFile(store.pathOf(version.artifact.sha256), new Uint8Array([1, 2, 3]));
    const error = await registry.getArtifact('busy', 2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArtifactIntegrityError);
    expect(error).toMatchObject({ code: 'CICLO_ERR_REGISTRY_ARTIFACT_TAMPERED' });
  });

  it('rejects invalid ONNX (422), wrong label sets (422), wrong tasks, oversize artifacts (413) — writing nothing', async () => {
    const before = await count();
    await expect(registry.registerVersion({ model: 'intent', artifact: new TextEncoder().encode('not onnx'), createdBy: 'x' })).rejects.toMatchObject({
      code: 'CICLO_ERR_REGISTRY_INVALID_ARTIFACT',
      statusCode: 422,
    });
    const renamed = await tinyModel({ labels: ['cancel', 'hello', 'order_status'] });
    await expect(registry.registerVersion({ model: 'intent', artifact: renamed, createdBy: 'x' })).rejects.toMatchObject({
      code: 'CICLO_ERR_REGISTRY_LABEL_SET_MISMATCH',
      statusCode: 422,
      details: { missing: ['greet'], extra: ['hello'] },
    });
    const otherTask = await tinyModel({ task: 'sentiment' });
    await expect(registry.registerVersion({ model: 'intent', artifact: otherTask, createdBy: 'x' })).rejects.toMatchObject({ code: 'CICLO_ERR_REGISTRY_INVALID_ARTIFACT' });
    const wrongSamples = [{ input: 'oi', label: 'cancel', probabilities: [1, 0, 0] }];
    await expect(registry.registerVersion({ model: 'intent', artifact: art(0), samples: wrongSamples, createdBy: 'x' })).rejects.toMatchObject({ code: 'CICLO_ERR_REGISTRY_INVALID_ARTIFACT' });
    const small = createModelRegistry({ db: testDb.db, artifacts: store, maxArtifactBytes: 100 });
    await expect(small.registerVersion({ model: 'intent', artifact: art(0), createdBy: 'x' })).rejects.toMatchObject({ code: 'CICLO_ERR_REGISTRY_ARTIFACT_TOO_LARGE', statusCode: 413 });
    await expect(registry.registerVersion({ model: 'nope', artifact: art(0), createdBy: 'x' })).rejects.toMatchObject({ code: 'CICLO_ERR_REGISTRY_MODEL_NOT_FOUND', statusCode: 404 });
    await expect(registry.getVersion('intent', 99)).rejects.toMatchObject({ code: 'CICLO_ERR_REGISTRY_VERSION_NOT_FOUND', statusCode: 404 });
    await expect(registry.resolveAlias('intent', 'staging')).rejects.toMatchObject({ code: 'CICLO_ERR_REGISTRY_ALIAS_NOT_FOUND', statusCode: 404 });
    expect(await count()).toEqual(before);
  });

  it('serialises 10 concurrent moves of one alias into one consistent history, with an outbox event each', async () => {
    const before = await count();
    const moves = Array.from({ length: 10 }, (_, i) => registry.setAlias({ model: 'busy', alias: 'staging', version: (i % 5) + 1, actor: `u${i}`, reason: `try ${i}` }));
    const results = await Promise.allSettled(moves);
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const history = (await registry.aliasHistory('busy', { alias: 'staging' })).reverse();
    const changed = results.filter((r) => r.status === 'fulfilled' && r.value.changed).length;
    expect(history).toHaveLength(changed);
    expect(history[0]?.fromVersion).toBeNull();
    for (let i = 1; i < history.length; i++) expect(history[i]?.fromVersion).toBe(history[i - 1]?.toVersion);
    expect((await registry.resolveAlias('busy', 'staging')).version).toBe(history.at(-1)?.toVersion);
    const after = await count();
    expect(after.outbox - before.outbox).toBe(changed);
    expect(after.events - before.events).toBe(changed);
    const outbox = await testDb.db.prisma.outboxEvent.findMany({ where: { type: 'model.alias.changed' }, orderBy: { id: 'asc' } });
    expect(outbox.map((e) => ModelAliasChangedV1.parse(e.payload).toVersion).slice(-changed)).toEqual(history.map((h) => h.toVersion));
  });

  it('compare-and-set: of racing movers expecting the same version, exactly one wins', async () => {
    const current = (await registry.resolveAlias('busy', 'staging')).version;
    const targets = [1, 2, 3, 4, 5].filter((v) => v !== current);
    const results = await Promise.allSettled(targets.map((version) => registry.setAlias({ model: 'busy', alias: 'staging', version, actor: 'racer', reason: 'race', expectedCurrentVersion: current })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'CICLO_ERR_REGISTRY_ALIAS_CONFLICT', statusCode: 409 });
  });

  it('rolls back, removes, and answers which version an alias held at a given time', async () => {
    const t0 = tick();
    await registry.setAlias({ model: 'busy', alias: 'candidate', version: 1, actor: 'ana', reason: 'first' });
    const t1 = tick();
    await registry.setAlias({ model: 'busy', alias: 'candidate', version: 3, actor: 'ana', reason: 'newer' });
    const t2 = tick();
    const back = await registry.rollback({ model: 'busy', alias: 'candidate', actor: 'bob', reason: 'v3 misbehaves' });
    expect(back).toMatchObject({ fromVersion: 3, toVersion: 1, changed: true });
    const t3 = tick();
    await registry.removeAlias({ model: 'busy', alias: 'candidate', actor: 'bob', reason: 'retire' });
    const t4 = tick();
    expect(await registry.aliasAt('busy', 'candidate', t0)).toBeNull();
    expect(await registry.aliasAt('busy', 'candidate', t1)).toBe(1);
    expect(await registry.aliasAt('busy', 'candidate', t2)).toBe(3);
    expect(await registry.aliasAt('busy', 'candidate', t3)).toBe(1);
    expect(await registry.aliasAt('busy', 'candidate', t4)).toBeNull();
    const history = await registry.aliasHistory('busy', { alias: 'candidate' });
    expect(history.map((h) => [h.fromVersion, h.toVersion, h.actor])).toEqual([
      [1, null, 'bob'],
      [3, 1, 'bob'],
      [1, 3, 'ana'],
      [null, 1, 'ana'],
    ]);
    // Rolling back a removal brings the alias back.
    expect(await registry.rollback({ model: 'busy', alias: 'candidate', actor: 'bob', reason: 'undo' })).toMatchObject({ toVersion: 1 });
    await registry.setAlias({ model: 'busy', alias: 'fresh', version: 2, actor: 'ana', reason: 'new' });
    await expect(registry.rollback({ model: 'busy', alias: 'fresh', actor: 'ana', reason: 'x' })).rejects.toMatchObject({ code: 'CICLO_ERR_REGISTRY_NO_ROLLBACK_TARGET', statusCode: 409 });
  });

  it('gates production: pass, refuse (403, decision kept, nothing moved), admin force with a reason', async () => {
    await registry.createModel({ name: 'gated', task: 'intent', actor: 'ana', gate: { minMacroF1: 0.6, maxMacroF1Drop: 0, maxClassF1Drop: 0.05 } });
    await registry.registerVersion({ model: 'gated', artifact: art(0), metrics: metrics(0.8), createdBy: 't' });
    await registry.registerVersion({ model: 'gated', artifact: art(1), metrics: metrics(0.85, 0.7), createdBy: 't' });
    await registry.registerVersion({ model: 'gated', artifact: art(2), metrics: metrics(0.9, 0.9, 'h2'), createdBy: 't' });

    const first = await registry.approve({ model: 'gated', version: 1, approver: 'ds', reason: 'baseline' });
    expect(first.decision).toMatchObject({ status: 'approved', gatePassed: true, decidedBy: 'ds', candidateVersion: 1, baselineVersion: null });

    const before = await count();
    const refused = await registry.promote({ model: 'gated', version: 2, actor: 'ds', actorRole: 'data-scientist', reason: 'better overall' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'CICLO_ERR_REGISTRY_GATE_FAILED', statusCode: 403 });
    expect((refused as { details: { reasons: { check: string }[] } }).details.reasons.map((r) => r.check)).toEqual(['classF1Drop:cancel']);
    const after = await count();
    expect(after.events).toBe(before.events);
    expect(after.outbox).toBe(before.outbox);
    expect((await registry.resolveAlias('gated', 'production')).version).toBe(1);
    const pending = await registry.listDecisions('gated', { version: 2 });
    expect(pending).toMatchObject([{ status: 'pending', gatePassed: false, baselineVersion: 1 }]);

    // Different holdout: refused as incomparable.
    await expect(registry.promote({ model: 'gated', version: 3, actor: 'ds', reason: 'x' })).rejects.toMatchObject({ code: 'CICLO_ERR_REGISTRY_GATE_FAILED' });

    await expect(registry.promote({ model: 'gated', version: 2, actor: 'ds', actorRole: 'data-scientist', reason: 'please', force: true })).rejects.toMatchObject({
      code: 'CICLO_ERR_REGISTRY_FORCE_NOT_ALLOWED',
      statusCode: 403,
    });
    const forced = await registry.promote({ model: 'gated', version: 2, actor: 'root', actorRole: 'admin', reason: 'cancel class is fine, label noise', force: true });
    expect(forced).toMatchObject({ fromVersion: 1, toVersion: 2 });
    expect(forced.decision).toMatchObject({ id: pending[0]?.id, status: 'approved', gatePassed: false, decidedBy: 'root' });
    expect(forced.decision?.comment).toMatch(/forced/);

    // Rollback of production is not gated.
    expect(await registry.rollback({ model: 'gated', alias: 'production', actor: 'ops', reason: 'incident' })).toMatchObject({ toVersion: 1 });
  });

  it('auto policy promotes when the gate passes and leaves a pending decision when it fails', async () => {
    await registry.createModel({ name: 'auto', task: 'intent', actor: 'ana', policy: 'auto', gate: { maxMacroF1Drop: 0 } });
    const one = await registry.registerVersion({ model: 'auto', artifact: art(0), metrics: metrics(0.8), createdBy: 't' });
    expect(one.autoPromotion).toMatchObject({ promoted: true, decision: { status: 'auto_promoted', decidedBy: 'system:auto-promote' } });
    const two = await registry.registerVersion({ model: 'auto', artifact: art(1), metrics: metrics(0.7), createdBy: 't' });
    expect(two.autoPromotion).toMatchObject({ promoted: false, decision: { status: 'pending', gatePassed: false } });
    const three = await registry.registerVersion({ model: 'auto', artifact: art(2), metrics: metrics(0.81), createdBy: 't' });
    expect(three.autoPromotion?.promoted).toBe(true);
    expect((await registry.getModel('auto')).aliases).toEqual({ production: 3 });
    const rejected = await registry.reject({ model: 'auto', version: 2, actor: 'ds', reason: 'worse' });
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: 'ds', comment: 'worse' });
  });

  it('keeps an audit trail of every mutation, in the same transaction', async () => {
    const trail = await registry.auditLog({ model: 'gated' });
    expect(trail.map((e) => e.action).reverse()).toEqual([
      'model.create',
      'model.version.register',
      'model.version.register',
      'model.version.register',
      'model.promotion.approved',
      'model.promotion.refused',
      'model.promotion.refused',
      'model.promotion.forced',
      'model.alias.rollback',
    ]);
    expect(trail[0]).toMatchObject({ actor: 'ops', details: { alias: 'production', fromVersion: 2, toVersion: 1, reason: 'incident' } });
    const page = await registry.auditLog({ model: 'gated', limit: 2 });
    const older = await registry.auditLog({ model: 'gated', limit: 2, before: page[1]?.id ?? '0' });
    expect(older[0]?.action).toBe('model.promotion.refused');
    await expect(testDb.db.prisma.auditLog.updateMany({ data: { actor: 'someone else' } })).rejects.toThrow(/append-only/);
  });

  it('never writes the outbox event when the alias change fails', async () => {
    const before = await count();
    await expect(registry.setAlias({ model: 'busy', alias: 'staging', version: 99, actor: 'a', reason: 'r' })).rejects.toMatchObject({ statusCode: 404 });
    await expect(registry.setAlias({ model: 'busy', alias: 'staging', version: 1, actor: 'a', reason: 'r', expectedCurrentVersion: 42 })).rejects.toMatchObject({ statusCode: 409 });
    expect(await count()).toEqual(before);
  });

  it('delivers alias changes to the model webhooks, signed, retrying a failing receiver', async () => {
    const bodies: { body: string; signature: string; timestamp: string }[] = [];
    let failures = 1;
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push({ body: Buffer.concat(chunks).toString(), signature: String(req.headers[WebhookHeaders.signature]), timestamp: String(req.headers[WebhookHeaders.timestamp]) });
        res.statusCode = failures-- > 0 ? 500 : 200;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ciclo`;
      const { webhook, secret } = await registry.addWebhook({ model: 'busy', url, actor: 'ana' });
      expect(await registry.listWebhooks('busy')).toEqual([webhook]);
      await registry.setAlias({ model: 'busy', alias: 'hooked', version: 4, actor: 'ana', reason: 'ship' });
      const row = await testDb.db.prisma.outboxEvent.findFirstOrThrow({ where: { type: 'model.alias.changed' }, orderBy: { id: 'desc' } });
      const envelope = { id: row.eventId, type: row.type, occurredAt: row.createdAt.toISOString(), payload: row.payload };
      const handle = createWebhookDeliveryHandler({ db: testDb.db, backoffMs: 1 });
      const summary = await handle(envelope);
      expect(summary.delivered).toBe(1);
      expect(bodies).toHaveLength(2);
      const last = bodies[1];
      if (!last) throw new Error('no retry arrived');
      expect(verifyWebhookSignature({ secret, ...last })).toBe(true);
      expect(JSON.parse(last.body)).toMatchObject({ id: row.eventId, payload: { model: 'busy', alias: 'hooked', toVersion: 4 } });
      expect((await registry.listWebhooks('busy'))[0]).toMatchObject({ lastStatus: 200 });
      await registry.removeWebhook({ model: 'busy', id: webhook.id, actor: 'ana' });
      await expect(registry.removeWebhook({ model: 'busy', id: webhook.id, actor: 'ana' })).rejects.toMatchObject({ code: 'CICLO_ERR_REGISTRY_WEBHOOK_NOT_FOUND' });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
