import type { Database } from '@ciclo/platform-db';
import type { ArtifactCollectorMetrics } from './artifact-collector-metrics';
import { tryLockArtifactExclusive } from './artifact-lock';
import type { ArtifactBlob, ArtifactStore } from './artifact-store/artifact-store';

export interface ArtifactCollectorOptions {
  readonly db: Database;
  readonly artifacts: ArtifactStore;
  /**
   * Unreferenced blobs younger than this are kept: an upload is stored before its version row
   * commits, and a registration in progress must never lose its blob. Default 24 h.
   */
  readonly gracePeriodMs?: number;
  /** Clock (tests move it instead of waiting). */
  readonly now?: () => Date;
  readonly metrics?: ArtifactCollectorMetrics;
}

/** What one collection saw and did. */
export interface ArtifactCollection {
  /** Blobs listed in the store. */
  readonly scanned: number;
  /** Blobs some version references (checked only for blobs past the grace period). */
  readonly referenced: number;
  /** Blobs younger than the grace period, kept whatever references them. */
  readonly young: number;
  /** Unreferenced old blobs a registration held at that moment (kept; looked at again next time). */
  readonly busy: number;
  readonly deleted: readonly ArtifactBlob[];
}

export interface ArtifactCollector {
  /** Deletes every blob no model version references that is older than the grace period. */
  collect(): Promise<ArtifactCollection>;
}

export const DEFAULT_ARTIFACT_GRACE_PERIOD_MS = 24 * 3600 * 1000;
/** Digests per `IN (…)` query. */
const LOOKUP_BATCH = 500;

type Verdict = 'deleted' | 'referenced' | 'busy';

/**
 * Garbage collection of the artifact store. A blob is left without a version when a registration
 * stored it and then failed (a refused or rolled-back transaction, a dead connection, a crash).
 * Versions are immutable and never deleted, so once referenced a blob stays referenced.
 *
 * Each deletion runs in a transaction holding the blob's advisory lock and re-checks the
 * references under it; a registration takes the same lock (shared) from checking that its blob
 * is still stored (putting it back if not) to committing its version. Either the collector
 * deletes first and the registration stores the bytes again, or the registration commits first
 * and the collector sees the reference: a committed version never points at a deleted blob.
 */
export function createArtifactCollector(options: ArtifactCollectorOptions): ArtifactCollector {
  const prisma = options.db.prisma;
  const now = options.now ?? (() => new Date());
  const gracePeriodMs = options.gracePeriodMs ?? DEFAULT_ARTIFACT_GRACE_PERIOD_MS;

  async function referencedAmong(digests: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < digests.length; i += LOOKUP_BATCH) {
      const rows = await prisma.modelVersion.findMany({
        where: { artifactSha256: { in: digests.slice(i, i + LOOKUP_BATCH) } },
        select: { artifactSha256: true },
        distinct: ['artifactSha256'],
      });
      for (const row of rows) found.add(row.artifactSha256);
    }
    return found;
  }

  function deleteIfUnreferenced(blob: ArtifactBlob): Promise<Verdict> {
    return prisma.$transaction(
      async (tx): Promise<Verdict> => {
        if (!(await tryLockArtifactExclusive(tx, blob.sha256))) return 'busy';
        // Again under the lock: a version committed since the first look keeps its blob.
        if ((await tx.modelVersion.count({ where: { artifactSha256: blob.sha256 } })) > 0) return 'referenced';
        await options.artifacts.delete(blob.sha256);
        return 'deleted';
      },
      { timeout: 60_000 },
    );
  }

  return {
    async collect() {
      const cutoff = now().getTime() - gracePeriodMs;
      const candidates: ArtifactBlob[] = [];
      let scanned = 0;
      for await (const blob of options.artifacts.list()) {
        scanned++;
        if (blob.lastModified.getTime() < cutoff) candidates.push(blob);
      }
      const referenced = await referencedAmong(candidates.map((b) => b.sha256));
      const counts = { referenced: referenced.size, busy: 0 };
      const deleted: ArtifactBlob[] = [];
      for (const blob of candidates.filter((b) => !referenced.has(b.sha256))) {
        const verdict = await deleteIfUnreferenced(blob);
        if (verdict === 'deleted') {
          deleted.push(blob);
          options.metrics?.collected(blob);
        } else counts[verdict]++;
      }
      return { scanned, young: scanned - candidates.length, ...counts, deleted };
    },
  };
}
