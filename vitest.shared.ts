import { basename, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Settings every project's vitest.config.ts starts from. Besides the console reporter each run
 * writes a JSON report to `.test-results/`, which `tools/run-tests.mjs` sums up into the one
 * closing line CI reads ("N passed, N failed").
 */
export function projectTestConfig(projectDir: string, overrides: { testTimeout?: number; hookTimeout?: number } = {}) {
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts'],
      testTimeout: overrides.testTimeout ?? 30_000,
      hookTimeout: overrides.hookTimeout ?? 60_000,
      reporters: ['default', 'json'],
      outputFile: { json: resolve(import.meta.dirname, '.test-results', `${basename(resolve(projectDir, '..'))}-${basename(projectDir)}.json`) },
    },
  });
}
