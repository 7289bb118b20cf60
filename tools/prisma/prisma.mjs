#!/usr/bin/env node
// Runs the stock Prisma CLI with this workspace's offline setup, so nobody has to remember it:
//   node tools/prisma/prisma.mjs migrate deploy      (npm run db:migrate)
//   node tools/prisma/prisma.mjs generate            (npm run db:generate, postinstall)
//
// - PRISMA_SCHEMA_ENGINE_BINARY points at tools/prisma/schema-engine.mjs (the WebAssembly schema
//   engine behind the native engine's protocol), so the CLI never tries to download a binary.
// - Update checks and telemetry are off: they need the internet and only slow commands down.
// - The working directory is the workspace root, where prisma.config.ts lives, whatever folder
//   the script is started from.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const workspaceRoot = join(here, '..', '..');
const require = createRequire(import.meta.url);
let prismaCli;
try {
  prismaCli = join(dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
} catch (error) {
  // `npm install --package-lock-only` runs the root postinstall without installing anything:
  // there is nothing to generate then. Anywhere else a missing CLI is an error.
  if (process.env.npm_lifecycle_event === 'postinstall') {
    console.warn('prisma is not installed (lock-file-only install?); skipping prisma generate');
    process.exit(0);
  }
  throw error;
}

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? join(here, 'schema-engine.mjs'),
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
  PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: '1',
};

const child = spawn(process.execPath, [prismaCli, ...process.argv.slice(2)], {
  cwd: workspaceRoot,
  env,
  stdio: 'inherit',
});

// Ctrl-C reaches the child through the terminal's process group; a SIGTERM sent to this
// wrapper alone (CI, a supervisor) must be passed on or the CLI would outlive it.
for (const signal of ['SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
process.on('SIGINT', () => {});

child.on('error', (error) => {
  console.error(`Could not start the Prisma CLI (${prismaCli}): ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 128 : 1));
});
