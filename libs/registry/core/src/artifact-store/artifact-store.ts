import { ArtifactTooLargeError } from '../errors/artifact-too-large-error';
import { InvalidRegistryInputError } from '../errors/invalid-registry-input-error';

/** Where a stored artifact lives and what it is. */
export interface StoredArtifact {
  /** Lowercase hex sha256 of the bytes: the artifact's identity. */
  readonly sha256: string;
  /** `file:///…` or `s3://bucket/key`; informative only, reads go by sha256. */
  readonly uri: string;
  readonly sizeBytes: number;
}

/** One blob as the store lists it (what garbage collection decides on). */
export interface ArtifactBlob {
  readonly sha256: string;
  readonly sizeBytes: number;
  /** When the blob was last written: an upload younger than the grace period is never collected. */
  readonly lastModified: Date;
}

/**
 * Content-addressed blob storage for model artifacts. Equal bytes are stored once; every read
 * re-hashes the bytes, so a tampered or corrupted blob is refused, never served.
 */
export interface ArtifactStore {
  /**
   * Store bytes (idempotent: the same bytes give the same result and one blob).
   * @throws ArtifactTooLargeError beyond the store's size limit.
   */
  put(bytes: Uint8Array): Promise<StoredArtifact>;
  /**
   * The verified bytes of a blob.
   * @throws ArtifactMissingError when there is no such blob.
   * @throws ArtifactIntegrityError when the stored bytes no longer hash to `sha256`.
   */
  get(sha256: string): Promise<Uint8Array>;
  /** Whether a blob exists (not verified: use `get` to read it). */
  has(sha256: string): Promise<boolean>;
  /** Every blob in the store, in no particular order; anything else under its root is skipped. */
  list(): AsyncIterable<ArtifactBlob>;
  /**
   * Deletes a blob (nothing happens when there is none). Only the artifact collector calls it,
   * holding the blob's lock, after checking that no version references it.
   */
  delete(sha256: string): Promise<void>;
}

/** 64 MiB: far above the exporter's 16 MiB budget, far below what a registry should hold in memory. */
export const DEFAULT_MAX_ARTIFACT_BYTES = 64 * 1024 * 1024;

const SHA256_PATTERN = /^[0-9a-f]{64}$/;
/** The folder (key prefix) every blob lives under, inside the store's root. */
export const ARTIFACT_ROOT = 'sha256';

/** Whether `name` is a lowercase hex sha256 (a blob's name in a listing). */
export function isSha256(name: string): boolean {
  return SHA256_PATTERN.test(name);
}

/** Refuses anything but a lowercase hex digest, so a sha256 can never walk out of the store's folder. */
export function assertSha256(sha256: string): void {
  if (typeof sha256 !== 'string' || !isSha256(sha256)) {
    throw new InvalidRegistryInputError(`"${String(sha256).slice(0, 80)}" is not a lowercase hex sha256`, { field: 'sha256' });
  }
}

/** `sha256/ab/abcdef…`: two-character shards keep directory listings (and S3 prefixes) small. */
export function artifactRelativePath(sha256: string): string {
  assertSha256(sha256);
  return `${ARTIFACT_ROOT}/${sha256.slice(0, 2)}/${sha256}`;
}

export function assertWithinLimit(sizeBytes: number, limitBytes: number): void {
  if (sizeBytes > limitBytes) {
    throw new ArtifactTooLargeError(`artifact is ${sizeBytes} bytes; the registry accepts at most ${limitBytes}`, { sizeBytes, limitBytes });
  }
}
