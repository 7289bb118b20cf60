import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiagnosticsPongV1, jobCatalog, QueueNames } from '@ciclo/platform-contracts';
import { createQueueClient } from '@ciclo/platform-queue';
import { runTsEntry } from '@ciclo/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformApps } from './app-table';
import { isProcessAlive, readPostmasterPid } from './postmaster-pid';
import { freePorts, isListening } from './test-fixtures/free-ports';
import { appPidsOf, LauncherProcess, pidsMentioning, readRuntime } from './test-fixtures/launcher-process';

const cliEntry = fileURLToPath(new URL('../../cli/src/main.ts', import.meta.url));

/**
 * `npm start` on a fresh machine: no DATABASE_URL, no REDIS_URL and no Redis to be found, every
 * real app. Proves the platform comes up on the embedded database with the PostgreSQL queue
 * backend, a job crosses processes, and Ctrl-C leaves nothing behind. CICLO_HOME is inside a
 * mode-700 folder, the way a checkout in /root is: as root, the database still comes up.
 */
describe('npm start (acceptance, real apps)', () => {
  let dir = '';
  let sharedDir = '';
  let launcher: LauncherProcess | undefined;

  beforeAll(async () => {
    // mkdtemp makes mode-700 folders: closed to the "postgres" OS user, like /root.
    dir = await mkdtemp(path.join(os.tmpdir(), 'ciclo-acceptance-'));
    sharedDir = await mkdtemp(path.join(os.tmpdir(), 'ciclo-acceptance-shared-'));
    await chmod(sharedDir, 0o755);
  });

  afterAll(async () => {
    launcher?.child.kill('SIGKILL');
    for (const pid of [...(await pidsMentioning(dir)), ...(await pidsMentioning(sharedDir))]) process.kill(pid, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
    await rm(sharedDir, { recursive: true, force: true });
  });

  it('brings every app up on embedded PostgreSQL + PostgreSQL queues, moves a job between apps, and stops cleanly on SIGINT', async () => {
    const home = path.join(dir, '.ciclo');
    const [landingPort = 0, pgPort = 0, closedRedisPort = 0, ...appPorts] = await freePorts(platformApps.length + 3);
    launcher = new LauncherProcess({
      CICLO_HOME: home,
      CICLO_PORT: String(landingPort),
      CICLO_PG_PORT: String(pgPort),
      CICLO_PG_SHARED_DIR: sharedDir,
      CICLO_REDIS_PROBE_URL: `redis://127.0.0.1:${closedRedisPort}`,
      ...Object.fromEntries(platformApps.map((app, i) => [app.portEnv, String(appPorts[i])])),
    });

    // 1. Up: every app ready, one summary block, the PostgreSQL queue backend announced.
    await launcher.waitForLine(/Ciclo is up/, 150_000);
    expect(launcher.output()).toMatch(/Queues: no Redis .* using the PostgreSQL queue backend/);
    if (process.getuid?.() === 0) {
      // Root: the cluster lives in the shared folder, .ciclo/postgres links to it, and the ready block says why.
      expect(launcher.output()).toContain(`cannot enter ${dir}: the database lives in ${sharedDir}${path.sep}`);
      const databaseLine = launcher.lines.find((l) => /^\s+database\s/.test(l)) ?? '';
      expect(databaseLine).toContain(`embedded PostgreSQL (${sharedDir}${path.sep}`);
      expect(databaseLine).toContain(`the "postgres" OS user cannot enter ${dir}`);
    }
    // First start trains the v1 models (a working bot from the first run), and says how good they are.
    expect(launcher.output()).toMatch(/Training the v1 intent and sentiment models/);
    expect(launcher.output()).toMatch(/intent: macro-F1 en \d+\.\d%, pt-BR \d+\.\d% on held-out data/);
    for (const task of ['intent', 'sentiment']) expect(existsSync(path.join(home, 'models', 'bootstrap', `${task}.onnx`)), task).toBe(true);
    expect(launcher.output()).toMatch(/intent v1 registered and set as production/);
    expect(launcher.output()).toMatch(/sentiment v1 registered and set as production/);
    const runtime = readRuntime(home);
    expect(runtime).toMatchObject({ status: 'running', pid: launcher.child.pid, databaseSource: 'embedded', queue: { kind: 'postgres', schema: 'bullmq' } });
    expect(runtime.apps.map((a) => a.name)).toEqual(platformApps.map((a) => a.name));
    for (const app of runtime.apps) {
      const response = await fetch(new URL('/health/ready', app.url));
      expect(response.status, `${app.name} /health/ready`).toBe(200);
    }
    // 1b. First run: one admin API key, printed once, that the model registry accepts; it is in
    //     no log file and not in runtime.json.
    await launcher.waitForLine(/Admin API key \(shown once/, 5_000);
    const adminKeys = launcher.output().match(/Admin API key \(shown once, store it now\): (ciclo_\w+)/g) ?? [];
    expect(adminKeys).toHaveLength(1);
    const adminKey = adminKeys[0]?.split(': ')[1] ?? '';
    const registryUrl = runtime.apps.find((a) => a.name === 'model-registry')?.url ?? '';
    expect((await fetch(`${registryUrl}/v1/api-keys`)).status).toBe(401);
    expect((await fetch(`${registryUrl}/v1/api-keys`, { headers: { authorization: `Bearer ${adminKey}` } })).status).toBe(200);
    for (const file of await readdir(path.join(home, 'logs'))) expect(await readFile(path.join(home, 'logs', file), 'utf8'), file).not.toContain(adminKey);
    expect(await readFile(path.join(home, 'runtime.json'), 'utf8')).not.toContain(adminKey);

    // 1c. The nlp-service serves the v1 models it loaded from the registry with the key the
    //     launcher gave it (the key, like the admin key, is in no log).
    const nlpUrl = runtime.apps.find((a) => a.name === 'nlp-service')?.url ?? '';
    const analyzed = await fetch(`${nlpUrl}/v1/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ texts: ['quero cancelar meu pedido', 'péssimo atendimento, estou furioso'] }),
    });
    expect(analyzed.status).toBe(200);
    const analysis = (await analyzed.json()) as { results: { intent: { label: string }; sentiment: { label: string } }[]; models: unknown };
    expect(analysis.models).toEqual({ intent: { version: 1 }, sentiment: { version: 1 } });
    expect(analysis.results.map((r) => r.intent.label)[0]).toBe('cancel_order');
    expect(analysis.results.map((r) => r.sentiment.label)[1]).toBe('negative');

    const landing = await fetch(`http://127.0.0.1:${landingPort}/status.json`);
    expect(await landing.json()).toEqual({ apps: runtime.apps.map((a) => ({ name: a.name, url: a.url, state: 'ready', restarting: false, restarts: 0 })) });
    // Every link the landing page offers a person leads somewhere (the apps' roots answer 404,
    // so the page links their web page, API docs, readiness and metrics instead).
    const page = await (await fetch(`http://127.0.0.1:${landingPort}/`)).text();
    const links = [...page.matchAll(/href="(http[^"]+)"/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'));
    expect(links).toEqual(expect.arrayContaining([expect.stringMatching(/\/ui$/), expect.stringMatching(/\/docs$/)]));
    for (const link of links) expect((await fetch(link)).status, link).toBe(200);

    // 2. A job enqueued here (as `ciclo status` does) is answered by the retraining-orchestrator's
    //    worker, in another process, through BullMQ's PostgreSQL backend.
    const queues = createQueueClient(jobCatalog, { kind: 'postgres', connectionString: runtime.databaseUrl, schema: 'bullmq' });
    try {
      const nonce = randomUUID();
      const { id } = await queues.enqueue('diagnostics.ping', { nonce, requestedBy: 'launcher-acceptance', sentAt: new Date().toISOString() });
      const job = await queues.waitForJob(QueueNames.diagnostics, id, { timeoutMs: 30_000 });
      expect(job.state).toBe('completed');
      const pong = DiagnosticsPongV1.parse(job.returnValue);
      expect(pong.nonce).toBe(nonce);
      expect(pong.pid).toBe(runtime.apps.find((a) => a.name === 'retraining-orchestrator')?.pid);
    } finally {
      await queues.close();
    }

    // 2b. The same through another app: `ciclo status` (apps/cli) enqueues, the orchestrator answers.
    const status = await runTsEntry(cliEntry, { args: ['status', '--json'], env: { CICLO_HOME: home }, timeoutMs: 60_000 });
    expect(status.code, status.stderr).toBe(0);
    const report = JSON.parse(status.stdout) as { apps: { ready: boolean }[]; queue: { ok: boolean; detail: string } };
    expect(report.apps.every((a) => a.ready)).toBe(true);
    expect(report.queue).toMatchObject({ ok: true });
    expect(report.queue.detail).toContain('retraining-orchestrator');

    // 3. Ctrl-C: exit 0, no process left, no port listening, runtime.json says stopped.
    const postgresPid = (await readPostmasterPid(path.join(home, 'postgres')))?.pid;
    expect(postgresPid).toBeDefined();
    const pids = [launcher.child.pid ?? -1, postgresPid ?? -1, ...appPidsOf(runtime)];
    expect(pids).toHaveLength(platformApps.length + 2);
    launcher.child.kill('SIGINT');
    const { code } = await launcher.exited;
    expect(code, launcher.output()).toBe(0);
    expect(launcher.output()).toContain('Stopped. Bye.');
    expect(launcher.output()).not.toContain('SIGKILL');
    for (const pid of pids) expect(isProcessAlive(pid), `pid ${pid}`).toBe(false);
    expect(await pidsMentioning(dir)).toEqual([]);
    expect(await pidsMentioning(sharedDir)).toEqual([]);
    for (const port of [landingPort, pgPort, ...appPorts]) expect(await isListening(port), `port ${port}`).toBe(false);
    expect(readRuntime(home).status).toBe('stopped');
  }, 240_000);
});
