// @ciclo/ml as a project outside the monorepo gets it: `npm pack` (its prepack script builds
// dist/), the tarball unpacked into node_modules of a plain ESM project in the OS temp folder, the
// README's example run there by plain Node (no tsx, no source condition), and a TypeScript
// consumer type-checked against the emitted declarations.
//
// The temp folder lies outside this repository, so nothing can resolve through the workspace.
// The test has no internet: instead of `npm install`, each package the tarball's package.json
// declares in `dependencies` is linked from the monorepo's node_modules after checking that its
// version is the declared one. An import the manifest does not declare therefore fails here.
import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const libDir = resolve(import.meta.dirname, '..');
const repoRoot = resolve(libDir, '../..');
/** The child processes get neither a source condition nor a loader from NODE_OPTIONS, nor colours. */
const { FORCE_COLOR: _colour, ...inherited } = process.env;
const env = { ...inherited, NODE_OPTIONS: '', NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

let project: string;
let manifest: { name: string; dependencies: Record<string, string>; exports: unknown };

/** The fenced block that follows `<!-- consumer-test: <name> -->` in the README. */
function readmeBlock(readme: string, name: string): string {
  const marker = readme.indexOf(`<!-- consumer-test: ${name} -->`);
  const block = /```\w*\n([\s\S]*?)```/.exec(readme.slice(marker));
  if (marker < 0 || block?.[1] === undefined) throw new Error(`README.md has no block marked consumer-test: ${name}`);
  return block[1];
}

async function link(name: string, from = join(repoRoot, 'node_modules', name)): Promise<void> {
  const to = join(project, 'node_modules', name);
  await mkdir(dirname(to), { recursive: true });
  await symlink(from, to, 'dir');
}

/** Whether libs/ml/dist was there before `npm pack` built it (a developer's own build stays). */
let distExisted = true;

beforeAll(async () => {
  distExisted = existsSync(join(libDir, 'dist'));
  project = await mkdtemp(join(tmpdir(), 'ciclo-ml-consumer-'));
  await run('npm', ['pack', '--pack-destination', project], { cwd: libDir, env, maxBuffer: 16 << 20 });
  const tarball = (await readdir(project)).find((f) => f.endsWith('.tgz'));
  if (tarball === undefined) throw new Error('npm pack wrote no tarball');
  const scope = join(project, 'node_modules', '@ciclo');
  await mkdir(scope, { recursive: true });
  await run('tar', ['-xzf', join(project, tarball), '-C', scope], { env });
  await rename(join(scope, 'package'), join(scope, 'ml'));
  manifest = JSON.parse(await readFile(join(scope, 'ml', 'package.json'), 'utf8')) as typeof manifest;

  for (const [name, version] of Object.entries(manifest.dependencies)) {
    const installed = JSON.parse(await readFile(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
    if (installed.version !== version) throw new Error(`${name}: the package declares ${version}, the monorepo has ${installed.version}`);
    await link(name);
  }
  // The consumer's own dev tools for the type check: Node's types (TypeScript runs from the repo).
  await link('@types/node');

  const readme = await readFile(join(libDir, 'README.md'), 'utf8');
  await writeFile(join(project, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }\n');
  await writeFile(join(project, 'reviews.csv'), readmeBlock(readme, 'reviews.csv'));
  await writeFile(join(project, 'example.mjs'), readmeBlock(readme, 'example.mjs'));
}, 120_000);

afterAll(async () => {
  if (project !== undefined) await rm(project, { recursive: true, force: true });
  // A build left behind would be what a process started without --conditions=@ciclo/source
  // quietly runs, stale after the next edit; without it such a process fails loudly instead.
  if (!distExisted) await rm(join(libDir, 'dist'), { recursive: true, force: true });
});

describe('@ciclo/ml from outside the monorepo', () => {
  it('ships the build and its README, not the source, and declares the dependencies the monorepo uses', async () => {
    const files = await readdir(join(project, 'node_modules', '@ciclo', 'ml'));
    expect(files.sort()).toEqual(['README.md', 'dist', 'package.json']);
    expect(manifest.exports).toMatchObject({ '.': { types: './dist/index.d.ts', default: './dist/index.js' } });
    const root = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const [name, version] of Object.entries(manifest.dependencies)) expect(root.dependencies[name], name).toBe(version);
  });

  it('runs the README example with plain Node: imports, trains, predicts and evaluates', async () => {
    const { stdout } = await run(process.execPath, ['example.mjs'], { cwd: project, env });
    expect(stdout).toContain('imported 8, skipped 0, duplicates dropped 1');
    expect(stdout).toContain('line 10 repeats line 4');
    expect(stdout).toContain("metadata of the first row: { source: 'app' }");
    expect(stdout).toContain('predicted: Positive, Negative');
    expect(stdout).toMatch(/accuracy 1\.0000 {2}macro-F1 1\.0000/);
    expect(stdout).toContain('macro-F1 from the predicted labels: 1');
  });

  it('type-checks a TypeScript consumer against the emitted declarations', async () => {
    const consumer = [
      "import { evaluate, importLabelledFile, trainClassifier, type EvaluationReport, type ImportOptions, type LabelEvaluationReport } from '@ciclo/ml';",
      "const options: ImportOptions = { labelCase: 'lower', duplicates: 'drop' };",
      "// @ts-expect-error labelCase is 'keep' | 'lower' | 'strict' (fails as unused if the types were any)",
      "export const wrong: ImportOptions = { labelCase: 'upper' };",
      "const data = await importLabelledFile('reviews.csv', options);",
      'export const metadata: Readonly<Record<string, string>> | undefined = data.examples[0]?.metadata;',
      'const { weights } = await trainClassifier(data.examples, { seed: 1 });',
      "const fromLabels: LabelEvaluationReport = evaluate(weights.labels, ['Positive'], ['Negative']);",
      'export const full: EvaluationReport = evaluate(weights.labels, [0], new Float32Array(weights.labels.length));',
      '// @ts-expect-error a report scored from labels has no log loss',
      'export const loss = fromLabels.logLoss;',
      '',
    ].join('\n');
    await writeFile(join(project, 'consumer.ts'), consumer);
    const tsconfig = { compilerOptions: { module: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] }, files: ['consumer.ts'] };
    await writeFile(join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project, env }).catch((error: { stdout?: string }) => error);
    const diagnostics = ('stdout' in result ? (result.stdout ?? '') : '').split('\n').filter((line) => /error TS\d+/.test(line));
    // skipLibCheck is off so that errors in our own .d.ts show. onnx-proto's declarations use a
    // global `Long` that only @types/long (a dependency of its dependency) declares; they are
    // not ours to fix, so only the consumer's and @ciclo/ml's diagnostics count.
    expect(diagnostics.filter((line) => line.startsWith('consumer.ts') || line.includes('@ciclo/ml'))).toEqual([]);
    expect(diagnostics.every((line) => line.includes('node_modules/onnx-proto/'))).toBe(true);
  });
});
