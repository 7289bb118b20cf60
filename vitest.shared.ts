import { basename, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * The package.json `exports` condition under which a workspace lib that also ships a build
 * (`@ciclo/ml`) resolves to its TypeScript source. tsconfig.base.json sets it for tsc, this file
 * for vitest (vitest also passes it to its worker processes as `--conditions`), and every
 * `node --import tsx` / `tsx` command of the repo passes `--conditions=@ciclo/source`.
 */
export const SOURCE_CONDITION = '@ciclo/source';

/**
 * Settings every project's vitest.config.ts starts from. Besides the console reporter each run
 * writes a JSON report to `.test-results/`, which `tools/run-tests.mjs` sums up into the one
 * closing line CI reads ("N passed, N failed").
 */
export function projectTestConfig(projectDir: string, overrides: { testTimeout?: number; hookTimeout?: number } = {}) {
  return defineConfig({
    // Vitest adds its default conditions to these (Vite merges arrays).
    resolve: { conditions: [SOURCE_CONDITION] },
    ssr: { resolve: { conditions: [SOURCE_CONDITION] } },
    test: {
      include: ['src/**/*.test.ts'],
      testTimeout: overrides.testTimeout ?? 30_000,
      hookTimeout: overrides.hookTimeout ?? 60_000,
      reporters: ['default', 'json'],
      outputFile: { json: resolve(import.meta.dirname, '.test-results', `${basename(resolve(projectDir, '..'))}-${basename(projectDir)}.json`) },
    },
  });
}
