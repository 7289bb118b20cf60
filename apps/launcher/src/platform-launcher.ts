import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import { redactSecrets } from '@ciclo/platform-config';
import type { RuntimeInfoV1 } from '@ciclo/platform-contracts';
import { entryUrlOf, urlEnvOf } from './app-table';
import { ensureBootstrapAdminKey } from './bootstrap-admin-key';
import { ensureBootstrapModels } from './bootstrap-models';
import { registerBootstrapModels } from './register-bootstrap-models';
import { issueNlpServiceKey } from './service-keys';
import type { AppConfig, LauncherConfig } from './config';
import type { ConsoleOutput } from './console-output';
import { EmbeddedDatabase } from './embedded-database';
import { AppNotReadyError } from './errors/app-not-ready-error';
import { LauncherError } from './errors/launcher-error';
import { PortInUseError } from './errors/port-in-use-error';
import { createLandingServer } from './landing-page';
import { migrateDatabase } from './migrations';
import { assertPortsFree } from './port-check';
import { chooseQueueBackend, type QueueBackendChoice } from './queue-backend';
import { waitForReadiness } from './readiness';
import { RestartPolicy } from './restart-policy';
import { runningLauncher, writeRuntimeFile } from './runtime-file';
import { SupervisedApp } from './supervised-app';

/**
 * Brings the platform up in order — ports, database, queue backend, migrations, landing page,
 * apps, readiness — and down in reverse: apps (SIGTERM, then SIGKILL after a timeout), landing
 * page, database. An app that exits on its own is restarted loudly with backoff (supervised-app.ts)
 * until it crashes too often in a short window; that, or an unexpected exit of the embedded
 * database, stops everything with a non-zero status.
 */
export class PlatformLauncher {
  readonly #config: LauncherConfig;
  readonly #out: ConsoleOutput;
  readonly #runtimeFile: string;
  readonly #logsDir: string;
  readonly #startedAt = new Date();
  readonly #abort = new AbortController();
  #database: EmbeddedDatabase | undefined;
  #databaseUrl = '';
  #queue: QueueBackendChoice | undefined;
  #landing: Server | undefined;
  #apps: SupervisedApp[] = [];
  #startup: Promise<void> = Promise.resolve();
  #shutdown: Promise<number> | undefined;
  readonly #finished: Promise<number>;
  #resolveFinished: (exitCode: number) => void = () => undefined;
  #runtimeWritten = false;
  /** A first-run admin key waiting to be printed; held in memory only, dropped once shown. */
  #pendingAdminKey: string | null = null;
  /** Extra environment per app (secrets for one child only, e.g. the nlp-service's registry key). */
  #appSecrets: Record<string, Record<string, string>> = {};
  #stoppedWritten = false;
  #startupDone = false;

  constructor(config: LauncherConfig, output: ConsoleOutput) {
    this.#config = config;
    this.#out = output;
    this.#runtimeFile = path.join(config.home, 'runtime.json');
    this.#logsDir = path.join(config.home, 'logs');
    this.#finished = new Promise((resolve) => (this.#resolveFinished = resolve));
  }

  /** Starts the platform and resolves with the exit status once it has stopped again. */
  async run(): Promise<number> {
    this.#startup = this.#start();
    try {
      await this.#startup;
    } catch (error) {
      // Its only copy: a key issued before a failure (or a Ctrl-C) must still reach the person.
      this.#printPendingAdminKey();
      if (!this.#shutdown) {
        this.#report(error);
        void this.stop(1, 'Start-up failed; stopping what was started.');
      }
    }
    return this.#finished;
  }

  /** Orderly shutdown; later calls return the first one's result. */
  stop(exitCode: number, reason: string): Promise<number> {
    this.#shutdown ??= this.#stopAll(exitCode, reason).then(
      (code) => code,
      (error: unknown) => {
        this.#report(error);
        this.forceStop();
        return 1;
      },
    );
    void this.#shutdown.then(this.#resolveFinished);
    return this.#shutdown;
  }

  get stopping(): boolean {
    return this.#shutdown !== undefined;
  }

  /**
   * Second Ctrl-C, or a process exiting: no waiting. Apps get SIGKILL, PostgreSQL a fast
   * shutdown request (it finishes on its own in milliseconds), runtime.json says stopped.
   */
  forceStop(appSignal: NodeJS.Signals = 'SIGKILL'): void {
    for (const app of this.#apps) app.child.signal(appSignal);
    this.#database?.signalStop();
    this.#landing?.closeAllConnections();
    this.#writeStopped();
  }

  async #start(): Promise<void> {
    const config = this.#config;
    await mkdir(config.home, { recursive: true, mode: 0o755 });
    await mkdir(this.#logsDir, { recursive: true });

    const other = await runningLauncher(this.#runtimeFile);
    if (other) {
      throw new LauncherError(
        'CICLO_ERR_LAUNCHER_ALREADY_RUNNING',
        `Ciclo is already running from ${config.home} (launcher pid ${other.pid}, ${other.landingUrl}). ` +
          `Stop it first (Ctrl-C in its terminal, or kill ${other.pid}).`,
      );
    }

    await assertPortsFree(config.host, [
      { port: config.landingPort, owner: 'the landing page', variable: 'CICLO_PORT' },
      ...config.apps.map((a) => ({ port: a.port, owner: a.app.name, variable: a.app.portEnv })),
    ]);
    this.#checkpoint();

    await this.#startDatabase();
    this.#checkpoint();

    this.#queue = await chooseQueueBackend({ redisUrl: config.redisUrl, probeUrl: config.redisProbeUrl, pgSchema: config.queuePgSchema });
    this.#out.info(this.#queue.summary);
    this.#checkpoint();

    this.#out.info(await migrateDatabase(this.#databaseUrl));
    this.#checkpoint();

    this.#pendingAdminKey = await ensureBootstrapAdminKey(this.#databaseUrl);
    if (this.#pendingAdminKey) this.#out.info('Issued the first admin API key; it is printed once the platform is up.');
    this.#appSecrets['nlp-service'] = { MODEL_REGISTRY_API_KEY: await issueNlpServiceKey(this.#databaseUrl) };
    this.#checkpoint();

    if (config.bootstrapModels) {
      this.#out.info(await ensureBootstrapModels(config.home, (line) => this.#out.info(line)));
      this.#checkpoint();
      const registered = await registerBootstrapModels({
        databaseUrl: this.#databaseUrl,
        modelsDir: path.join(config.home, 'models', 'bootstrap'),
        artifactsDir: path.join(config.home, 'artifacts'),
      });
      if (registered.length > 0) this.#out.info(['Registry: the v1 models are production now.', ...registered].join('\n'));
      this.#checkpoint();
    }

    await this.#startLanding();
    this.#startApps();
    this.#writeRuntime('starting');

    const started = Date.now();
    await waitForReadiness(
      this.#apps.map((a) => ({ name: a.config.app.name, url: a.url })),
      {
        timeoutMs: config.readyTimeoutMs,
        signal: this.#abort.signal,
        onReady: (name, ms) => this.#out.success(`✔ ${name} is ready (${(ms / 1000).toFixed(1)} s)`),
      },
    );
    this.#checkpoint();
    this.#startupDone = true;
    this.#writeRuntime('running');
    this.#printSummary(Date.now() - started);
  }

  /** DATABASE_URL when given, otherwise the embedded PostgreSQL, whose death stops the platform. */
  async #startDatabase(): Promise<void> {
    const config = this.#config;
    if (config.database.mode === 'embedded') {
      const { dataDir, port, sharedDir } = config.database;
      this.#database = await EmbeddedDatabase.start({
        dataDir,
        sharedDir,
        port,
        logFile: path.join(this.#logsDir, 'postgres.log'),
        log: (message) => this.#out.info(message),
      });
      this.#database.onUnexpectedExit((how) => {
        this.#out.error(`✖ The embedded PostgreSQL stopped unexpectedly (${how}). Its log: ${path.join(this.#logsDir, 'postgres.log')}`);
        void this.stop(1, 'The database is gone; stopping the platform.');
      });
      this.#databaseUrl = this.#database.url;
      this.#out.info(`Database: embedded PostgreSQL on 127.0.0.1:${port}, data in ${this.#database.dataDir}.`);
    } else {
      this.#databaseUrl = config.database.url;
      this.#out.info(`Database: ${redactSecrets(config.database.url)} (DATABASE_URL).`);
    }
  }

  async #startLanding(): Promise<void> {
    const queue = this.#queue;
    const facts = [
      this.#database ? `database: ${this.#database.describe()}` : `database: ${redactSecrets(this.#databaseUrl)}`,
      queue?.kind === 'redis' ? `queues: Redis at ${redactSecrets(queue.url)}` : `queues: PostgreSQL backend (schema ${queue?.schema ?? '?'})`,
      `logs: ${this.#logsDir}`,
    ];
    const server = createLandingServer({
      apps: this.#config.apps.map((a) => ({ name: a.app.name, description: a.app.description, url: this.#urlOf(a.port), entryPoints: a.app.entryPoints })),
      facts,
      supervision: (name) => this.#apps.find((a) => a.name === name)?.status,
    });
    this.#landing = server;
    const { host, landingPort } = this.#config;
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) =>
        // Taken since the port check (another program was quicker).
        reject(error.code === 'EADDRINUSE' ? new PortInUseError(host, [{ port: landingPort, owner: 'the landing page', variable: 'CICLO_PORT' }]) : error);
      server.once('error', onError);
      server.listen(landingPort, host, () => {
        server.off('error', onError);
        resolve();
      });
    });
  }

  #startApps(): void {
    const config = this.#config;
    const queue = this.#queue;
    if (!queue) throw new Error('queue backend not chosen');
    const siblings = Object.fromEntries(config.apps.map((a) => [urlEnvOf(a.app), this.#urlOf(a.port)]));
    const base: Record<string, string> = {};
    for (const [key, value] of Object.entries(config.inheritedEnv)) if (value !== undefined) base[key] = value;
    delete base['REDIS_URL'];

    for (const appConfig of config.apps) {
      const name = appConfig.app.name;
      const env: Record<string, string> = {
        ...base,
        ...siblings,
        HOST: config.host,
        PORT: String(appConfig.port),
        LOG_LEVEL: config.logLevel,
        // One state folder for every app (the registry keeps its artifacts under it).
        CICLO_HOME: config.home,
        DATABASE_URL: this.#databaseUrl,
        QUEUE_BACKEND: queue.kind,
        QUEUE_PREFIX: config.queuePrefix,
        QUEUE_PG_SCHEMA: config.queuePgSchema,
        ...(queue.kind === 'redis' ? { REDIS_URL: queue.url } : {}),
        ...this.#appSecrets[name],
      };
      this.#apps.push(this.#supervise(appConfig, env));
    }
  }

  #supervise(appConfig: AppConfig, env: Record<string, string>): SupervisedApp {
    const name = appConfig.app.name;
    return new SupervisedApp({
      config: appConfig,
      url: this.#urlOf(appConfig.port),
      child: {
        name,
        entry: appConfig.entry,
        cwd: this.#config.repoRoot,
        env,
        logFile: path.join(this.#logsDir, `${name}.log`),
        onLine: (line, stream) => this.#out.appLine(name, line, stream),
      },
      policy: new RestartPolicy(this.#config.restartPolicy),
      out: this.#out,
      readyTimeoutMs: this.#config.readyTimeoutMs,
      stopping: this.#abort.signal,
      onRestarted: () => this.#writeRuntime(this.#startupDone ? 'running' : 'starting'),
      onGiveUp: (reason) => void this.stop(1, reason),
    });
  }

  async #stopAll(exitCode: number, reason: string): Promise<number> {
    this.#abort.abort(new LauncherError('CICLO_ERR_LAUNCHER_STOPPING', reason));
    this.#out.info(reason);
    // A step in flight (e.g. the database starting) must finish, so what it starts gets stopped.
    await this.#startup.catch(() => undefined);

    const timeoutMs = this.#config.stopTimeoutMs;
    // Those already gone were reported when they exited.
    const alreadyExited = new Set(this.#apps.filter((a) => !a.child.running));
    const results = await Promise.all(this.#apps.map(async (app) => ({ app, ...(await app.child.stop(timeoutMs)) })));
    for (const { app, exit, forced } of results) {
      const name = app.config.app.name;
      if (forced) this.#out.warn(`${name} did not stop within ${timeoutMs / 1000} s after SIGTERM; killed it (SIGKILL).`);
      else if (exit.code !== 0 && exit.code !== null && !alreadyExited.has(app)) this.#out.warn(`${name} stopped with exit code ${exit.code}.`);
    }

    const landing = this.#landing;
    if (landing) {
      landing.closeAllConnections();
      await new Promise((resolve) => landing.close(resolve));
    }
    if (this.#database) await this.#database.stop();
    this.#writeStopped();
    this.#out.info(exitCode === 0 ? 'Stopped. Bye.' : `Stopped (exit status ${exitCode}).`);
    return exitCode;
  }

  /** Between start-up steps: give up if a shutdown began meanwhile. */
  #checkpoint(): void {
    this.#abort.signal.throwIfAborted();
  }

  #report(error: unknown): void {
    if (error instanceof AppNotReadyError) {
      const logs = error.appNames.map((name) => `  ${name}'s log: ${path.join(this.#logsDir, `${name}.log`)}`);
      this.#out.error([`✖ ${error.message}`, ...logs].join('\n'));
    } else if (error instanceof LauncherError) this.#out.error(`✖ ${error.message}`);
    else this.#out.error(`✖ ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  #urlOf(port: number): string {
    const host = this.#config.host;
    const shown = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
    return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
  }

  #runtimeInfo(status: RuntimeInfoV1['status']): RuntimeInfoV1 {
    const queue = this.#queue;
    return {
      version: 1,
      pid: process.pid,
      status,
      startedAt: this.#startedAt.toISOString(),
      landingUrl: this.#urlOf(this.#config.landingPort),
      databaseUrl: this.#databaseUrl,
      databaseSource: this.#database ? 'embedded' : 'env',
      queue: queue?.kind === 'redis' ? { kind: 'redis', url: queue.url, prefix: this.#config.queuePrefix } : { kind: 'postgres', schema: this.#config.queuePgSchema },
      apps: this.#apps.map((a) => ({ name: a.config.app.name, url: a.url, ...(a.child.pid ? { pid: a.child.pid } : {}) })),
    };
  }

  #writeRuntime(status: 'starting' | 'running'): void {
    writeRuntimeFile(this.#runtimeFile, this.#runtimeInfo(status));
    this.#runtimeWritten = true;
  }

  /** Synchronous, so it also runs from a process `exit` handler. */
  #writeStopped(): void {
    if (!this.#runtimeWritten || this.#stoppedWritten) return;
    this.#stoppedWritten = true;
    try {
      writeRuntimeFile(this.#runtimeFile, this.#runtimeInfo('stopped'));
    } catch {
      // Best effort while exiting.
    }
  }

  #printSummary(readyMs: number): void {
    const paint = this.#out.paint;
    const width = Math.max('landing page'.length, ...this.#apps.map((a) => a.config.app.name.length));
    const shownUrl = (a: SupervisedApp) => entryUrlOf(a.config.app, a.url);
    const urlWidth = Math.max(...this.#apps.map((a) => shownUrl(a).length));
    const queue = this.#queue;
    this.#out.block([
      '',
      paint(['bold', 'green'], `  Ciclo is up (${this.#apps.length} apps ready in ${(readyMs / 1000).toFixed(1)} s)`),
      '',
      `    ${paint('bold', 'landing page'.padEnd(width))}  ${paint('underline', this.#urlOf(this.#config.landingPort))}`,
      ...this.#apps.map((a) => `    ${a.config.app.name.padEnd(width)}  ${shownUrl(a).padEnd(urlWidth)}  ${paint('gray', a.config.app.description)}`),
      '',
      paint('gray', `    database  ${this.#database ? this.#database.describe() : redactSecrets(this.#databaseUrl)}`),
      paint('gray', `    queues    ${queue?.kind === 'redis' ? `Redis ${redactSecrets(queue.url)}` : `PostgreSQL backend, schema ${this.#config.queuePgSchema}`}`),
      paint('gray', `    logs      ${this.#logsDir}`),
      paint('gray', `    api keys  ${this.#pendingAdminKey ? 'see below' : `the admin key was printed on the first start; issue more with POST ${this.#registryUrl()}/v1/api-keys`}`),
      paint('gray', '    stop      Ctrl-C'),
      '',
    ]);
    this.#printPendingAdminKey();
  }

  /** Prints the first-run admin key, once. */
  #printPendingAdminKey(): void {
    const key = this.#pendingAdminKey;
    if (!key) return;
    this.#pendingAdminKey = null;
    const paint = this.#out.paint;
    this.#out.block([
      paint(['bold', 'yellow'], `    Admin API key (shown once, store it now): ${key}`),
      paint('gray', `    Send it as "Authorization: Bearer <key>"; issue more keys with POST ${this.#registryUrl()}/v1/api-keys.`),
      '',
    ]);
  }

  #registryUrl(): string {
    const registry = this.#config.apps.find((a) => a.app.name === 'model-registry');
    return registry ? this.#urlOf(registry.port) : '<model-registry>';
  }
}

