import { randomBytes } from 'node:crypto';
import { createDatabase, createPostgresDatabase, dropPostgresDatabase, type Database } from '@ciclo/platform-db';
import { ensureTemplateDatabase } from './database-template';

export interface TestDatabase {
  /** URL of this test's own database (for code that takes a URL, e.g. an app under test). */
  readonly url: string;
  /** A client on it; closed by `drop()`. */
  readonly db: Database;
  /** Closes `db`, disconnects anyone else and drops the database. Idempotent. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Server to use; default `TEST_DATABASE_URL` or `postgresql://postgres@127.0.0.1:5432/postgres`. */
  readonly serverUrl?: string;
  /** Pool size of `db` (default 5). */
  readonly poolMax?: number;
}

/** PostgreSQL's "source database is being accessed by other users". */
const OBJECT_IN_USE = '55006';

/**
 * A fresh database with every migration applied, for one test file:
 *
 *   let testDb: TestDatabase;
 *   beforeAll(async () => { testDb = await createTestDatabase(); });
 *   afterAll(() => testDb.drop());
 *
 * Copying a migrated template takes tens of milliseconds; migrating from scratch takes seconds.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = options.serverUrl ?? process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const template = await ensureTemplateDatabase(serverUrl);
  const url = await copyTemplate(serverUrl, `ciclo_test_${randomBytes(6).toString('hex')}`, template);
  const db = createDatabase({ url, poolMax: options.poolMax ?? 5, applicationName: 'ciclo-test' });
  let dropping: Promise<void> | undefined;
  return {
    url,
    db,
    drop: () =>
      (dropping ??= (async () => {
        await db.close();
        await dropPostgresDatabase(url);
      })()),
  };
}

async function copyTemplate(serverUrl: string, name: string, template: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await createPostgresDatabase(serverUrl, name, { template });
    } catch (error) {
      const inUse = (error as { code?: string }).code === OBJECT_IN_USE;
      if (!inUse || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}
