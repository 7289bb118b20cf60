// Preloaded into every app the launcher starts (`node --import <this file> apps/<name>/src/main.ts`).
//
// Children run in their own process groups so that a Ctrl-C reaches the launcher alone and the
// launcher decides the shutdown order. The price: if the launcher dies without stopping them
// (SIGKILL, OOM killer, a crash), nothing else would. This guard notices it two independent ways —
// the stdin pipe from the launcher reaches end-of-file, or the process is re-parented — and then
// shuts the app down with the same SIGTERM the launcher would have sent.

const launcherPid = process.ppid;
const gracePeriodMs = 10_000;
let leaving = false;

function launcherGone(how: string): void {
  if (leaving) return;
  leaving = true;
  try {
    process.stderr.write(`The launcher (pid ${launcherPid}) is gone (${how}); shutting down.\n`);
  } catch {
    // stderr may be a broken pipe by now.
  }
  // unref: a clean shutdown ends the process before this fires.
  setTimeout(() => process.exit(1), gracePeriodMs).unref();
  process.kill(process.pid, 'SIGTERM');
}

setInterval(() => {
  if (process.ppid !== launcherPid) launcherGone('re-parented');
}, 500).unref();

if (!process.stdin.isTTY) {
  process.stdin.on('end', () => launcherGone('stdin closed'));
  process.stdin.on('error', () => launcherGone('stdin failed'));
  process.stdin.resume();
  // Reading stdin must not keep an app alive that has finished its own shutdown.
  process.stdin.unref();
}
