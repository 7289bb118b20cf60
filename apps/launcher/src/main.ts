// The launcher (`npm start`): the whole platform on one machine. Composition root: parse
// config once, wire the console, run until a signal or a failure, exit with its status.
import { createLogLinePrettifier } from '@ciclo/platform-observability';
import { loadLauncherConfig } from './config';
import { ConsoleOutput } from './console-output';
import { PlatformLauncher } from './platform-launcher';
import { StopRequests } from './stop-requests';
import { colourEnabled, createPaint } from './terminal';

const config = loadLauncherConfig();
const colour = colourEnabled(process.stdout, config.noColor, config.forceColor);
const output = new ConsoleOutput({
  paint: createPaint(colour),
  prettify: createLogLinePrettifier({ colorize: colour }),
  appNames: config.apps.map((a) => a.app.name),
  out: process.stdout,
  err: process.stderr,
});
const launcher = new PlatformLauncher(config, output);

// Copies of one stop request (sent to the whole process group and relayed by wrappers) are not a
// second Ctrl-C: see stop-requests.ts. `npm start` runs `node --import tsx` rather than the tsx
// CLI for the same reason: the CLI relays signals once more, and SIGKILLs the launcher when it
// does not acknowledge a relayed signal within tens of milliseconds (a busy event loop).
const stopRequests = new StopRequests();
function onSignal(signal: NodeJS.Signals): void {
  const kind = stopRequests.receive();
  if (kind === 'repeat') return;
  if (kind === 'force' || launcher.stopping) {
    output.warn(`${signal} again: forcing the stop (apps get SIGKILL).`);
    launcher.forceStop();
    process.exit(130);
  }
  output.info(`${signal} received: stopping the platform (press Ctrl-C again to force).`);
  void launcher.stop(0, 'Stopping apps, then the landing page, then the database.');
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('SIGHUP', onSignal);

function onInternalError(error: unknown): void {
  output.error(`✖ Launcher bug: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  if (launcher.stopping) {
    launcher.forceStop();
    process.exit(1);
  }
  void launcher.stop(1, 'Stopping the platform after an internal error.');
}
process.on('uncaughtException', onInternalError);
process.on('unhandledRejection', onInternalError);

// Last resort for any exit path that skipped the orderly stop; does nothing after it.
process.on('exit', () => launcher.forceStop('SIGTERM'));

const exitCode = await launcher.run();
await output.flush();
process.exit(exitCode);
