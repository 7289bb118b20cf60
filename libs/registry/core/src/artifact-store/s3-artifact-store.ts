import { sha256Hex } from '@ciclo/ml';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { ArtifactIntegrityError } from '../errors/artifact-integrity-error';
import { ArtifactMissingError } from '../errors/artifact-missing-error';
import {
  ARTIFACT_ROOT,
  DEFAULT_MAX_ARTIFACT_BYTES,
  artifactRelativePath,
  assertWithinLimit,
  isSha256,
  type ArtifactBlob,
  type ArtifactStore,
  type StoredArtifact,
} from './artifact-store';

export interface S3ArtifactStoreOptions {
  readonly bucket: string;
  /** Key prefix, e.g. `ciclo/artifacts` (slashes around it are normalised). Default none. */
  readonly prefix?: string;
  /** Client settings (region, endpoint, forcePathStyle for MinIO, credentials). Ignored when `client` is given. */
  readonly clientConfig?: S3ClientConfig;
  /** A ready client (tests, shared connection pools). */
  readonly client?: S3Client;
  /** Largest blob accepted by `put` (default {@link DEFAULT_MAX_ARTIFACT_BYTES}). */
  readonly maxBytes?: number;
}

/** `ciclo/artifacts/` for a prefix `/ciclo/artifacts/` (slashes around it normalised), `` for none. */
function keyPrefix(prefix: string | undefined): string {
  const clean = (prefix ?? '').replace(/^\/+|\/+$/g, '');
  return clean === '' ? '' : `${clean}/`;
}

/** `<prefix>/sha256/ab/<sha256>`, the same layout as the file store. */
export function s3ObjectKey(prefix: string | undefined, sha256: string): string {
  return `${keyPrefix(prefix)}${artifactRelativePath(sha256)}`;
}

/**
 * Artifacts in any S3-compatible store (AWS S3, MinIO, R2…). Uploads carry their sha256 so the
 * server checks them too; reads are re-hashed here whatever the server says.
 */
export class S3ArtifactStore implements ArtifactStore {
  readonly bucket: string;
  readonly prefix: string | undefined;
  readonly maxBytes: number;
  readonly #client: S3Client;

  constructor(options: S3ArtifactStoreOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_ARTIFACT_BYTES;
    this.#client = options.client ?? new S3Client(options.clientConfig ?? {});
  }

  keyOf(sha256: string): string {
    return s3ObjectKey(this.prefix, sha256);
  }

  async put(bytes: Uint8Array): Promise<StoredArtifact> {
    assertWithinLimit(bytes.byteLength, this.maxBytes);
    const sha256 = sha256Hex(bytes);
    const key = this.keyOf(sha256);
    const stored = { sha256, uri: `s3://${this.bucket}/${key}`, sizeBytes: bytes.byteLength };
    if (await this.has(sha256)) return stored;
    // A PUT of an object is atomic in S3: readers see the old state or the whole new object.
    await this.#client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: bytes,
        ContentType: 'application/octet-stream',
        ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
      }),
    );
    return stored;
  }

  async get(sha256: string): Promise<Uint8Array> {
    const key = this.keyOf(sha256);
    let bytes: Uint8Array;
    try {
      const response = await this.#client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!response.Body) throw new ArtifactMissingError(`artifact ${sha256} has an empty S3 body`, { sha256 });
      bytes = await response.Body.transformToByteArray();
    } catch (error) {
      if (isNotFound(error)) throw new ArtifactMissingError(`artifact ${sha256} is not in s3://${this.bucket}/${key}`, { sha256 }, error);
      throw error;
    }
    const actual = sha256Hex(bytes);
    if (actual !== sha256) {
      throw new ArtifactIntegrityError(`artifact ${sha256} failed verification: its bytes hash to ${actual}`, { sha256, actual });
    }
    return bytes;
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.#client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /** Objects under `<prefix>/sha256/` (ListObjectsV2, page by page); other keys are not blobs. */
  async *list(): AsyncIterable<ArtifactBlob> {
    const root = `${keyPrefix(this.prefix)}${ARTIFACT_ROOT}/`;
    let token: string | undefined;
    do {
      const page = await this.#client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: root, ...(token ? { ContinuationToken: token } : {}) }));
      for (const object of page.Contents ?? []) {
        const sha256 = object.Key?.slice(object.Key.lastIndexOf('/') + 1) ?? '';
        // Without a modification time the blob's age is unknown: never a candidate.
        if (!isSha256(sha256) || object.Key !== this.keyOf(sha256) || !object.LastModified) continue;
        yield { sha256, sizeBytes: object.Size ?? 0, lastModified: object.LastModified };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async delete(sha256: string): Promise<void> {
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
  }
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}
