import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTsEntry } from '@ciclo/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('./main.ts', import.meta.url));
let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'ciclo-cli-'));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('ciclo CLI', () => {
  it('prints usage for help', async () => {
    const result = await runTsEntry(entry, { args: ['help'] });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: ciclo <command>');
  });

  it('rejects an unknown command with exit status 2 and the usage', async () => {
    const result = await runTsEntry(entry, { args: ['frobnicate'] });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command "frobnicate"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects a bad option value', async () => {
    const result = await runTsEntry(entry, { args: ['status', '--timeout', 'soon'], env: { CICLO_HOME: home } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--timeout must be a positive whole number');
  });

  it('says how to start the platform when none is running', async () => {
    const result = await runTsEntry(entry, { args: ['status'], env: { CICLO_HOME: home } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Start it with: npm start');
  });

  it('refuses a corrupt runtime file with a clear message', async () => {
    await writeFile(join(home, 'runtime.json'), JSON.stringify({ version: 1, status: 'running' }));
    const result = await runTsEntry(entry, { args: ['status'], env: { CICLO_HOME: home } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not a valid runtime file');
  });
});
