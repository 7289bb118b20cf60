// Micro-benchmark: serialising the nlp-service's inference answer, for a 1-text and a 32-text answer
// of a 3-class classifier (labels, confidences, float32 probabilities).
//   - JSON.stringify:      the floor of any hand-written serialiser (the one issue #9 removed was
//                          shape checks + JSON.stringify)
//   - fast-json-stringify: what the infer routes use: compiled from the route's response schema
//                          (registerRoute `serialiser: 'fast'`)
//   - zod + stringify:    what the zod type provider's serialiser does (check, then JSON.stringify)
// Run: `npx tsx bench/infer-serialisation.bench.ts`. Writes bench/results/infer-serialisation.json.
// Issue #9 kept the schema path because it was within 5 % of the hand-written serialiser: on a
// 2-core Xeon, node 20, 1 text 0.98–0.99 µs vs 1.96–1.99 µs (−49…−51 %), 32 texts 12.2–12.4 µs vs
// 12.1–12.3 µs (+0.3…+1.3 %); the zod serialiser was +44…+89 %.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { OipInferResponse } from '@ciclo/platform-contracts';
import { encodeInferOutputs } from '@ciclo/serving-core';
import { compileFastResponseSerialiser } from '@ciclo/platform-http';
import { isDeepStrictEqual } from 'node:util';

const LABELS = ['cancel', 'greet', 'order_status'];
const ITERATIONS = 50_000;
const ROUNDS = 15;

function response(texts: number): OipInferResponse {
  const predictions = Array.from({ length: texts }, (_, i) => {
    const a = 0.1 + (i % 7) / 10;
    // Float32, as the model session gives them (their JSON has the long digits real answers have).
    const probabilities = Float32Array.from([a * 0.7, 1 - a, a * 0.3]);
    return { label: LABELS[i % 3] as string, confidence: Math.max(...probabilities), belowThreshold: false, probabilities };
  });
  return { model_name: 'intent', model_version: '3', id: 'req-1', outputs: encodeInferOutputs(predictions, LABELS, ['label', 'confidence', 'probabilities']) };
}

type Serialiser = (r: OipInferResponse) => string;
const schemaJson = compileFastResponseSerialiser(OipInferResponse);
const serialisers: Record<string, Serialiser> = {
  'JSON.stringify': (r) => JSON.stringify(r),
  'fast-json-stringify': (r) => schemaJson(r),
  'zod + stringify': (r) => JSON.stringify(OipInferResponse.parse(r)),
};

/** ns per call of one round of ITERATIONS calls. */
function round(fn: Serialiser, input: OipInferResponse): number {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) sink += fn(input).length;
  if (sink === 0) throw new Error('nothing serialised');
  return Number(process.hrtime.bigint() - start) / ITERATIONS;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const rows: { texts: number; serialiser: string; nsPerCall: number; vsJsonStringify: number; sameJson: boolean }[] = [];
for (const texts of [1, 32]) {
  const input = response(texts);
  const reference = serialisers['JSON.stringify']?.(input) ?? '';
  const entries = Object.entries(serialisers);
  for (const [, fn] of entries) round(fn, input); // warm-up
  // Rounds alternate between serialisers so a noisy neighbour hits them all alike.
  const samples = new Map<string, number[]>(entries.map(([name]) => [name, []]));
  for (let r = 0; r < ROUNDS; r++) for (const [name, fn] of entries) samples.get(name)?.push(round(fn, input));
  const baseline = median(samples.get('JSON.stringify') ?? []);
  for (const [name, fn] of entries) {
    const ns = median(samples.get(name) ?? []);
    rows.push({ texts, serialiser: name, nsPerCall: Math.round(ns), vsJsonStringify: Math.round((ns / baseline - 1) * 1000) / 10, sameJson: isDeepStrictEqual(JSON.parse(fn(input)), JSON.parse(reference)) });
  }
}

console.log(`infer response serialisation, median of ${ROUNDS} × ${ITERATIONS} calls (${cpus()[0]?.model ?? 'cpu'}, node ${process.version})`);
console.log(['texts', 'serialiser'.padEnd(20), 'ns/call'.padStart(9), 'vs JSON.stringify'.padStart(18), 'same JSON'].join('  '));
for (const r of rows) {
  console.log([String(r.texts).padStart(5), r.serialiser.padEnd(20), String(r.nsPerCall).padStart(9), `${r.vsJsonStringify > 0 ? '+' : ''}${r.vsJsonStringify} %`.padStart(18), String(r.sameJson)].join('  '));
}
const root = fileURLToPath(new URL('..', import.meta.url));
await mkdir(`${root}bench/results`, { recursive: true });
await writeFile(`${root}bench/results/infer-serialisation.json`, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, iterations: ITERATIONS, rounds: ROUNDS, rows }, null, 2)}\n`);
