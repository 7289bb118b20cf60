import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtifactIntegrityError } from '../errors/artifact-integrity-error';
import { ArtifactMissingError } from '../errors/artifact-missing-error';
import { ArtifactTooLargeError } from '../errors/artifact-too-large-error';
import { InvalidRegistryInputError } from '../errors/invalid-registry-input-error';
import { sha256Hex } from '@ciclo/ml';
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
});
