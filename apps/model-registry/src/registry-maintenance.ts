import { QueueNames, type RegistryMaintenanceV1 } from '@ciclo/platform-contracts';
import type { ServiceContext } from '@ciclo/platform-runtime';
import { createArtifactCollector, createArtifactCollectorMetrics, type ArtifactStore } from '@ciclo/registry-core';
import type { IdempotencyStore } from './idempotency/idempotency-store';

export interface RegistryMaintenanceOptions {
  readonly artifacts: ArtifactStore;
  readonly idempotency: IdempotencyStore;
  /** One run per slot of this length (`CICLO_REGISTRY_MAINTENANCE_INTERVAL_MS`). */
  readonly intervalMs: number;
  /** Unreferenced blobs younger than this are kept (`CICLO_ARTIFACT_GC_GRACE_MS`). */
  readonly gracePeriodMs: number;
  /** Clock of the slots and of the blobs' age (tests move it). */
  readonly now?: () => Date;
}

/** What one run did: the job's return value, and its log line. */
export interface RegistryMaintenanceReport {
  readonly slotStartedAt: string;
  readonly blobsScanned: number;
  /** Younger than the grace period: kept whatever references them. */
  readonly blobsYoung: number;
  /** Past the grace period and referenced by a version. */
  readonly blobsReferenced: number;
  /** Unreferenced, but a registration held them at that moment (looked at again next run). */
  readonly blobsBusy: number;
  readonly blobsDeleted: number;
  readonly bytesFreed: number;
  readonly idempotencyRecordsPurged: number;
}

export interface RegistryMaintenance {
  /** Enqueues the current slot's job and returns its id (nothing new when the slot's job exists). */
  schedule(): Promise<string>;
  /** Stops scheduling and closes the worker (gracefully: a run in progress finishes). */
  stop(): Promise<void>;
}

/** Replicas re-offer the current slot's job this often at most: a missed tick costs a minute, not a slot. */
const MAX_TICK_MS = 60_000;

/**
 * The registry's upkeep as a `registry.maintenance` job: garbage-collect artifact blobs no version
 * references (past the grace period) and purge expired Idempotency-Key records.
 *
 * Scheduling uses the platform's ordinary queue: every replica offers the job for the current time
 * slot under an id naming the slot (`registry-maintenance-<slot start>`), and the queue keeps the
 * first job with an id, so each slot runs once however many replicas run, on both queue backends,
 * with the catalog's retries and the usual job metrics. (The queue lib has no job scheduler of its
 * own; deduplication by id gives the same once-per-interval without one.)
 */
export async function startRegistryMaintenance(
  context: Pick<ServiceContext, 'db' | 'queues' | 'logger' | 'metrics'>,
  options: RegistryMaintenanceOptions,
): Promise<RegistryMaintenance> {
  const now = options.now ?? (() => new Date());
  const log = context.logger.child({ component: 'registry-maintenance' });
  const collector = createArtifactCollector({
    db: context.db,
    artifacts: options.artifacts,
    gracePeriodMs: options.gracePeriodMs,
    now,
    metrics: createArtifactCollectorMetrics(context.metrics),
  });

  async function run(payload: RegistryMaintenanceV1): Promise<RegistryMaintenanceReport> {
    const collection = await collector.collect();
    for (const blob of collection.deleted) {
      log.info({ sha256: blob.sha256, sizeBytes: blob.sizeBytes, lastModified: blob.lastModified.toISOString() }, 'deleted an artifact blob no model version references');
    }
    const report: RegistryMaintenanceReport = {
      slotStartedAt: payload.slotStartedAt,
      blobsScanned: collection.scanned,
      blobsYoung: collection.young,
      blobsReferenced: collection.referenced,
      blobsBusy: collection.busy,
      blobsDeleted: collection.deleted.length,
      bytesFreed: collection.deleted.reduce((sum, blob) => sum + blob.sizeBytes, 0),
      idempotencyRecordsPurged: await options.idempotency.purgeExpired(),
    };
    log.info(report, 'registry maintenance done');
    return report;
  }

  const worker = await context.queues.createWorker(QueueNames.registryMaintenance, { 'registry.maintenance': (payload) => run(payload) }, { concurrency: 1 });

  async function schedule(): Promise<string> {
    const at = now().getTime();
    const slotStart = at - (at % options.intervalMs);
    const job = await context.queues.enqueue('registry.maintenance', { slotStartedAt: new Date(slotStart).toISOString() }, { jobId: `registry-maintenance-${slotStart}` });
    return job.id;
  }
  const tick = () => void schedule().catch((error: unknown) => log.warn({ err: error }, 'could not schedule registry maintenance; the next tick tries again'));
  const timer = setInterval(tick, Math.min(options.intervalMs, MAX_TICK_MS));
  timer.unref();
  tick();

  return {
    schedule,
    async stop() {
      clearInterval(timer);
      await worker.close();
    },
  };
}
