import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AliasEventView, ModelView, VersionView } from '@ciclo/platform-contracts';
import type { HttpApp } from '@ciclo/platform-http';
import { createTestDatabase, runTsEntry, type TestDatabase } from '@ciclo/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestRegistryApp, issueTestKeys, tinyModel } from './test-support/registry-test-app';

/** The `ciclo` entry point; spawned as its own process, the way a user runs it. */
const cliEntry = fileURLToPath(new URL('../../cli/src/main.ts', import.meta.url));

const metrics = (macroF1: number, cancel: number) => ({
  macroF1,
  holdout: 'h1',
  perClass: [
    { label: 'cancel', f1: cancel },
    { label: 'greet', f1: macroF1 },
    { label: 'order_status', f1: macroF1 },
  ],
});

/** `ciclo models …` against a registry served in this process on port 0. */
describe('ciclo models (CLI → registry HTTP API → PostgreSQL)', () => {
  let testDb: TestDatabase;
  let dir: string;
  let app: HttpApp;
  let url: string;
  const keys = { viewer: '', 'data-scientist': '' };

  beforeAll(async () => {
    [testDb, dir] = await Promise.all([createTestDatabase(), mkdtemp(join(tmpdir(), 'ciclo-cli-models-'))]);
    const built = await buildTestRegistryApp({ db: testDb.db, artifactsDir: join(dir, 'artifacts'), maxArtifactBytes: 4 * 1024 * 1024 });
    app = built.app;
    const { registry } = built;
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    await registry.createModel({ name: 'intent', task: 'intent', actor: 'setup' });
    for (const [i, m] of [metrics(0.8, 0.7), metrics(0.85, 0.9)].entries()) {
      await registry.registerVersion({ model: 'intent', artifact: await tinyModel(i + 1), metrics: m, createdBy: 'trainer' });
    }
    Object.assign(keys, await issueTestKeys(testDb.db, ['viewer', 'data-scientist'], 'cli'));
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const ciclo = (args: string[], key: string | null = keys['data-scientist'], env: Record<string, string> = { CICLO_REGISTRY_URL: url }) =>
    runTsEntry(cliEntry, { args, env: { ...env, ...(key ? { CICLO_API_KEY: key } : {}), CICLO_HOME: join(dir, 'no-home') }, timeoutMs: 30_000 });

  it('promotes, promotes again, rolls back, and shows the history', async () => {
    const first = await ciclo(['models', 'promote', 'intent', '1', '--reason', 'ship v1']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('production of intent: nothing → v1 (gate passed)');
    const second = await ciclo(['models', 'promote', 'intent', '2', '--reason', 'ship v2', '--json']);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ alias: 'production', fromVersion: 1, toVersion: 2, changed: true });
    const rolled = await ciclo(['models', 'rollback', 'intent', '--reason', 'cancellations regressed']);
    expect(rolled.code, rolled.stderr).toBe(0);
    expect(rolled.stdout).toContain('production of intent: v2 → v1');

    const [history, text] = await Promise.all([
      ciclo(['models', 'history', 'intent', '--alias', 'production', '--json'], keys.viewer),
      ciclo(['models', 'history', 'intent'], keys.viewer),
    ]);
    expect(history.code, history.stderr).toBe(0);
    expect((JSON.parse(history.stdout) as AliasEventView[]).map((e) => [e.fromVersion, e.toVersion, e.reason])).toEqual([
      [2, 1, 'cancellations regressed'],
      [1, 2, 'ship v2'],
      [null, 1, 'ship v1'],
    ]);
    expect(text.stdout).toMatch(/production\s+v2\s+v1\s+cli data-scientist\s+cancellations regressed/);
  }, 60_000);

  it('lists, shows and compares with a viewer key', async () => {
    const [ls, lsJson, show, version, compare] = await Promise.all([
      ciclo(['models', 'ls'], keys.viewer),
      ciclo(['models', 'ls', '--json'], keys.viewer),
      ciclo(['models', 'show', 'intent'], keys.viewer),
      ciclo(['models', 'show', 'intent', '--version', '2', '--json'], keys.viewer),
      ciclo(['models', 'compare', 'intent', '1', '2'], keys.viewer),
    ]);
    for (const r of [ls, lsJson, show, version, compare]) expect(r.code, r.stderr).toBe(0);
    expect(ls.stdout).toMatch(/intent\s+intent\s+manual\s+3\s+production=v1/);
    expect((JSON.parse(lsJson.stdout) as ModelView[]).map((m) => m.name)).toEqual(['intent']);
    expect(show.stdout).toMatch(/v1 .* 0\.8000 .* production/);
    expect((JSON.parse(version.stdout) as VersionView).version).toBe(2);
    expect(compare.stdout).toMatch(/macroF1\s+0\.8000\s+0\.8500\s+\+0\.0500/);
    expect(compare.stdout).toMatch(/cancel\s+0\.7000\s+0\.9000\s+\+0\.2000/);
  }, 60_000);

  it('finds the registry through runtime.json when no URL is given', async () => {
    const home = join(dir, 'home');
    await rm(home, { recursive: true, force: true });
    await mkdir(home, { recursive: true });
    await writeFile(
      join(home, 'runtime.json'),
      JSON.stringify({
        version: 1,
        pid: process.pid,
        status: 'running',
        startedAt: new Date().toISOString(),
        landingUrl: 'http://127.0.0.1:1',
        databaseUrl: testDb.url,
        databaseSource: 'env',
        queue: { kind: 'postgres', schema: 'bullmq' },
        apps: [{ name: 'model-registry', url }],
      }),
    );
    const result = await runTsEntry(cliEntry, { args: ['models', 'ls', '--json'], env: { CICLO_HOME: home, CICLO_API_KEY: keys.viewer } });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(1);
  });

  it('reports errors as "code: message" with a non-zero exit status', async () => {
    const [forbidden, noKey, unknown, noReason, badKey] = await Promise.all([
      ciclo(['models', 'promote', 'intent', '2', '--reason', 'x'], keys.viewer),
      ciclo(['models', 'ls'], null),
      ciclo(['models', 'show', 'nope']),
      ciclo(['models', 'rollback', 'intent']),
      ciclo(['models', 'ls'], 'ciclo_AAAAAAAA_' + 'B'.repeat(40)),
    ]);
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toContain('CICLO_ERR_AUTH_FORBIDDEN: This route needs the data-scientist role');
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('set CICLO_API_KEY');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('CICLO_ERR_REGISTRY_MODEL_NOT_FOUND: no model named "nope"');
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('needs --reason');
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toContain('CICLO_ERR_AUTH_INVALID_KEY');
    for (const r of [forbidden, noKey, unknown, noReason, badKey]) expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
