// A/B check of single-text inference throughput between two checkouts of the project, e.g. the
// commit before a refactor and the one after it. Runs `bench/inference.bench.ts` with only the
// single-text scenario (one 10 s run after its warm-up) in each checkout in turn — A, B, A, B, … —
// so both series see the same machine state, and compares the medians.
// Run: `npx tsx bench/inference-ab.ts <checkout A> <checkout B> [rounds=5] [--write]` (each
// checkout needs its own `npm ci`). With --write it also writes bench/results/inference-ab.json;
// the summary goes into docs/benchmarks.md by hand, with the context of the change measured.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAverage1m, median } from './bench-stats';
import { benchArguments, shouldRecord } from './record-results';

interface Sample {
  readonly checkout: 'A' | 'B';
  readonly round: number;
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  readonly failures: number;
  readonly loadAverage1m: number;
}

const [checkoutA, checkoutB, roundsArg] = benchArguments();
if (!checkoutA || !checkoutB) {
  console.error('usage: npx tsx bench/inference-ab.ts <checkout A> <checkout B> [rounds=5] [--write]');
  process.exit(64);
}
const rounds = Number(roundsArg ?? 5);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`rounds must be a whole number ≥ 1 (got ${roundsArg})`);
  process.exit(64);
}
const root = fileURLToPath(new URL('..', import.meta.url));

/** `| 1 text | 1 | 13,139 | 13,139 | 4 | 9 | 40 | 0 | 0 / 0 | – | 0.5 |` → the figures we compare. */
function parseSingleTextRow(output: string): Omit<Sample, 'checkout' | 'round' | 'loadAverage1m'> {
  const row = output.split('\n').find((line) => line.startsWith('| 1 text |'));
  if (!row) throw new Error(`no "1 text" row in the benchmark output:\n${output.slice(-2_000)}`);
  const cells = row.split('|').map((c) => c.trim());
  const number = (cell: string | undefined) => Number((cell ?? '').replaceAll(',', ''));
  const [errors, timeouts] = (cells[9] ?? '').split('/').map((c) => number(c));
  return { requestsPerSecond: number(cells[3]), p99Ms: number(cells[6]), failures: number(cells[8]) + (errors ?? 0) + (timeouts ?? 0) };
}

function runOnce(checkout: string): Promise<string> {
  return new Promise((resolveRun, reject) => {
    // The source condition is what `npm run bench:inference` passes; older checkouts ignore it.
    const child = spawn(process.execPath, [join(checkout, 'node_modules/tsx/dist/cli.mjs'), '--conditions=@ciclo/source', 'bench/inference.bench.ts'], {
      cwd: checkout,
      env: { ...process.env, BENCH_SCENARIOS: 'single', BENCH_RUNS: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolveRun(output) : reject(new Error(`benchmark in ${checkout} exited with ${code}`))));
  });
}


const samples: Sample[] = [];
for (let round = 1; round <= rounds; round++) {
  for (const [label, checkout] of [['A', checkoutA], ['B', checkoutB]] as const) {
    const sample = { checkout: label, round, loadAverage1m: loadAverage1m(), ...parseSingleTextRow(await runOnce(resolve(checkout))) };
    samples.push(sample);
    console.error(`round ${round} ${label}: ${sample.requestsPerSecond} requests/s, p99 ${sample.p99Ms} ms, ${sample.failures} failures`);
  }
}

const summary = (label: 'A' | 'B') => {
  const own = samples.filter((s) => s.checkout === label);
  return { requestsPerSecond: own.map((s) => s.requestsPerSecond), medianRequestsPerSecond: median(own.map((s) => s.requestsPerSecond)), medianP99Ms: median(own.map((s) => s.p99Ms)), failures: own.reduce((n, s) => n + s.failures, 0) };
};
const a = summary('A');
const b = summary('B');
const changePercent = Math.round(((b.medianRequestsPerSecond - a.medianRequestsPerSecond) / a.medianRequestsPerSecond) * 1000) / 10;
const result = { benchmark: 'inference-ab', date: new Date().toISOString(), node: process.version, cores: cpus().length, checkouts: { A: resolve(checkoutA), B: resolve(checkoutB) }, rounds, samples, A: a, B: b, changePercent };
console.log('| checkout | single-text requests/s, run by run | median requests/s | median p99 ms | failed requests |');
console.log('|---|---|---:|---:|---:|');
for (const [label, s] of [['A', a], ['B', b]] as const) {
  console.log(`| ${label} | ${s.requestsPerSecond.join(', ')} | ${s.medianRequestsPerSecond} | ${s.medianP99Ms} | ${s.failures} |`);
}
console.log(`B against A: ${changePercent >= 0 ? '+' : ''}${changePercent} % median single-text requests/s`);
if (shouldRecord(['bench/results/inference-ab.json'])) {
  await mkdir(join(root, 'bench', 'results'), { recursive: true });
  await writeFile(join(root, 'bench', 'results', 'inference-ab.json'), `${JSON.stringify(result, null, 2)}\n`);
}
