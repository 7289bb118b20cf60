import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from './database';
import { DatabaseUnavailableError } from './database-unavailable-error';
import { Prisma } from './generated/prisma/client';
import { createScratchDatabase, type ScratchDatabase } from './test-support/scratch-database';

describe('createDatabase', () => {
  let scratch: ScratchDatabase;
  let db: Database;

  beforeAll(async () => {
    scratch = await createScratchDatabase({ migrate: true });
    db = createDatabase({ url: scratch.url, applicationName: 'db-test', poolMax: 4 });
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  it('answers ping() against a live server', async () => {
    await expect(db.ping()).resolves.toBeUndefined();
  });

  it('fails ping() with a typed error, fast, when nothing listens on the port', async () => {
    const down = createDatabase({ url: 'postgresql://postgres:hunter2@127.0.0.1:1/none', pingTimeoutMs: 1_000 });
    const started = Date.now();
    try {
      const error = await down.ping().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      expect(error).toMatchObject({ code: 'CICLO_ERR_DB_UNAVAILABLE', statusCode: 503, name: 'DatabaseUnavailableError' });
      expect((error as Error).message).not.toContain('hunter2');
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      await down.close();
    }
  });

  it('round-trips a model and a version through the pg adapter', async () => {
    const model = await db.prisma.model.create({
      data: { name: 'intent', task: 'intent', labels: ['greeting', 'goodbye'], promotionPolicy: 'auto', gate: { maxMacroF1Drop: 0 } },
    });
    await db.prisma.modelVersion.create({
      data: {
        modelId: model.id,
        version: 1,
        artifactSha256: 'a'.repeat(64),
        artifactUri: 'file:///artifacts/aa.onnx',
        artifactSizeBytes: 5_000_000_000n,
        labels: ['greeting', 'goodbye'],
        metrics: { macroF1: 0.93 },
        tags: ['seed'],
        samplePredictions: [{ text: 'oi', label: 'greeting' }],
        createdBy: 'test',
      },
    });

    const read = await db.prisma.model.findUniqueOrThrow({ where: { name: 'intent' }, include: { versions: true } });
    expect(read).toMatchObject({ name: 'intent', promotionPolicy: 'auto', gate: { maxMacroF1Drop: 0 }, labels: ['greeting', 'goodbye'] });
    expect(read.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(read.createdAt).toBeInstanceOf(Date);
    expect(read.versions).toHaveLength(1);
    expect(read.versions[0]).toMatchObject({
      version: 1,
      artifactSizeBytes: 5_000_000_000n,
      metrics: { macroF1: 0.93 },
      tags: ['seed'],
      samplePredictions: [{ text: 'oi', label: 'greeting' }],
    });

    // Version numbers are unique per model: the database, not the caller, enforces it.
    const duplicate = await db.prisma.modelVersion
      .create({
        data: { modelId: model.id, version: 1, artifactSha256: 'b'.repeat(64), artifactUri: 'x', artifactSizeBytes: 1n, createdBy: 'test' },
      })
      .catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((duplicate as Prisma.PrismaClientKnownRequestError).code).toBe('P2002');
  });
});
