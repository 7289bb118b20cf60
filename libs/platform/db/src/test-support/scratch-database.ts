// Test tooling for this lib's own tests. (Other projects use createTestDatabase from
// @ciclo/platform-testing, which builds on @ciclo/platform-db and so cannot be imported here without a cycle.)
import { randomBytes } from 'node:crypto';
import { createPostgresDatabase, dropPostgresDatabase } from '../database-admin';
import { runMigrations } from '../migrations';

export const testServerUrl = process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A new, empty database with a unique name; `migrate: true` applies the migrations too. */
export async function createScratchDatabase({ migrate = false } = {}): Promise<ScratchDatabase> {
  const url = await createPostgresDatabase(testServerUrl, `ciclo_dbtest_${randomBytes(5).toString('hex')}`);
  if (migrate) await runMigrations({ databaseUrl: url });
  return { url, drop: () => dropPostgresDatabase(url) };
}
