import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { jobCatalog, QueueNames, type PlatformJobCatalog } from '@ciclo/platform-contracts';
import { createLogger, createMetricsRegistry } from '@ciclo/platform-observability';
import { createQueueClient, type QueueClient } from '@ciclo/platform-queue';
import { createTestDatabase, testQueueBackend, type TestDatabase, type TestQueueBackend } from '@ciclo/platform-testing';
import { createModelRegistry, FileArtifactStore } from '@ciclo/registry-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdempotencyStore, type IdempotencyStore } from './idempotency/idempotency-store';
import { startRegistryMaintenance, type RegistryMaintenance, type RegistryMaintenanceReport } from './registry-maintenance';
import { issueTestKeys, tinyModel } from './test-support/registry-test-app';

const HOUR = 3600_000;

/** The upkeep job end to end: scheduled through the real queue, collecting blobs and keys in PostgreSQL. */
describe.each(['redis', 'postgres'] as const)('registry maintenance on the %s queue backend', (kind) => {
  let testDb: TestDatabase;
  let backend: TestQueueBackend;
  let queues: QueueClient<PlatformJobCatalog>;
  let dir: string;
  let store: FileArtifactStore;
  let idempotency: IdempotencyStore;
  let maintenance: RegistryMaintenance;
  // Blobs get the real time as they are written; the job's clock starts there and is moved on.
  let clock = Date.now();
  const now = () => new Date(clock);
  const slotOf = (at: number) => at - (at % HOUR);

  beforeAll(async () => {
    [testDb, dir] = await Promise.all([createTestDatabase(), mkdtemp(join(tmpdir(), 'ciclo-maintenance-'))]);
    backend = testQueueBackend(kind, { postgresUrl: testDb.url });
    queues = createQueueClient(jobCatalog, backend.config);
    store = new FileArtifactStore({ dir: join(dir, 'artifacts') });
    idempotency = createIdempotencyStore({ db: testDb.db, retentionMs: 24 * HOUR, now });
    const logger = createLogger({ app: 'model-registry', level: 'silent', destination: new PassThrough() });
    maintenance = await startRegistryMaintenance(
      { db: testDb.db, queues, logger, metrics: createMetricsRegistry('model-registry') },
      { artifacts: store, idempotency, intervalMs: HOUR, gracePeriodMs: 24 * HOUR, now },
    );
  });
  afterAll(async () => {
    await maintenance?.stop();
    await queues?.close();
    await backend?.cleanup();
    await testDb?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const runSlot = async (): Promise<RegistryMaintenanceReport> => {
    const id = await maintenance.schedule();
    const job = await queues.waitForJob(QueueNames.registryMaintenance, id, { timeoutMs: 20_000 });
    expect(job.state, job.failedReason ?? '').toBe('completed');
    return job.returnValue as RegistryMaintenanceReport;
  };

  it('runs once per slot, keeps young and referenced blobs, then deletes the orphan and purges expired keys', async () => {
    // Started, it offered this slot's job at once; every later offer in the slot is the same job.
    const slotJob = `registry-maintenance-${slotOf(clock)}`;
    await expect(queues.waitForJob(QueueNames.registryMaintenance, slotJob, { timeoutMs: 20_000 })).resolves.toMatchObject({ state: 'completed' });
    expect(await maintenance.schedule()).toBe(slotJob);
    expect((await queues.counts(QueueNames.registryMaintenance)).completed).toBe(1);

    const registry = createModelRegistry({ db: testDb.db, artifacts: store });
    await registry.createModel({ name: 'intent', task: 'intent', actor: 'ana' });
    const { version } = await registry.registerVersion({ model: 'intent', artifact: await tinyModel(1), createdBy: 'trainer' });
    const orphan = await store.put(await tinyModel(2));
    await issueTestKeys(testDb.db, ['admin'], 'maintenance');
    const apiKeyId = (await testDb.db.prisma.apiKey.findFirstOrThrow()).id;
    const claim = await idempotency.claim({ apiKeyId, method: 'POST', route: '/v1/models', key: 'k' }, '0'.repeat(64));
    if (claim.kind !== 'claimed') throw new Error(`expected a claim, got ${claim.kind}`);
    await idempotency.complete(claim.claim, { status: 201, headers: {}, sealedBody: Buffer.from('x') });

    clock += HOUR;
    const next = await runSlot();
    expect(next).toEqual({ slotStartedAt: new Date(slotOf(clock)).toISOString(), blobsScanned: 2, blobsYoung: 2, blobsReferenced: 0, blobsBusy: 0, blobsDeleted: 0, bytesFreed: 0, idempotencyRecordsPurged: 0 });

    clock += 24 * HOUR;
    const later = await runSlot();
    expect(later).toEqual({ slotStartedAt: new Date(slotOf(clock)).toISOString(), blobsScanned: 2, blobsYoung: 0, blobsReferenced: 1, blobsBusy: 0, blobsDeleted: 1, bytesFreed: orphan.sizeBytes, idempotencyRecordsPurged: 1 });
    expect(await store.has(orphan.sha256)).toBe(false);
    expect(await store.has(version.artifact.sha256)).toBe(true);
    expect(await testDb.db.prisma.idempotencyRecord.count()).toBe(0);
  });
});
