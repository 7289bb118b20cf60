import type { AppConfig } from './config';
import { ChildApp, describeExit, type ChildAppOptions, type ChildExit } from './child-app';
import type { ConsoleOutput } from './console-output';
import { waitForReadiness } from './readiness';
import type { RestartPolicy } from './restart-policy';

export interface SupervisedAppOptions {
  readonly config: AppConfig;
  readonly url: string;
  /** How to start the app; every restart uses the same (same port, same environment). */
  readonly child: ChildAppOptions;
  readonly policy: RestartPolicy;
  readonly out: ConsoleOutput;
  /** How long a restarted app may take to answer /health/ready with 200 again. */
  readonly readyTimeoutMs: number;
  /** Aborted when the platform stops: no restart after that, a pending one is cancelled. */
  readonly stopping: AbortSignal;
  /** A (re)started app has a new pid: runtime.json must say so. */
  readonly onRestarted: () => void;
  /** The crash budget is spent (or the app cannot start at all): stop the platform with this reason. */
  readonly onGiveUp: (reason: string) => void;
}

/** What the landing page shows beside an app's readiness. */
export interface SupervisionStatus {
  readonly restarting: boolean;
  readonly restarts: number;
}

/** exit code 78 is EX_CONFIG: the app rejected its configuration, and a restart gets the same. */
const configErrorExitCode = 78;

/**
 * One app under supervision: when it exits on its own, it is restarted (same port, same env)
 * after the policy's backoff and awaited until ready again, loudly; when it keeps crashing, the
 * platform is stopped with a message naming the app, its crash count and its log.
 */
export class SupervisedApp {
  readonly config: AppConfig;
  readonly url: string;
  readonly #options: SupervisedAppOptions;
  #child: ChildApp;
  #restarting = false;
  #restarts = 0;

  constructor(options: SupervisedAppOptions) {
    this.config = options.config;
    this.url = options.url;
    this.#options = options;
    this.#child = this.#spawn();
  }

  /** The current process (after a crash and before its restart: the exited one). */
  get child(): ChildApp {
    return this.#child;
  }

  get status(): SupervisionStatus {
    return { restarting: this.#restarting, restarts: this.#restarts };
  }

  get name(): string {
    return this.config.app.name;
  }

  #spawn(): ChildApp {
    const child = ChildApp.start(this.#options.child);
    void child.exited.then((exit) => this.#onExit(child, exit));
    return child;
  }

  #onExit(child: ChildApp, exit: ChildExit): void {
    const { out, policy, stopping } = this.#options;
    if (stopping.aborted || child !== this.#child) return;
    const { maxCrashes, windowMs } = policy.options;
    const decision = exit.code === configErrorExitCode ? ({ action: 'give-up', crash: 1 } as const) : policy.recordCrash();
    const log = `log: ${this.#options.child.logFile}`;
    if (decision.action === 'give-up') {
      const why =
        exit.code === configErrorExitCode
          ? 'a restart cannot fix its configuration'
          : `crash ${decision.crash} of ${maxCrashes} within ${formatSeconds(windowMs)}: giving up`;
      out.error([`✖ ${this.name} exited unexpectedly (${describeExit(exit)}); ${why}.`, ...this.#lastLines(child), `  ${log}`].join('\n'));
      this.#options.onGiveUp(
        `Stopping the platform: ${this.name} crashed ${decision.crash} time${decision.crash === 1 ? '' : 's'} within ${formatSeconds(windowMs)}; its log: ${this.#options.child.logFile}`,
      );
      return;
    }
    this.#restarting = true;
    out.error(
      [
        `✖ ${this.name} exited (${describeExit(exit)}); restarting in ${formatSeconds(decision.delayMs)} (crash ${decision.crash} of ${maxCrashes} in ${formatSeconds(windowMs)}) — ${log}`,
        ...this.#lastLines(child),
      ].join('\n'),
    );
    void this.#restartAfter(decision.delayMs);
  }

  async #restartAfter(delayMs: number): Promise<void> {
    const { out, stopping, readyTimeoutMs } = this.#options;
    const waited = await abortableSleep(delayMs, stopping);
    // Checked right before spawning (synchronously): a stop that began meanwhile stops nothing new.
    if (!waited || stopping.aborted) return;
    this.#child = this.#spawn();
    this.#restarts += 1;
    const restart = this.#restarts;
    this.#options.onRestarted();
    out.warn(`↻ ${this.name} restarted (restart ${restart}, pid ${this.#child.pid ?? '?'}); waiting for it to be ready.`);
    const child = this.#child;
    const crashedAgain = new AbortController();
    void child.exited.then(() => crashedAgain.abort());
    try {
      await waitForReadiness([{ name: this.name, url: this.url }], {
        timeoutMs: readyTimeoutMs,
        signal: AbortSignal.any([stopping, crashedAgain.signal]),
        onReady: (_name, ms) => out.success(`✔ ${this.name} is ready again after restart ${restart} (${(ms / 1000).toFixed(1)} s)`),
      });
    } catch (error) {
      // A stop began, the app crashed again (its exit is reported on its own), or it is up but not ready.
      if (!stopping.aborted && !crashedAgain.signal.aborted) out.warn(`${this.name} restarted but is not ready: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      if (restart === this.#restarts) this.#restarting = false;
    }
  }

  #lastLines(child: ChildApp): string[] {
    const recent = child.recentLines().slice(-15);
    if (recent.length === 0) return [];
    return [`  last lines from ${this.name}:`, ...recent.map((l) => `    ${this.#options.out.prettyLine(l)}`)];
  }
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
function abortableSleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
