import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { databaseUrlFor, dropPostgresDatabase } from './database-admin';
import { MigrationError } from './migration-error';
import { migrationStatus, migrationsFingerprint, runMigrations, workspaceRoot } from './migrations';
import { createScratchDatabase, testServerUrl, type ScratchDatabase } from './test-support/scratch-database';

const expectedTables = [
  'alias_events',
  'api_keys',
  'audit_log',
  'conversations',
  'dataset_snapshots',
  'feedback',
  'handoffs',
  'idempotency_records',
  'messages',
  'model_aliases',
  'model_versions',
  'models',
  'orders',
  'outbox_events',
  'promotion_decisions',
  'sentiment_windows',
  'training_examples',
  'training_runs',
  'webhooks',
];

describe('runMigrations', () => {
  let scratch: ScratchDatabase;
  let migrationNames: string[];

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    const entries = await readdir(join(workspaceRoot(), 'prisma', 'migrations'), { withFileTypes: true });
    migrationNames = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  });
  afterAll(() => scratch.drop());

  it('applies every migration to an empty database, then has nothing left to do', async () => {
    const logs: string[] = [];
    expect(await migrationStatus({ databaseUrl: scratch.url })).toMatchObject({ applied: [], pending: migrationNames, upToDate: false });

    const first = await runMigrations({ databaseUrl: scratch.url, onLog: (line) => logs.push(line) });
    expect(first.applied).toEqual(migrationNames);
    expect(logs.join('\n')).toMatch(/successfully applied/i);

    const second = await runMigrations({ databaseUrl: scratch.url });
    expect(second.applied).toEqual([]);
    expect(await migrationStatus({ databaseUrl: scratch.url })).toEqual({
      applied: migrationNames,
      pending: [],
      failed: [],
      upToDate: true,
    });

    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
      );
      expect(rows.map((r) => r.table_name).sort()).toEqual(expectedTables);
    } finally {
      await client.end();
    }
  });

  it('creates the database when it does not exist yet', async () => {
    const url = databaseUrlFor(testServerUrl, `${new URL(scratch.url).pathname.slice(1)}_new`);
    try {
      expect((await runMigrations({ databaseUrl: url })).applied).toEqual(migrationNames);
    } finally {
      await dropPostgresDatabase(url);
    }
  });

  it('fails with a MigrationError carrying the CLI output when the server is unreachable', async () => {
    const error = await runMigrations({ databaseUrl: 'postgresql://ciclo:s3cret-pw@127.0.0.1:1/nowhere' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    const migrationError = error as MigrationError;
    expect(migrationError.code).toBe('CICLO_ERR_DB_MIGRATION_FAILED');
    expect(migrationError.exitCode).not.toBe(0);
    expect(migrationError.output).toMatch(/P1001|Can't reach database server/);
    expect(migrationError.message).not.toContain('s3cret-pw');
  });

  it('fingerprints the migration history', async () => {
    const fingerprint = await migrationsFingerprint();
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(await migrationsFingerprint()).toBe(fingerprint);
  });
});
