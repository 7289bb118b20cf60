import { describe, expect, it } from 'vitest';
import { createQueueClient } from './queue-client';
import { isolatedBackend } from './test-support/test-backends';
import { testCatalog } from './test-support/test-catalog';

const postgresUrl = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('PostgreSQL schema preparation', () => {
  it('lets several clients start at once on a fresh schema: it is migrated once and all work', async () => {
    const backend = isolatedBackend('postgres', { redisUrl: '', postgresUrl });
    // Separate clients stand in for replicas booting together; each runs the migration on its
    // own connection, and the advisory lock must serialise them.
    const clients = Array.from({ length: 4 }, () => createQueueClient(testCatalog, backend.config));
    try {
      const ids = await Promise.all(clients.map((c, i) => c.enqueue('test.echo', { value: i })));
      expect(new Set(ids.map((j) => j.id)).size).toBe(4);
      expect((await clients[0]?.counts('work'))?.waiting).toBe(4);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
      await backend.cleanup();
    }
  });
});
