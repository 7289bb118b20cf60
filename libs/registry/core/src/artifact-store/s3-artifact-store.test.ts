import { writeFile } from 'node:fs/promises';
import { sha256Hex } from '@ciclo/ml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtifactIntegrityError } from '../errors/artifact-integrity-error';
import { ArtifactMissingError } from '../errors/artifact-missing-error';
import { ArtifactTooLargeError } from '../errors/artifact-too-large-error';
import { InvalidRegistryInputError } from '../errors/invalid-registry-input-error';
import { startS3TestServer, type S3TestServer } from '../test-support/s3-test-server';
import { S3ArtifactStore, s3ObjectKey } from './s3-artifact-store';

describe('S3ArtifactStore', () => {
  const sha = 'ab'.padEnd(64, 'c');

  it('uses the same sharded layout under a normalised prefix', () => {
    expect(s3ObjectKey(undefined, sha)).toBe(`sha256/ab/${sha}`);
    expect(s3ObjectKey('/ciclo/artifacts/', sha)).toBe(`ciclo/artifacts/sha256/ab/${sha}`);
    const store = new S3ArtifactStore({ bucket: 'b', prefix: 'p', clientConfig: { region: 'us-east-1' } });
    expect(store.keyOf(sha)).toBe(`p/sha256/ab/${sha}`);
  });

  it('refuses oversize puts before any network call', async () => {
    const store = new S3ArtifactStore({ bucket: 'b', maxBytes: 4, clientConfig: { region: 'us-east-1', endpoint: 'http://127.0.0.1:9' } });
    await expect(store.put(new Uint8Array(5))).rejects.toBeInstanceOf(ArtifactTooLargeError);
  });

  // Against s3rver, an S3-compatible server running in this process: it speaks the S3 REST API
  // the AWS SDK uses, but it does not check uploaded checksums, so the x-amz-checksum-sha256 the
  // store sends is verified only by real S3/MinIO. The store's own re-hash on read is tested here.
  describe('against an S3-compatible server', () => {
    let s3: S3TestServer;
    let store: S3ArtifactStore;
    beforeAll(async () => {
      s3 = await startS3TestServer();
      store = new S3ArtifactStore({ bucket: s3.bucket, prefix: '/ciclo/artifacts/', client: s3.client, maxBytes: 1024 });
    });
    afterAll(() => s3?.stop());

    it('stores content-addressed under the prefix, idempotently, and reads back verified bytes', async () => {
      const bytes = new TextEncoder().encode('model bytes');
      const digest = sha256Hex(bytes);
      expect(await store.has(digest)).toBe(false);
      const first = await store.put(bytes);
      const again = await store.put(bytes);
      expect(again).toEqual(first);
      expect(first).toEqual({ sha256: digest, sizeBytes: bytes.byteLength, uri: `s3://${s3.bucket}/ciclo/artifacts/sha256/${digest.slice(0, 2)}/${digest}` });
      expect(await store.has(digest)).toBe(true);
      expect(Buffer.from(await store.get(digest)).toString()).toBe('model bytes');
    });

    it('round-trips binary bytes exactly', async () => {
      const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 73) % 256);
      const { sha256 } = await store.put(bytes);
      expect(await store.get(sha256)).toEqual(bytes);
    });

    it('reports a missing blob as ArtifactMissingError and a malformed digest before any request', async () => {
      await expect(store.get('0'.repeat(64))).rejects.toBeInstanceOf(ArtifactMissingError);
      await expect(store.get('../../etc/passwd')).rejects.toBeInstanceOf(InvalidRegistryInputError);
      await expect(store.put(new Uint8Array(1025))).rejects.toMatchObject({ code: 'CICLO_ERR_REGISTRY_ARTIFACT_TOO_LARGE', statusCode: 413 });
    });

    it('refuses a blob whose stored bytes were changed on the server', async () => {
      const { sha256 } = await store.put(new TextEncoder().encode('honest'));
      await writeFile(s3.objectFile(store.keyOf(sha256)), 'evil');
      const error = await store.get(sha256).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ArtifactIntegrityError);
      expect(error).toMatchObject({ code: 'CICLO_ERR_REGISTRY_ARTIFACT_TAMPERED', statusCode: 500 });
    });

    it('keeps stores with different prefixes apart in one bucket', async () => {
      const other = new S3ArtifactStore({ bucket: s3.bucket, prefix: 'elsewhere', client: s3.client });
      const { sha256 } = await store.put(new TextEncoder().encode('only under ciclo/artifacts'));
      expect(await other.has(sha256)).toBe(false);
      await expect(other.get(sha256)).rejects.toBeInstanceOf(ArtifactMissingError);
    });
  });
});
