import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import readline from 'node:readline';

export interface ChildAppOptions {
  readonly name: string;
  /** Absolute path of the app's `src/main.ts`. */
  readonly entry: string;
  /** Repository root: `--import tsx` resolves from here. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** Raw output (stdout and stderr) is appended here. */
  readonly logFile: string;
  readonly onLine: (line: string, stream: 'stdout' | 'stderr') => void;
}

export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

const guardUrl = new URL('./child-guard.ts', import.meta.url).href;
const keptLines = 30;

/**
 * One app as a child process: `node --conditions=@ciclo/source --import tsx --import
 * child-guard.ts <entry>` (the condition makes workspace libs resolve to their TypeScript source,
 * see tsconfig.base.json) in its own process group (signals from the terminal reach the launcher only; stopping the group also
 * stops anything the app spawned). stdin stays an open pipe: its end tells the child guard
 * that the launcher died.
 */
export class ChildApp {
  readonly name: string;
  readonly #child: ChildProcess;
  readonly #log: WriteStream;
  readonly #recent: string[] = [];
  /** Resolves when the process has exited and its output has been read. */
  readonly exited: Promise<ChildExit>;

  private constructor(options: ChildAppOptions) {
    this.name = options.name;
    this.#log = createWriteStream(options.logFile, { flags: 'a' });
    this.#log.on('error', () => undefined);
    this.#child = spawn(process.execPath, ['--conditions=@ciclo/source', '--import', 'tsx', '--import', guardUrl, options.entry], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    // The launcher never writes to it; an error only means the child is gone.
    this.#child.stdin?.on('error', () => undefined);

    const streamsClosed = [this.#follow('stdout', options), this.#follow('stderr', options)];
    this.exited = new Promise((resolve) => {
      let result: ChildExit | undefined;
      const finish = () => {
        this.#log.end();
        resolve(result ?? { code: null, signal: null });
      };
      this.#child.once('error', (error) => {
        this.#remember(`could not start: ${error.message}`);
        result = { code: null, signal: null };
        finish();
      });
      this.#child.once('exit', (code, signal) => {
        result = { code, signal };
        // Read what is left in the pipes, but do not wait for grandchildren holding them open.
        void Promise.race([Promise.all(streamsClosed), sleep(1_000)]).then(finish);
      });
    });
  }

  static start(options: ChildAppOptions): ChildApp {
    return new ChildApp(options);
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get running(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null && this.#child.pid !== undefined;
  }

  /** The last lines the app wrote (raw), for crash reports. */
  recentLines(): readonly string[] {
    return [...this.#recent];
  }

  /** Signals the app's whole process group; false when it is already gone. */
  signal(signal: NodeJS.Signals | 0): boolean {
    const pid = this.#child.pid;
    if (pid === undefined) return false;
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * SIGTERM, then SIGKILL after `timeoutMs`; `forced` tells whether the app needed SIGKILL.
   * Afterwards nothing of its process group is left (e.g. tsx's esbuild helper, which ends on
   * its own once the app's pipe closes, or anything the app spawned).
   */
  async stop(timeoutMs: number): Promise<{ exit: ChildExit; forced: boolean }> {
    let forced = false;
    if (this.running) {
      this.signal('SIGTERM');
      const timer = sleep(timeoutMs).then(() => 'timeout' as const);
      if ((await Promise.race([this.exited, timer])) === 'timeout') {
        forced = true;
        this.signal('SIGKILL');
      }
    }
    const exit = await this.exited;
    await this.#reapGroup();
    return { exit, forced };
  }

  /** Gives the rest of the group a moment to follow the app out, then kills what is left. */
  async #reapGroup(): Promise<void> {
    for (let waited = 0; waited < 1_000; waited += 50) {
      if (!this.signal(0)) return;
      await sleep(50);
    }
    this.signal('SIGKILL');
  }

  #follow(stream: 'stdout' | 'stderr', options: ChildAppOptions): Promise<void> {
    const source = this.#child[stream];
    if (!source) return Promise.resolve();
    const lines = readline.createInterface({ input: source, crlfDelay: Infinity });
    lines.on('line', (line) => {
      this.#log.write(`${line}\n`);
      this.#remember(line);
      options.onLine(line, stream);
    });
    return new Promise((resolve) => lines.once('close', resolve));
  }

  #remember(line: string): void {
    this.#recent.push(line);
    if (this.#recent.length > keptLines) this.#recent.shift();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** An exit as a person reads it: "killed by SIGKILL", "exit code 3", … */
export function describeExit(exit: ChildExit): string {
  if (exit.signal) return `killed by ${exit.signal}`;
  if (exit.code === null) return 'could not be started';
  if (exit.code === 78) return 'exit code 78: invalid configuration, see its message above';
  return `exit code ${exit.code}`;
}
