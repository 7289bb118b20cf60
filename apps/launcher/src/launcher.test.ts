import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformApps } from './app-table';
import { isProcessAlive, readPostmasterPid, waitForProcessExit } from './postmaster-pid';
import { freePorts, isListening } from './test-fixtures/free-ports';
import { defaultRepeatWindowMs } from './stop-requests';
import { appPidsOf, LauncherProcess, type LauncherProcessOptions, pidsMentioning, readRuntime, writeFakeAppsRoot } from './test-fixtures/launcher-process';

// The launcher's own behaviour (ports, crashes, signals, orphans) with fake apps that start in
// milliseconds; launcher.acceptance.test.ts runs the real apps.
describe('launcher with fake apps', () => {
  let dir = '';
  let appsRoot = '';
  const launchers: LauncherProcess[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ciclo-launcher-'));
    await chmod(dir, 0o755);
    appsRoot = await writeFakeAppsRoot(path.join(dir, 'apps'));
  });

  afterAll(async () => {
    for (const launcher of launchers) launcher.child.kill('SIGKILL');
    for (const pid of await pidsMentioning(dir)) process.kill(pid, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  /** Env for one launcher run: its own CICLO_HOME, free ports, no Redis. */
  async function launcherEnv(name: string, extra: Record<string, string> = {}): Promise<{ env: Record<string, string>; home: string; ports: number[] }> {
    const home = path.join(dir, name);
    const ports = await freePorts(platformApps.length + 3);
    const [landing = 0, pg = 0, closed = 0, ...appPorts] = ports;
    const env: Record<string, string> = {
      CICLO_HOME: home,
      CICLO_APPS_ROOT: appsRoot,
      // Fake apps need no models; the acceptance test covers first-start training.
      CICLO_BOOTSTRAP_MODELS: 'false',
      CICLO_PORT: String(landing),
      CICLO_PG_PORT: String(pg),
      // Used only when this checkout sits in a folder the "postgres" OS user cannot enter.
      CICLO_PG_SHARED_DIR: path.join(dir, 'shared'),
      CICLO_REDIS_PROBE_URL: `redis://127.0.0.1:${closed}`,
      ...Object.fromEntries(platformApps.map((app, i) => [app.portEnv, String(appPorts[i])])),
      ...extra,
    };
    return { env, home, ports: [landing, pg, ...appPorts] };
  }

  function start(env: Record<string, string>, options: LauncherProcessOptions = {}): LauncherProcess {
    const launcher = new LauncherProcess(env, options);
    launchers.push(launcher);
    return launcher;
  }

  it('refuses to start when a port is taken, naming the port, the app and the variable, and starts nothing', async () => {
    const { env, home } = await launcherEnv('ports');
    const taken = Number(env['FEEDBACK_COLLECTOR_PORT']);
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(taken, '127.0.0.1', resolve));
    try {
      const launcher = start(env);
      const { code } = await launcher.exited;
      expect(code).toBe(1);
      expect(launcher.output()).toContain(`Port ${taken} on 127.0.0.1 is already in use, but feedback-collector needs it`);
      expect(launcher.output()).toContain('FEEDBACK_COLLECTOR_PORT=<port>');
      expect(existsSync(path.join(home, 'postgres'))).toBe(false);
      expect(existsSync(path.join(home, 'runtime.json'))).toBe(false);
      expect(await pidsMentioning(home)).toEqual([]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('exits 78 with a plain message naming a bad variable', async () => {
    const launcher = start({ CICLO_PORT: 'abc', DATABASE_URL: 'not-a-url' });
    expect((await launcher.exited).code).toBe(78);
    expect(launcher.output()).toContain('CICLO_PORT: must be a port number');
    expect(launcher.output()).toContain('DATABASE_URL: must be a URL like postgresql://');
    expect(launcher.output()).not.toMatch(/\n\s+at /);
  });

  /** Small backoffs and a budget of three crashes a minute, so supervision tests take seconds. */
  const fastRestarts = { CICLO_RESTART_BACKOFF_MS: '100', CICLO_RESTART_MAX_BACKOFF_MS: '400', CICLO_RESTART_MAX_CRASHES: '3', CICLO_RESTART_WINDOW_MS: '60000' };

  function pidOf(home: string, name: string): number {
    const pid = readRuntime(home).apps.find((a) => a.name === name)?.pid;
    if (pid === undefined) throw new Error(`no pid for ${name} in runtime.json`);
    return pid;
  }

  it('restarts a SIGKILLed app with the same port, says so loudly and on the landing page, and stays up', async () => {
    const { env, home } = await launcherEnv('restart', fastRestarts);
    const launcher = start(env);
    await launcher.waitForLine(/Ciclo is up/, 60_000);
    const runtime = readRuntime(home);
    const app = runtime.apps.find((a) => a.name === 'feedback-collector');
    const firstPid = pidOf(home, 'feedback-collector');

    process.kill(firstPid, 'SIGKILL');
    const logFile = path.join(home, 'logs', 'feedback-collector.log');
    const announced = await launcher.waitForLine(/feedback-collector exited \(killed by SIGKILL\); restarting in/, 10_000);
    expect(announced).toContain(`restarting in 0.1 s (crash 1 of 3 in 60 s) — log: ${logFile}`);
    await launcher.waitForLine(/✔ feedback-collector is ready again after restart 1 /, 30_000);

    const secondPid = pidOf(home, 'feedback-collector');
    expect(secondPid).not.toBe(firstPid);
    expect(isProcessAlive(firstPid)).toBe(false);
    expect((await fetch(`${app?.url}/health/ready`)).status).toBe(200);
    const status = (await (await fetch(`${runtime.landingUrl}/status.json`)).json()) as { apps: { name: string; state: string; restarts: number; restarting: boolean }[] };
    expect(status.apps.find((a) => a.name === 'feedback-collector')).toMatchObject({ state: 'ready', restarts: 1, restarting: false });
    expect(status.apps.find((a) => a.name === 'chat-core')).toMatchObject({ state: 'ready', restarts: 0, restarting: false });
    expect(await (await fetch(runtime.landingUrl)).text()).toContain('restarted 1 time after crashes');
    expect(launcher.child.exitCode).toBeNull();
    expect(readRuntime(home).status).toBe('running');

    launcher.child.kill('SIGINT');
    expect((await launcher.exited).code).toBe(0);
    expect(isProcessAlive(secondPid)).toBe(false);
    expect(await pidsMentioning(home)).toEqual([]);
  }, 120_000);

  it('stops the platform, naming the app and its log, when an app is SIGKILLed past its crash budget', async () => {
    const { env, home, ports } = await launcherEnv('crash-loop', fastRestarts);
    const launcher = start(env);
    await launcher.waitForLine(/Ciclo is up/, 60_000);
    for (const restart of [1, 2]) {
      process.kill(pidOf(home, 'nlp-service'), 'SIGKILL');
      await launcher.waitForLine(new RegExp(`✔ nlp-service is ready again after restart ${restart} `), 30_000);
    }
    process.kill(pidOf(home, 'nlp-service'), 'SIGKILL');
    const { code } = await launcher.exited;
    const output = launcher.output();
    const logFile = path.join(home, 'logs', 'nlp-service.log');
    expect(code).toBe(1);
    expect(output).toContain('crash 2 of 3 in 60 s');
    expect(output).toContain('✖ nlp-service exited unexpectedly (killed by SIGKILL); crash 3 of 3 within 60 s: giving up.');
    expect(output).toContain(`Stopping the platform: nlp-service crashed 3 times within 60 s; its log: ${logFile}`);
    expect(await pidsMentioning(dir)).toEqual([]);
    for (const port of ports) expect(await isListening(port)).toBe(false);
    expect(readRuntime(home).status).toBe('stopped');
  }, 120_000);

  it('shows the last lines of an app that keeps exiting, and gives up when its budget is spent', async () => {
    const { env, home, ports } = await launcherEnv('crash', { ...fastRestarts, CICLO_RESTART_MAX_CRASHES: '2', FAKE_APP_CRASH: 'feedback-collector' });
    const launcher = start(env);
    const { code } = await launcher.exited;
    const output = launcher.output();
    expect(code).toBe(1);
    expect(output).toContain('feedback-collector exited (exit code 3); restarting in 0.1 s (crash 1 of 2 in 60 s)');
    expect(output).toContain('✖ feedback-collector exited unexpectedly (exit code 3); crash 2 of 2 within 60 s: giving up.');
    expect(output).toMatch(/last lines from feedback-collector:\n[\s\S]*ERROR: something broke \{"err":\{"type":"Error","message":"fake failure"\}\}/);
    expect(output).toContain(path.join(home, 'logs', 'feedback-collector.log'));
    expect(await pidsMentioning(dir)).toEqual([]);
    for (const port of ports) expect(await isListening(port)).toBe(false);
    expect(readRuntime(home).status).toBe('stopped');
  }, 60_000);

  it('cancels a pending restart on Ctrl-C and stops cleanly', async () => {
    const { env, home } = await launcherEnv('stop-in-backoff', { CICLO_RESTART_BACKOFF_MS: '30000', CICLO_RESTART_MAX_BACKOFF_MS: '30000' });
    const launcher = start(env);
    await launcher.waitForLine(/Ciclo is up/, 60_000);
    process.kill(pidOf(home, 'chat-core'), 'SIGKILL');
    await launcher.waitForLine(/chat-core exited \(killed by SIGKILL\); restarting in 30 s \(crash 1 of 5 in 60 s\)/, 10_000);
    const sentAt = Date.now();
    launcher.child.kill('SIGINT');
    expect((await launcher.exited).code).toBe(0);
    expect(Date.now() - sentAt).toBeLessThan(15_000);
    expect(launcher.output()).toContain('Stopped. Bye.');
    expect(launcher.output()).not.toContain('chat-core restarted');
    expect(await pidsMentioning(home)).toEqual([]);
    expect(readRuntime(home).status).toBe('stopped');
  }, 60_000);

  it('leaves no app behind when the launcher is SIGKILLed, and the next start takes over the orphaned database', async () => {
    const { env, home, ports } = await launcherEnv('orphans', { FAKE_APP_STUBBORN: 'model-registry', CICLO_STOP_TIMEOUT_MS: '1500' });
    const first = start(env);
    await first.waitForLine(/Ciclo is up/, 60_000);
    // The key is printed just after the ready block; read it before the SIGKILL cuts the output.
    await first.waitForLine(/Admin API key \(shown once, store it now\)/, 10_000);
    const appPids = appPidsOf(readRuntime(home));
    expect(appPids).toHaveLength(platformApps.length);

    first.child.kill('SIGKILL');
    await first.exited;
    // The child guard notices (stdin EOF / new parent) and stops each app, the stubborn one
    // included: it ignores SIGTERM, so the guard's grace period ends it.
    for (const pid of appPids) expect(await waitForProcessExit(pid, 15_000)).toBe(true);

    const second = start(env);
    await second.waitForLine(/still running \(pid \d+.*stopping it cleanly/, 30_000);
    await second.waitForLine(/Ciclo is up/, 60_000);
    // The first-run admin key was printed by the first start only, exactly once.
    expect(first.output().match(/Admin API key \(shown once, store it now\): ciclo_\w+/g)).toHaveLength(1);
    await second.waitForLine(/api keys {2}the admin key was printed on the first start/, 5_000);
    expect(second.output()).not.toContain('Admin API key');
    const runtime = readRuntime(home);
    expect(runtime.status).toBe('running');

    const page = await (await fetch(runtime.landingUrl)).text();
    for (const app of runtime.apps) {
      expect(page).toContain(`<strong>${app.name}</strong>`);
      expect(page).toContain(`${app.url}/health/ready`);
      expect(page).toContain(`${app.url}/metrics`);
    }
    expect(page).toContain('Every app is ready.');

    second.child.kill('SIGINT');
    const { code } = await second.exited;
    expect(code).toBe(0);
    expect(second.output()).toContain('model-registry did not stop within 1.5 s after SIGTERM; killed it (SIGKILL).');
    for (const pid of appPidsOf(runtime)) expect(isProcessAlive(pid)).toBe(false);
    expect(await pidsMentioning(home)).toEqual([]);
    for (const port of ports) expect(await isListening(port)).toBe(false);
  }, 120_000);

  it('forces the stop on a second SIGINT: apps killed at once, exit 130, database still shut down', async () => {
    const { env, home } = await launcherEnv('force', { FAKE_APP_STUBBORN: 'chat-core', CICLO_STOP_TIMEOUT_MS: '60000' });
    const launcher = start(env);
    await launcher.waitForLine(/Ciclo is up/, 60_000);
    const runtime = readRuntime(home);
    const postgresPid = (await readPostmasterPid(path.join(home, 'postgres')))?.pid ?? -1;

    launcher.child.kill('SIGINT');
    const firstAt = Date.now();
    await launcher.waitForLine(/chat-core .*ignoring SIGTERM/, 10_000);
    // Not a synchronisation sleep: a second signal inside this window counts as a relayed copy of
    // the first (stop-requests.ts), so a person's second Ctrl-C is one that comes after it.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstAt + defaultRepeatWindowMs + 100 - Date.now())));
    const forcedAt = Date.now();
    launcher.child.kill('SIGINT');
    expect((await launcher.exited).code).toBe(130);
    expect(Date.now() - forcedAt).toBeLessThan(2_000);
    expect(launcher.output()).toContain('SIGINT again: forcing the stop');
    for (const pid of appPidsOf(runtime)) expect(await waitForProcessExit(pid, 2_000)).toBe(true);
    expect(await waitForProcessExit(postgresPid, 10_000)).toBe(true);
    expect(readRuntime(home).status).toBe('stopped');
  });

  it('stops every app gracefully on one SIGINT to the whole process group of `npm start`, however many relays deliver it', async () => {
    const { env, home, ports } = await launcherEnv('group-sigint');
    const launcher = start(env, { viaNpmStart: true });
    await launcher.waitForLine(/Ciclo is up/, 60_000);
    const runtime = readRuntime(home);
    const groupId = launcher.child.pid ?? -1;

    // What systemd (KillMode=control-group), an IDE's stop button or `kill -INT -- -PGID` do: npm,
    // the shell and the launcher all get it, and wrappers relay it again (with the tsx CLI as the
    // start script and no repeat window, this test saw "forcing the stop" every time).
    const sentAt = Date.now();
    process.kill(-groupId, 'SIGINT');
    const { code, signal } = await launcher.exited;
    const output = launcher.output();
    // npm re-raises the signal it received once its script has ended; the launcher's own verdict
    // is its last line.
    expect(signal ?? code, output).toBe(signal === null ? 0 : 'SIGINT');
    expect(Date.now() - sentAt).toBeLessThan(15_000);
    expect(output).toContain('Stopped. Bye.');
    expect(output).not.toContain('forcing the stop');
    expect(output).not.toContain('SIGKILL');
    for (const app of platformApps) expect(output, app.name).toContain(`${app.name} stopping`);
    for (const pid of [runtime.pid, ...appPidsOf(runtime)]) expect(isProcessAlive(pid), `pid ${pid}`).toBe(false);
    expect(await pidsMentioning(home)).toEqual([]);
    for (const port of ports) expect(await isListening(port)).toBe(false);
    expect(readRuntime(home).status).toBe('stopped');
  });

  it('stops the platform with a non-zero status when the embedded database dies', async () => {
    const { env, home, ports } = await launcherEnv('db-crash');
    const launcher = start(env);
    await launcher.waitForLine(/Ciclo is up/, 60_000);
    const postgresPid = (await readPostmasterPid(path.join(home, 'postgres')))?.pid ?? -1;
    process.kill(postgresPid, 'SIGKILL');
    expect((await launcher.exited).code).toBe(1);
    expect(launcher.output()).toContain('✖ The embedded PostgreSQL stopped unexpectedly (signal SIGKILL)');
    expect(await pidsMentioning(home)).toEqual([]);
    for (const port of ports) expect(await isListening(port)).toBe(false);
  });
});
