import { writeFile } from 'node:fs/promises';
import { sha256Hex } from '@ciclo/ml';
import { PutObjectCommand, type ListObjectsV2Command, type ListObjectsV2CommandInput, type ListObjectsV2CommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtifactIntegrityError } from '../errors/artifact-integrity-error';
import { ArtifactMissingError } from '../errors/artifact-missing-error';
import { ArtifactTooLargeError } from '../errors/artifact-too-large-error';
import { InvalidRegistryInputError } from '../errors/invalid-registry-input-error';
import { listBlobs } from '../test-support/list-blobs';
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

  // s3rver cannot paginate on Node's OpenSSL 3 (its continuation tokens use DES): pages come from a stub here.
  it('follows ListObjectsV2 continuation tokens until the listing is complete', async () => {
    const key = (c: string) => `p/sha256/${c.repeat(2)}/${c.repeat(64)}`;
    const pages: Record<string, ListObjectsV2CommandOutput> = {
      first: { $metadata: {}, IsTruncated: true, NextContinuationToken: 'second', Contents: [{ Key: key('a'), Size: 1, LastModified: new Date(1000) }] },
      second: { $metadata: {}, IsTruncated: false, Contents: [{ Key: key('b'), Size: 2, LastModified: new Date(2000) }, { Key: 'p/sha256/bb/not-a-digest', Size: 3, LastModified: new Date(3000) }] },
    };
    const requests: ListObjectsV2CommandInput[] = [];
    const client = {
      send: async (command: ListObjectsV2Command) => {
        requests.push(command.input);
        return pages[command.input.ContinuationToken ?? 'first'];
      },
    } as unknown as S3Client;
    const store = new S3ArtifactStore({ bucket: 'b', prefix: '/p/', client });
    expect(await listBlobs(store)).toEqual([
      { sha256: 'a'.repeat(64), sizeBytes: 1, lastModified: new Date(1000) },
      { sha256: 'b'.repeat(64), sizeBytes: 2, lastModified: new Date(2000) },
    ]);
    expect(requests).toEqual([
      { Bucket: 'b', Prefix: 'p/sha256/' },
      { Bucket: 'b', Prefix: 'p/sha256/', ContinuationToken: 'second' },
    ]);
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

    it('lists the blobs under its prefix, with size and modification time, and deletes them', async () => {
      const listed = new S3ArtifactStore({ bucket: s3.bucket, prefix: 'listed', client: s3.client });
      const started = Date.now();
      const stored = await Promise.all(['one', 'two', 'three', 'four', 'five'].map((text) => listed.put(new TextEncoder().encode(text))));
      // Beside the blobs, under the prefix but not a blob: never listed.
      await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: 'listed/sha256/notes.txt', Body: 'x' }));
      const blobs = await listBlobs(listed);
      expect(blobs.map((b) => b.sha256)).toEqual(stored.map((s) => s.sha256).sort());
      for (const blob of blobs) {
        expect(blob.sizeBytes).toBe(stored.find((s) => s.sha256 === blob.sha256)?.sizeBytes);
        // S3 keeps whole seconds.
        expect(blob.lastModified.getTime()).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000);
      }
      // Another prefix in the same bucket is another store.
      expect((await listBlobs(store)).map((b) => b.sha256)).not.toContain(stored[0]?.sha256);

      const [gone, ...kept] = stored;
      await listed.delete(gone?.sha256 ?? '');
      await listed.delete(gone?.sha256 ?? ''); // already gone: nothing to do
      expect(await listed.has(gone?.sha256 ?? '')).toBe(false);
      expect((await listBlobs(listed)).map((b) => b.sha256)).toEqual(kept.map((s) => s.sha256).sort());
    });
  });
});
