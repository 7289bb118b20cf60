import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseNameOf, migrationStatus, withMaintenanceClient } from '@ciclo/platform-db';
import { createTestDatabase, type TestDatabase } from './database';

const serverUrl = process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function databaseExists(name: string): Promise<boolean> {
  return withMaintenanceClient(serverUrl, async (client) => {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rows.length > 0;
  });
}

describe('createTestDatabase', () => {
  let first: TestDatabase;
  let second: TestDatabase;

  beforeAll(async () => {
    // Concurrently, as parallel test files would: one template build, two copies.
    [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await first?.drop();
    await second?.drop();
  });

  it('gives each caller its own fully migrated database', async () => {
    expect(first.url).not.toBe(second.url);
    expect(await migrationStatus({ databaseUrl: first.url })).toMatchObject({ pending: [], failed: [], upToDate: true });

    await first.db.prisma.order.create({
      data: {
        orderNumber: 'BR-100234',
        customerName: 'Ana',
        customerEmail: 'ana@example.com',
        status: 'shipped',
        items: [{ sku: 'X1', quantity: 1 }],
        shippingAddress: { city: 'São Paulo' },
        total: '199.90',
        placedAt: new Date('2026-11-01T10:00:00Z'),
      },
    });
    expect(await first.db.prisma.order.count()).toBe(1);
    expect(await second.db.prisma.order.count()).toBe(0);
  });

  it('is quick once the template exists', async () => {
    const started = performance.now();
    const third = await createTestDatabase();
    const elapsed = performance.now() - started;
    try {
      await third.db.ping();
      expect(elapsed).toBeLessThan(2_000);
    } finally {
      await third.drop();
    }
  });

  it('drops the database, even with connections still open', async () => {
    const doomed = await createTestDatabase();
    const name = databaseNameOf(doomed.url);
    await doomed.db.ping();
    expect(await databaseExists(name)).toBe(true);
    await doomed.drop();
    await doomed.drop(); // idempotent
    expect(await databaseExists(name)).toBe(false);
  });
});
