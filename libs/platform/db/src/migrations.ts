import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { splitPrismaParams } from './database';
import { MigrationError } from './migration-error';
import { redactPassword } from './redact-url';

export interface MigrationOptions {
  /** The database to migrate; created by the CLI if it does not exist yet. */
  readonly databaseUrl: string;
  /**
   * Workspace root holding `prisma.config.ts`, `prisma/migrations` and `tools/prisma/`. Default:
   * found by walking up from this file, so it works from any working directory.
   */
  readonly cwd?: string;
}

export interface RunMigrationsOptions extends MigrationOptions {
  /** Each line the CLI prints (password masked), for the caller's logger. */
  readonly onLog?: (line: string) => void;
  /** Kill the CLI after this long (default 120 s). */
  readonly timeoutMs?: number;
}

export interface MigrationResult {
  /** Migrations this call applied, oldest first; empty when the database was up to date. */
  readonly applied: string[];
}

export interface MigrationStatus {
  /** Finished migrations recorded in the database, oldest first. */
  readonly applied: string[];
  /** Migrations in `prisma/migrations` the database has not applied yet. */
  readonly pending: string[];
  /** Migrations that started and did not finish (need `prisma migrate resolve`). */
  readonly failed: string[];
  readonly upToDate: boolean;
}

const MIGRATIONS_TABLE = '_prisma_migrations';

/**
 * Applies pending migrations with the stock `prisma migrate deploy`, run as a child process
 * through `tools/prisma/prisma.mjs` (which supplies the offline schema engine). Safe to call from
 * several processes at once: Prisma takes an advisory lock around the migration.
 */
export async function runMigrations(options: RunMigrationsOptions): Promise<MigrationResult> {
  const root = options.cwd ?? workspaceRoot();
  const before = new Set((await readMigrationRows(options.databaseUrl).catch(() => [])).filter(isFinished).map((r) => r.name));
  await runPrismaCli(root, ['migrate', 'deploy'], options);
  // The database, not the CLI's human-readable output, says what was applied.
  const after = (await readMigrationRows(options.databaseUrl)).filter(isFinished).map((r) => r.name);
  return { applied: after.filter((name) => !before.has(name)).sort() };
}

/** Compares `prisma/migrations` with the database's migration table, without the CLI. */
export async function migrationStatus(options: MigrationOptions): Promise<MigrationStatus> {
  const root = options.cwd ?? workspaceRoot();
  const [onDisk, rows] = await Promise.all([listMigrations(root), readMigrationRows(options.databaseUrl)]);
  const applied = rows.filter(isFinished).map((r) => r.name).sort();
  const failed = rows.filter((r) => !r.finished && !r.rolledBack).map((r) => r.name).sort();
  const done = new Set(applied);
  const pending = onDisk.filter((name) => !done.has(name));
  return { applied, pending, failed, upToDate: pending.length === 0 && failed.length === 0 };
}

/**
 * sha256 over every migration's name and SQL: changes exactly when the schema history changes
 * (test fixtures name their template databases with it).
 */
export async function migrationsFingerprint(options: { cwd?: string } = {}): Promise<string> {
  const root = options.cwd ?? workspaceRoot();
  const hash = createHash('sha256');
  for (const name of await listMigrations(root)) {
    hash.update(name).update('\0').update(await readFile(join(migrationsDir(root), name, 'migration.sql'))).update('\0');
  }
  return hash.digest('hex');
}

/** The folder holding prisma.config.ts and tools/prisma, searched upwards from this file. */
export function workspaceRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'prisma.config.ts')) && existsSync(join(dir, 'tools', 'prisma', 'prisma.mjs'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new MigrationError('Cannot find the workspace root (prisma.config.ts) above libs/db', '', null);
    }
    dir = parent;
  }
}

function migrationsDir(root: string): string {
  return join(root, 'prisma', 'migrations');
}

async function listMigrations(root: string): Promise<string[]> {
  const entries = await readdir(migrationsDir(root), { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory() && existsSync(join(migrationsDir(root), e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort();
}

interface MigrationRow {
  readonly name: string;
  readonly finished: boolean;
  readonly rolledBack: boolean;
}

function isFinished(row: MigrationRow): boolean {
  return row.finished && !row.rolledBack;
}

/** Rows of Prisma's migration table; none when the table (or the database) does not exist yet. */
async function readMigrationRows(databaseUrl: string): Promise<MigrationRow[]> {
  const { connectionString, schema } = splitPrismaParams(databaseUrl);
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    const table = schema ? `${pg.escapeIdentifier(schema)}.${MIGRATIONS_TABLE}` : MIGRATIONS_TABLE;
    const { rows } = await client.query<{ migration_name: string; finished: boolean; rolled_back: boolean }>(
      `SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
         FROM ${table} ORDER BY started_at`,
    );
    return rows.map((r) => ({ name: r.migration_name, finished: r.finished, rolledBack: r.rolled_back }));
  } catch (error) {
    // 3D000: no such database; 42P01: no migration table. Both mean "nothing applied yet".
    if (error instanceof pg.DatabaseError && (error.code === '3D000' || error.code === '42P01')) return [];
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function runPrismaCli(root: string, args: string[], options: RunMigrationsOptions): Promise<void> {
  const launcher = join(root, 'tools', 'prisma', 'prisma.mjs');
  const timeoutMs = options.timeoutMs ?? 120_000;
  const command = `prisma ${args.join(' ')}`;
  const redact = (text: string) => redactPassword(text, options.databaseUrl);

  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [launcher, ...args], {
      cwd: root,
      // The child inherits the environment (PATH, HOME…); only the target database is ours.
      env: { ...process.env, DATABASE_URL: options.databaseUrl, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const forward = (chunk: string, pending: string): string => {
      const lines = (pending + chunk).split('\n');
      const rest = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) options.onLog?.(redact(line));
      return rest;
    };
    let outRest = '';
    let errRest = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      outRest = forward(chunk, outRest);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      errRest = forward(chunk, errRest);
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new MigrationError(`Could not run ${command}: ${error.message}`, '', null, error));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      forward('\n', outRest);
      forward('\n', errRest);
      if (code === 0) return resolve();
      const output = redact([stderr.trim(), tail(stdout, 20)].filter(Boolean).join('\n--- stdout ---\n'));
      const why = signal ? `was stopped (${signal}${signal === 'SIGTERM' ? `, timeout ${timeoutMs} ms` : ''})` : `exited with code ${code}`;
      reject(new MigrationError(`${command} ${why}:\n${lastLines(output, 30)}`, output, code));
    });
  });
}

function tail(text: string, lines: number): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

function lastLines(text: string, lines: number): string {
  return tail(text, lines) || '(no output)';
}
