import type { Tx } from './registry-context';

/**
 * First key of the advisory locks on artifact blobs (the second is `hashtext(sha256)`); a space
 * of its own, so these locks never meet the platform's single-key ones. Any int4 would do.
 */
const ARTIFACT_LOCK_SPACE = 0x0c1c_a001;

/**
 * Held by a registration, until its transaction ends, from checking that its blob is stored to
 * committing the version that references it: the collector cannot delete the blob in between.
 * Shared, so registrations of the same bytes do not wait for each other.
 */
export async function lockArtifactShared(tx: Tx, sha256: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${ARTIFACT_LOCK_SPACE}::int, hashtext(${sha256}))`;
}

/**
 * The collector's lock on a blob it is about to delete, until its transaction ends; false (at
 * once, no waiting) when a registration holds the blob right now.
 */
export async function tryLockArtifactExclusive(tx: Tx, sha256: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${ARTIFACT_LOCK_SPACE}::int, hashtext(${sha256})) AS locked`;
  return rows[0]?.locked === true;
}
