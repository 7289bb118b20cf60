import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  booleanFlag,
  ConfigError,
  databaseUrl,
  loadConfigOrExit,
  logLevel,
  parseEnv,
  port,
  positiveInt,
  redisUrl,
  serviceEnvSchema,
  type Env,
} from '@ciclo/platform-config';
import { appNames, platformApps, type AppName, type PlatformApp } from './app-table';
import { defaultRestartPolicy, type RestartPolicyOptions } from './restart-policy';

/** The checkout this launcher belongs to (apps/launcher/src → repository root). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const listenPort = port.min(1, { error: 'must be a port number (1-65535); the launcher needs a fixed port' });

const appList = z
  .string()
  .transform((value) => [...new Set(value.split(',').map((name) => name.trim()).filter((name) => name !== ''))])
  .pipe(
    z
      .array(z.enum(appNames as [AppName, ...AppName[]], { error: `must list apps among ${appNames.join(', ')}` }))
      .min(1, { error: 'must name at least one app' }),
  );

const serviceShape = serviceEnvSchema(0).shape;

const appPortShape = Object.fromEntries(platformApps.map((app) => [app.portEnv, listenPort.default(app.defaultPort)]));

const launcherEnvSchema = z.object({
  ...appPortShape,
  CICLO_HOST: z.string().min(1).default('127.0.0.1'),
  CICLO_PORT: listenPort.default(8080),
  CICLO_HOME: z.string().optional(),
  CICLO_PG_PORT: listenPort.default(54329),
  /** Running as root with CICLO_HOME closed to the `postgres` OS user (e.g. in /root): the cluster goes here. */
  CICLO_PG_SHARED_DIR: z.string().min(1).default('/var/lib/ciclo'),
  CICLO_REDIS_PROBE_URL: redisUrl.default('redis://127.0.0.1:6379'),
  CICLO_APPS: appList.optional(),
  CICLO_APPS_ROOT: z.string().optional(),
  CICLO_READY_TIMEOUT_MS: positiveInt.default(90_000),
  CICLO_STOP_TIMEOUT_MS: positiveInt.default(15_000),
  /** A crashed app is restarted after this delay, doubled per further crash up to the maximum. */
  CICLO_RESTART_BACKOFF_MS: positiveInt.default(defaultRestartPolicy.initialBackoffMs),
  CICLO_RESTART_MAX_BACKOFF_MS: positiveInt.default(defaultRestartPolicy.maxBackoffMs),
  /** This many crashes of one app within CICLO_RESTART_WINDOW_MS stop the platform. */
  CICLO_RESTART_MAX_CRASHES: positiveInt.default(defaultRestartPolicy.maxCrashes),
  CICLO_RESTART_WINDOW_MS: positiveInt.default(defaultRestartPolicy.windowMs),
  /** Train the v1 models from data/bootstrap on first start (off only for launcher tests with fake apps). */
  CICLO_BOOTSTRAP_MODELS: booleanFlag.default(true),
  DATABASE_URL: databaseUrl.optional(),
  REDIS_URL: redisUrl.optional(),
  LOG_LEVEL: logLevel.default('info'),
  QUEUE_PREFIX: serviceShape.QUEUE_PREFIX,
  QUEUE_PG_SCHEMA: serviceShape.QUEUE_PG_SCHEMA,
  NO_COLOR: z.string().optional(),
  FORCE_COLOR: z.string().optional(),
});

export type DatabaseConfig =
  | { readonly mode: 'external'; readonly url: string }
  | { readonly mode: 'embedded'; readonly port: number; readonly dataDir: string; readonly sharedDir: string };

export interface AppConfig {
  readonly app: PlatformApp;
  readonly port: number;
  /** `apps/<dir>/src/main.ts`, absolute. */
  readonly entry: string;
}

export interface LauncherConfig {
  readonly repoRoot: string;
  /** `.ciclo/` (or `CICLO_HOME`): embedded database, logs, runtime.json. */
  readonly home: string;
  readonly host: string;
  readonly landingPort: number;
  readonly database: DatabaseConfig;
  /** Set only when `REDIS_URL` is given: then Redis is used without probing. */
  readonly redisUrl: string | undefined;
  /** Where to look for a local Redis when `REDIS_URL` is not set. */
  readonly redisProbeUrl: string;
  readonly apps: readonly AppConfig[];
  readonly readyTimeoutMs: number;
  readonly stopTimeoutMs: number;
  /** Backoff and crash budget of the supervisor that restarts crashed apps. */
  readonly restartPolicy: RestartPolicyOptions;
  readonly logLevel: string;
  readonly queuePrefix: string;
  readonly queuePgSchema: string;
  /** `NO_COLOR` set (non-empty) → never colour. */
  readonly noColor: boolean;
  /** `FORCE_COLOR` set (and not 0/false) → colour even without a TTY. */
  readonly forceColor: boolean;
  /** Train the v1 models into `<home>/models/bootstrap` when they are not there yet. */
  readonly bootstrapModels: boolean;
  /** The environment children inherit before the launcher adds theirs (PATH, HOME, …). */
  readonly inheritedEnv: Env;
}

/**
 * Parses the launcher's environment. Throws a {@link ConfigError} naming each bad variable.
 * Relative paths resolve against `cwd`.
 */
export function parseLauncherConfig(env: Env, cwd: string): LauncherConfig {
  const parsed = parseEnv('launcher', launcherEnvSchema, env);
  const record = parsed as Record<string, unknown>;
  const home = path.resolve(cwd, parsed.CICLO_HOME ?? path.join(repoRoot, '.ciclo'));
  const appsRoot = path.resolve(cwd, parsed.CICLO_APPS_ROOT ?? path.join(repoRoot, 'apps'));
  const selected = new Set<AppName>(parsed.CICLO_APPS ?? appNames);

  const apps: AppConfig[] = platformApps
    .filter((app) => selected.has(app.name))
    .map((app) => ({ app, port: record[app.portEnv] as number, entry: path.join(appsRoot, app.dir, 'src', 'main.ts') }));

  const database: DatabaseConfig = parsed.DATABASE_URL
    ? { mode: 'external', url: parsed.DATABASE_URL }
    : { mode: 'embedded', port: parsed.CICLO_PG_PORT, dataDir: path.join(home, 'postgres'), sharedDir: path.resolve(cwd, parsed.CICLO_PG_SHARED_DIR) };

  assertDistinctPorts([
    { variable: 'CICLO_PORT', port: parsed.CICLO_PORT },
    ...apps.map((a) => ({ variable: a.app.portEnv, port: a.port })),
    ...(database.mode === 'embedded' ? [{ variable: 'CICLO_PG_PORT', port: database.port }] : []),
  ]);

  if (parsed.CICLO_RESTART_MAX_BACKOFF_MS < parsed.CICLO_RESTART_BACKOFF_MS) {
    throw new ConfigError('launcher', [
      { variable: 'CICLO_RESTART_MAX_BACKOFF_MS', message: `must be at least CICLO_RESTART_BACKOFF_MS (${parsed.CICLO_RESTART_BACKOFF_MS})` },
    ]);
  }

  const forceColor = parsed.FORCE_COLOR !== undefined && !['0', 'false'].includes(parsed.FORCE_COLOR.toLowerCase());
  return {
    repoRoot,
    home,
    host: parsed.CICLO_HOST,
    landingPort: parsed.CICLO_PORT,
    database,
    redisUrl: parsed.REDIS_URL,
    redisProbeUrl: parsed.CICLO_REDIS_PROBE_URL,
    apps,
    readyTimeoutMs: parsed.CICLO_READY_TIMEOUT_MS,
    stopTimeoutMs: parsed.CICLO_STOP_TIMEOUT_MS,
    restartPolicy: {
      initialBackoffMs: parsed.CICLO_RESTART_BACKOFF_MS,
      maxBackoffMs: parsed.CICLO_RESTART_MAX_BACKOFF_MS,
      maxCrashes: parsed.CICLO_RESTART_MAX_CRASHES,
      windowMs: parsed.CICLO_RESTART_WINDOW_MS,
    },
    logLevel: parsed.LOG_LEVEL,
    queuePrefix: parsed.QUEUE_PREFIX,
    bootstrapModels: parsed.CICLO_BOOTSTRAP_MODELS,
    queuePgSchema: parsed.QUEUE_PG_SCHEMA,
    noColor: parsed.NO_COLOR !== undefined,
    forceColor,
    inheritedEnv: { ...env },
  };
}

function assertDistinctPorts(claims: readonly { variable: string; port: number }[]): void {
  const seen = new Map<number, string>();
  const issues = [];
  for (const claim of claims) {
    const first = seen.get(claim.port);
    if (first) issues.push({ variable: claim.variable, message: `port ${claim.port} is already given to ${first}` });
    else seen.set(claim.port, claim.variable);
  }
  if (issues.length > 0) throw new ConfigError('launcher', issues);
}

/** The only place the launcher reads `process.env`. Bad values → plain message, exit 78. */
export function loadLauncherConfig(): LauncherConfig {
  return loadConfigOrExit(() => parseLauncherConfig(process.env, process.cwd()));
}
