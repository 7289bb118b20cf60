import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtifactIntegrityError } from '../errors/artifact-integrity-error';
import { ArtifactMissingError } from '../errors/artifact-missing-error';
import { ArtifactTooLargeError } from '../errors/artifact-too-large-error';
import { InvalidRegistryInputError } from '../errors/invalid-registry-input-error';
import { sha256Hex } from '@ciclo/ml';
import { listBlobs } from '../test-support/list-blobs';
import { FileArtifactStore } from './file-artifact-store';

describe('FileArtifactStore', () => {
  let dir: string;
  let store: FileArtifactStore;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ciclo-artifacts-'));
    store = new FileArtifactStore({ dir, maxBytes: 1024 });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('stores content-addressed, sharded, idempotently, and reads back verified bytes', async () => {
    const bytes = new TextEncoder().encode('model bytes');
    const sha = sha256Hex(bytes);
    const [a, b] = await Promise.all([store.put(bytes), store.put(bytes)]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ sha256: sha, sizeBytes: bytes.byteLength });
    expect(a.uri).toBe(`file://${join(dir, 'sha256', sha.slice(0, 2), sha)}`);
    expect(await store.has(sha)).toBe(true);
    expect(Buffer.from(await store.get(sha)).toString()).toBe('model bytes');
    // No temporary files left behind by the concurrent writers.
    expect(await readdir(join(dir, 'sha256', sha.slice(0, 2)))).toEqual([sha]);
  });

  it('refuses a tampered blob and heals it on the next put of the right bytes', async () => {
    const bytes = new TextEncoder().encode('honest');
    const { sha256 } = await store.put(bytes);
    await writeFile(store.pathOf(sha256), 'evil');
    const error = await store.get(sha256).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArtifactIntegrityError);
    expect(error).toMatchObject({ code: 'CICLO_ERR_REGISTRY_ARTIFACT_TAMPERED', statusCode: 500 });
    await store.put(bytes);
    expect(Buffer.from(await store.get(sha256)).toString()).toBe('honest');
  });

  it('reports missing blobs, oversize puts (413) and malformed digests', async () => {
    await expect(store.get('0'.repeat(64))).rejects.toBeInstanceOf(ArtifactMissingError);
    expect(await store.has('0'.repeat(64))).toBe(false);
    await expect(store.put(new Uint8Array(1025))).rejects.toMatchObject({ code: 'CICLO_ERR_REGISTRY_ARTIFACT_TOO_LARGE', statusCode: 413 });
    await expect(store.put(new Uint8Array(1025))).rejects.toBeInstanceOf(ArtifactTooLargeError);
    await expect(store.get('../../etc/passwd')).rejects.toBeInstanceOf(InvalidRegistryInputError);
  });

  it('lists blobs with size and modification time, skipping what is not a blob, and deletes them', async () => {
    const listed = new FileArtifactStore({ dir: join(dir, 'listed') });
    expect(await listBlobs(listed)).toEqual([]); // nothing stored yet: no folder either
    const a = await listed.put(new TextEncoder().encode('blob a'));
    const b = await listed.put(new TextEncoder().encode('blob bb'));
    const old = new Date('2026-01-02T03:04:05Z');
    await utimes(listed.pathOf(a.sha256), old, old);
    // A write in progress, a stray file and a blob in the wrong shard are not blobs.
    const shard = join(listed.dir, 'sha256', a.sha256.slice(0, 2));
    await writeFile(join(shard, `.${a.sha256}.0123456789ab.tmp`), 'partial');
    await writeFile(join(listed.dir, 'sha256', 'README'), 'x');
    await mkdir(join(listed.dir, 'sha256', 'zz'), { recursive: true });
    await writeFile(join(listed.dir, 'sha256', 'zz', b.sha256), 'misplaced');

    expect(await listBlobs(listed)).toEqual(
      [
        { sha256: a.sha256, sizeBytes: 6, lastModified: old },
        { sha256: b.sha256, sizeBytes: 7, lastModified: expect.any(Date) },
      ].sort((x, y) => (x.sha256 < y.sha256 ? -1 : 1)),
    );

    await listed.delete(a.sha256);
    await listed.delete(a.sha256); // already gone: nothing to do
    expect(await listed.has(a.sha256)).toBe(false);
    expect((await listBlobs(listed)).map((blob) => blob.sha256)).toEqual([b.sha256]);
    await expect(listed.delete('../../etc/passwd')).rejects.toBeInstanceOf(InvalidRegistryInputError);
  });
});
