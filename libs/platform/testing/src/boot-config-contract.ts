import { expect, it } from 'vitest';
import { runTsEntry } from './app-process';

/**
 * The promise every app makes about bad configuration: it stops at boot with status 78 and a
 * plain message naming each bad variable — never a bare stack trace, never a half-started server.
 */
export function defineBootConfigContract(appName: string, entry: string): void {
  it(`${appName} refuses a malformed DATABASE_URL and a non-numeric PORT, naming both`, async () => {
    const result = await runTsEntry(entry, {
      env: { DATABASE_URL: 'mysql://user:hunter2@db/ciclo', PORT: 'eighty', QUEUE_BACKEND: 'postgres' },
    });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain(`Invalid configuration for ${appName}`);
    expect(result.stderr).toMatch(/DATABASE_URL: must be a URL like postgresql:\/\//);
    expect(result.stderr).toMatch(/PORT: must be a port number/);
    expect(result.stderr).not.toContain('hunter2');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it(`${appName} names a missing DATABASE_URL`, async () => {
    const result = await runTsEntry(entry, { env: {} });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/DATABASE_URL: .*not set/);
  });
}
