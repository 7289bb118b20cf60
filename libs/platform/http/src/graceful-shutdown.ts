import type { Logger } from '@ciclo/platform-observability';

export interface GracefulShutdownOptions {
  readonly logger: Logger;
  /** After this long the process exits with status 1 even if a step still hangs. */
  readonly timeoutMs: number;
  /** Injected for tests; defaults to process.exit. */
  readonly exit?: (code: number) => void;
}

/**
 * When a step runs: every `server` step first (stop taking requests), then `components`
 * (workers, loops), then `infrastructure` (queues, database); in registration order within a phase.
 */
export type ShutdownPhase = 'server' | 'components' | 'infrastructure';
const PHASE_ORDER: Record<ShutdownPhase, number> = { server: 0, components: 1, infrastructure: 2 };

export interface GracefulShutdown {
  /** Adds a step to a phase (default `components`). */
  register(name: string, step: () => Promise<unknown>, phase?: ShutdownPhase): void;
  /** Runs every step once, however often it is called; resolves with the exit code. */
  run(reason: string): Promise<number>;
  readonly isShuttingDown: () => boolean;
  /** SIGTERM/SIGINT, parent death (IPC disconnect) and fatal errors all lead to `run`, then exit. */
  installProcessHandlers(): void;
}

export function createGracefulShutdown(options: GracefulShutdownOptions): GracefulShutdown {
  const steps: { name: string; step: () => Promise<unknown>; phase: ShutdownPhase }[] = [];
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let running: Promise<number> | undefined;

  async function runSteps(reason: string): Promise<number> {
    options.logger.info({ reason }, 'shutting down');
    let failed = false;
    // Array.prototype.sort is stable, so registration order holds within a phase.
    const ordered = [...steps].sort((a, b) => PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase]);
    for (const { name, step } of ordered) {
      try {
        await step();
      } catch (error) {
        failed = true;
        options.logger.error({ err: error, step: name }, 'shutdown step failed');
      }
    }
    options.logger.info({ reason, failed }, 'shutdown complete');
    return failed ? 1 : 0;
  }

  const shutdown: GracefulShutdown = {
    register(name, step, phase = 'components') {
      steps.push({ name, step, phase });
    },
    run(reason) {
      running ??= new Promise<number>((resolve) => {
        const timer = setTimeout(() => {
          options.logger.error({ timeoutMs: options.timeoutMs }, 'shutdown timed out; exiting');
          resolve(1);
        }, options.timeoutMs);
        timer.unref();
        void runSteps(reason).then((code) => {
          clearTimeout(timer);
          resolve(code);
        });
      });
      return running;
    },
    isShuttingDown: () => running !== undefined,
    installProcessHandlers() {
      const stopAndExit = (reason: string, code = 0) => {
        void shutdown.run(reason).then((stepCode) => exit(Math.max(code, stepCode)));
      };
      process.once('SIGTERM', () => stopAndExit('SIGTERM'));
      process.once('SIGINT', () => stopAndExit('SIGINT'));
      // Started by the launcher with an IPC channel: if the launcher dies, so do we.
      if (process.send) process.once('disconnect', () => stopAndExit('parent process gone'));
      process.once('uncaughtException', (error) => {
        options.logger.fatal({ err: error }, 'uncaught exception');
        stopAndExit('uncaught exception', 1);
      });
      process.once('unhandledRejection', (error) => {
        options.logger.fatal({ err: error }, 'unhandled rejection');
        stopAndExit('unhandled rejection', 1);
      });
    },
  };
  return shutdown;
}
