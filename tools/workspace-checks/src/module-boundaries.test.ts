// The workspace's architecture rules, proven by running the real ESLint config on probe files:
// each case lints a few lines as if they sat in a given project and expects the rule to fire (or
// not). If someone loosens eslint.config.mjs, a case here fails.
import { ESLint } from 'eslint';
import { createProjectGraphAsync } from '@nx/devkit';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
let eslint: ESLint;

beforeAll(async () => {
  // The boundary rule reads Nx's cached project graph; make sure there is one.
  await createProjectGraphAsync({ exitOnError: false });
  eslint = new ESLint({ cwd: root });
}, 120_000);

/** Lints `code` as if it were the file `relativePath` and returns the rule ids that fired. */
async function firedRules(relativePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, relativePath) });
  if (!result) throw new Error('ESLint returned no result');
  const fatal = result.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`cannot lint the probe: ${fatal.message}`);
  return result.messages.map((m) => m.ruleId ?? 'unknown');
}

describe('bounded contexts (scope:* tags)', () => {
  it('serving importing registry internals fails lint', async () => {
    const rules = await firedRules('libs/serving/core/src/boundary-probe.ts', "import { createModelRegistry } from '@ciclo/registry-core';\nexport const probe = createModelRegistry;\n");
    expect(rules).toContain('@nx/enforce-module-boundaries');
  });

  it('the nlp-service app importing registry internals fails lint too', async () => {
    const rules = await firedRules('apps/nlp-service/src/boundary-probe.ts', "import { FileArtifactStore } from '@ciclo/registry-core';\nexport const probe = FileArtifactStore;\n");
    expect(rules).toContain('@nx/enforce-module-boundaries');
  });

  it('the platform may not depend on a context', async () => {
    const rules = await firedRules('libs/platform/runtime/src/boundary-probe.ts', "import { createModelRegistry } from '@ciclo/registry-core';\nexport const probe = createModelRegistry;\n");
    expect(rules).toContain('@nx/enforce-module-boundaries');
  });

  it('serving using ml and the platform contracts is allowed', async () => {
    const rules = await firedRules(
      'libs/serving/core/src/boundary-probe.ts',
      "import { sha256Hex } from '@ciclo/ml';\nimport { Limits } from '@ciclo/platform-contracts';\nexport const probe = [sha256Hex, Limits];\n",
    );
    expect(rules).toEqual([]);
  });
});

describe('driver ownership', () => {
  it.each([
    ['libs/serving/core/src/boundary-probe.ts', '@prisma/client'],
    ['libs/registry/core/src/boundary-probe.ts', 'bullmq'],
    ['libs/ml/src/boundary-probe.ts', 'ioredis'],
    ['libs/platform/queue/src/boundary-probe.ts', 'onnxruntime-node'],
    ['apps/model-registry/src/boundary-probe.ts', 'fastify'],
    ['libs/serving/core/src/boundary-probe.ts', 'prom-client'],
    ['apps/nlp-service/src/boundary-probe.test.ts', 'fast-check'],
  ])('%s importing %s fails lint', async (file, driver) => {
    const rules = await firedRules(file, `import * as driver from '${driver}';\nexport const probe = driver;\n`);
    expect(rules).toContain('no-restricted-imports');
  });

  it.each([
    ['libs/platform/db/src/boundary-probe.ts', '@prisma/client'],
    ['libs/platform/queue/src/boundary-probe.ts', 'bullmq'],
    ['libs/ml/src/boundary-probe.ts', 'onnxruntime-node'],
    ['libs/platform/testing/src/boundary-probe.ts', 'fast-check'],
  ])('%s importing its own driver %s is allowed', async (file, driver) => {
    const rules = await firedRules(file, `import * as driver from '${driver}';\nexport const probe = driver;\n`);
    expect(rules).not.toContain('no-restricted-imports');
  });
});
