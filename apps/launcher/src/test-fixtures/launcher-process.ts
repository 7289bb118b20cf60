import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { RuntimeInfoV1 } from '@ciclo/platform-contracts';
import { platformApps } from '../app-table';
import { repoRoot } from '../config';

const launcherMain = path.join(repoRoot, 'apps', 'launcher', 'src', 'main.ts');
const fakeApp = path.join(import.meta.dirname, 'fake-app.ts');

export interface LauncherProcessOptions {
  /**
   * Run it exactly as `npm start` does (npm → sh → node), as the leader of its own process
   * group, so a test can signal the whole group the way systemd or an IDE does.
   */
  readonly viaNpmStart?: boolean;
}

/** The launcher as a real process (`npm start` without npm, unless asked), with its output collected. */
export class LauncherProcess {
  readonly child: ChildProcess;
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly #waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];

  constructor(env: Record<string, string>, options: LauncherProcessOptions = {}) {
    // A minimal environment: nothing from the developer's shell (DATABASE_URL, REDIS_URL…) leaks in.
    const childEnv = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/tmp', NO_COLOR: '1', ...env };
    this.child = options.viaNpmStart
      ? spawn('npm', ['start', '--silent'], {
          cwd: repoRoot,
          env: { ...childEnv, npm_config_update_notifier: 'false', npm_config_fund: 'false' },
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true,
        })
      : spawn(process.execPath, ['--conditions=@ciclo/source', '--import', 'tsx', launcherMain], { cwd: repoRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (stream === null) continue;
      readline.createInterface({ input: stream }).on('line', (line) => {
        this.lines.push(line);
        if (process.env['CICLO_TEST_VERBOSE']) process.stderr.write(`[launcher] ${line}\n`);
        for (const waiter of [...this.#waiters]) {
          if (waiter.pattern.test(line)) {
            this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
            waiter.resolve(line);
          }
        }
      });
    }
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** The first line (already seen or coming) that matches; rejects on timeout or exit. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<string> {
    const seen = this.lines.find((l) => pattern.test(l));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${this.output()}`)), timeoutMs);
      const waiter = {
        pattern,
        resolve: (line: string) => {
          clearTimeout(timer);
          resolve(line);
        },
      };
      this.#waiters.push(waiter);
      void this.exited.then(({ code }) => {
        clearTimeout(timer);
        reject(new Error(`launcher exited (${code}) before a line matched ${pattern}; output:\n${this.output()}`));
      });
    });
  }

  output(): string {
    return this.lines.join('\n');
  }
}

/**
 * An apps folder (for CICLO_APPS_ROOT) in which every platform app is the fake app fixture,
 * so launcher behaviour can be tested without the real apps' start-up cost.
 */
export async function writeFakeAppsRoot(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  // ESM like the real apps (top-level await), even outside the repository's package scope.
  await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const app of platformApps) {
    const srcDir = path.join(dir, app.dir, 'src');
    await mkdir(srcDir, { recursive: true });
    await writeFile(path.join(srcDir, 'main.ts'), `process.env['FAKE_APP_NAME'] = ${JSON.stringify(app.name)};\nawait import(${JSON.stringify(fakeApp)});\n`);
  }
  return dir;
}

/** Pids of processes whose command line mentions `text` (e.g. a temp folder), except ours. */
export async function pidsMentioning(text: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const zombie = stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
      if (!zombie && cmdline.includes(text)) pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

/** `<home>/runtime.json`, validated. */
export function readRuntime(home: string): RuntimeInfoV1 {
  return RuntimeInfoV1.parse(JSON.parse(readFileSync(path.join(home, 'runtime.json'), 'utf8')));
}

/** The app pids runtime.json lists (every app has one once started). */
export function appPidsOf(runtime: RuntimeInfoV1): number[] {
  return runtime.apps.flatMap((a) => (a.pid === undefined ? [] : [a.pid]));
}
