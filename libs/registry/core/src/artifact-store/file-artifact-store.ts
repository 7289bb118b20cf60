import { sha256Hex } from '@ciclo/ml';
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
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

export interface FileArtifactStoreOptions {
  /** Root folder (the platform uses `<CICLO_HOME>/artifacts`); created on first write. */
  readonly dir: string;
  /** Largest blob accepted by `put` (default {@link DEFAULT_MAX_ARTIFACT_BYTES}). */
  readonly maxBytes?: number;
}

/**
 * Artifacts as files under `<dir>/sha256/ab/<sha256>`. Writes go to a temporary file in the same
 * folder, are fsynced and renamed into place (and the folder fsynced), so a crash leaves either
 * the whole blob or none, and concurrent puts of the same bytes are harmless.
 */
export class FileArtifactStore implements ArtifactStore {
  readonly dir: string;
  readonly maxBytes: number;

  constructor(options: FileArtifactStoreOptions) {
    this.dir = resolve(options.dir);
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_ARTIFACT_BYTES;
  }

  /** Absolute path of a blob (exposed for operators and tests). */
  pathOf(sha256: string): string {
    return join(this.dir, artifactRelativePath(sha256));
  }

  async put(bytes: Uint8Array): Promise<StoredArtifact> {
    assertWithinLimit(bytes.byteLength, this.maxBytes);
    const sha256 = sha256Hex(bytes);
    const path = this.pathOf(sha256);
    const stored = { sha256, uri: pathToFileURL(path).href, sizeBytes: bytes.byteLength };
    // Already there and intact: nothing to do. A damaged copy is replaced (put heals the store).
    const existing = await readFile(path).catch(() => null);
    if (existing && sha256Hex(existing) === sha256) return stored;

    const folder = dirname(path);
    await mkdir(folder, { recursive: true });
    const temp = join(folder, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temp, 'wx', 0o644);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await fsyncDir(folder);
    return stored;
  }

  async get(sha256: string): Promise<Uint8Array> {
    const path = this.pathOf(sha256);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new ArtifactMissingError(`artifact ${sha256} is not in the store`, { sha256 }, error);
      }
      throw error;
    }
    const actual = sha256Hex(bytes);
    if (actual !== sha256) {
      throw new ArtifactIntegrityError(`artifact ${sha256} failed verification: its bytes hash to ${actual}`, { sha256, actual });
    }
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  /** Blobs under `<dir>/sha256/ab/`; temporary files of writes in progress are not blobs. */
  async *list(): AsyncIterable<ArtifactBlob> {
    const root = join(this.dir, ARTIFACT_ROOT);
    for (const shard of await entriesOf(root)) {
      if (!shard.isDirectory()) continue;
      for (const entry of await entriesOf(join(root, shard.name))) {
        if (!entry.isFile() || !isSha256(entry.name) || !entry.name.startsWith(shard.name)) continue;
        // Deleted between the listing and here: not a blob any more.
        const info = await stat(join(root, shard.name, entry.name)).catch(() => null);
        if (info) yield { sha256: entry.name, sizeBytes: info.size, lastModified: info.mtime };
      }
    }
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }
}

/** A folder's entries; none when it does not exist (nothing stored yet). */
async function entriesOf(folder: string) {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Makes the rename durable: without it a power cut can forget the new directory entry. */
async function fsyncDir(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some filesystems refuse fsync on a directory; the data itself is already synced.
  } finally {
    await handle.close();
  }
}
