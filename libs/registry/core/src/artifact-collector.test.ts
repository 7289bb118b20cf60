import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMetricsRegistry } from '@ciclo/platform-observability';
import { createTestDatabase, type TestDatabase } from '@ciclo/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArtifactCollector } from './artifact-collector';
import { createArtifactCollectorMetrics } from './artifact-collector-metrics';
import { lockArtifactShared } from './artifact-lock';
import type { ArtifactStore } from './artifact-store/artifact-store';
import { FileArtifactStore } from './artifact-store/file-artifact-store';
import { S3ArtifactStore } from './artifact-store/s3-artifact-store';
import { createModelRegistry, type ModelRegistry } from './model-registry';
import { listBlobs } from './test-support/list-blobs';
import { startS3TestServer, type S3TestServer } from './test-support/s3-test-server';
import { tinyModel } from './test-support/tiny-model';

const HOUR = 3600 * 1000;
const GRACE = 24 * HOUR;
/** Time moves by the collector's clock, not by waiting: blobs written now are this old at `inFuture(age)`. */
const inFuture = (ageMs: number) => () => new Date(Date.now() + ageMs);

/** Blobs no version references are collected past the grace period, on both stores. */
describe.each(['file', 's3'] as const)('artifact collector (%s store, PostgreSQL)', (kind) => {
  let testDb: TestDatabase;
  let dir: string;
  let s3: S3TestServer | undefined;
  let store: ArtifactStore;
  let registry: ModelRegistry;
  let artifacts: Uint8Array[];

  beforeAll(async () => {
    [testDb, dir, artifacts] = await Promise.all([
      createTestDatabase(),
      mkdtemp(join(tmpdir(), 'ciclo-collector-')),
      Promise.all([1, 2, 3].map((seed) => tinyModel({ seed }))),
    ]);
    if (kind === 's3') s3 = await startS3TestServer();
    store = s3 ? new S3ArtifactStore({ bucket: s3.bucket, prefix: 'gc', client: s3.client }) : new FileArtifactStore({ dir: join(dir, 'artifacts') });
    registry = createModelRegistry({ db: testDb.db, artifacts: store });
    await registry.createModel({ name: 'intent', task: 'intent', actor: 'ana' });
  });
  afterAll(async () => {
    await testDb?.drop();
    await s3?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const art = (i: number): Uint8Array => artifacts[i] ?? new Uint8Array(0);
  const digests = async () => (await listBlobs(store)).map((b) => b.sha256);
  const collector = (now: () => Date, metrics?: ReturnType<typeof createArtifactCollectorMetrics>) =>
    createArtifactCollector({ db: testDb.db, artifacts: store, gracePeriodMs: GRACE, now, ...(metrics ? { metrics } : {}) });

  it('deletes an unreferenced blob only past the grace period, never a referenced one, and meters it', async () => {
    const { version } = await registry.registerVersion({ model: 'intent', artifact: art(0), createdBy: 'trainer' });
    // An upload whose registration never committed (refused, rolled back, connection lost).
    const orphan = await store.put(art(1));
    const metricsRegistry = createMetricsRegistry('collector-test');
    const metrics = createArtifactCollectorMetrics(metricsRegistry);

    // Younger than the grace period: kept (it may be an upload whose version is about to commit).
    const early = await collector(inFuture(GRACE - HOUR), metrics).collect();
    expect(early).toMatchObject({ scanned: 2, young: 2, referenced: 0, busy: 0, deleted: [] });
    expect(await store.has(orphan.sha256)).toBe(true);

    const late = await collector(inFuture(GRACE + HOUR), metrics).collect();
    expect(late).toMatchObject({ scanned: 2, young: 0, referenced: 1, busy: 0 });
    expect(late.deleted).toEqual([{ sha256: orphan.sha256, sizeBytes: orphan.sizeBytes, lastModified: expect.any(Date) }]);
    expect(await digests()).toEqual([version.artifact.sha256]);
    const exposition = await metricsRegistry.metrics();
    expect(exposition).toMatch(/^ciclo_registry_artifacts_collected_total\{app="collector-test"\} 1$/m);
    expect(exposition).toMatch(new RegExp(`^ciclo_registry_artifact_bytes_collected_total\\{app="collector-test"\\} ${orphan.sizeBytes}$`, 'm'));

    // Years later the referenced blob is still there, and still reads back verified.
    expect((await collector(inFuture(5 * 365 * 24 * HOUR)).collect()).deleted).toEqual([]);
    expect(await registry.getArtifact('intent', version.version)).toEqual(art(0));
  });

  it('leaves a blob alone while a registration holds it, and collects it once released', async () => {
    const orphan = await store.put(art(2));
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked = (): void => undefined;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    // What a registration does between checking its blob and committing its version.
    const registration = testDb.db.prisma.$transaction(async (tx) => {
      await lockArtifactShared(tx, orphan.sha256);
      locked();
      await held;
    });
    await lockTaken;
    const busy = await collector(inFuture(GRACE + HOUR)).collect();
    expect(busy).toMatchObject({ busy: 1, deleted: [] });
    expect(await store.has(orphan.sha256)).toBe(true);
    release();
    await registration;
    expect((await collector(inFuture(GRACE + HOUR)).collect()).deleted.map((b) => b.sha256)).toEqual([orphan.sha256]);
  });

  it('stores a blob again when it was collected between the upload and the version commit', async () => {
    const bytes = art(2);
    let collectedOnce = false;
    // The collector strikes right after the upload (as if the blob had been an old orphan).
    const racing: ArtifactStore = {
      put: async (b) => {
        const stored = await store.put(b);
        if (!collectedOnce) {
          collectedOnce = true;
          await store.delete(stored.sha256);
        }
        return stored;
      },
      get: (sha) => store.get(sha),
      has: (sha) => store.has(sha),
      list: () => store.list(),
      delete: (sha) => store.delete(sha),
    };
    const racedRegistry = createModelRegistry({ db: testDb.db, artifacts: racing });
    const { version } = await racedRegistry.registerVersion({ model: 'intent', artifact: bytes, createdBy: 'trainer' });
    expect(collectedOnce).toBe(true);
    expect(await registry.getArtifact('intent', version.version)).toEqual(bytes);
  });
});
