// Micro-benchmark: serialising the nlp-service's inference answer, for a 1-text and a 32-text answer
// of the 15-intent classifier (labels, confidences, float32 probabilities).
//   - JSON.stringify:       the floor of any serialiser
//   - hand-checked:         what the infer routes use (`serializeInferResponse`: shape checks, then
//                           JSON.stringify)
//   - fast-json-stringify:  compiled from the route's response schema (registerRoute `serialiser: 'fast'`)
//   - zod + stringify:      what the zod type provider's serialiser does (parse, then JSON.stringify)
// Run: `npm run bench:infer-serialisation` (add `-- --write` to write bench/results/infer-serialisation.json).
// On distinct answers fast-json-stringify is slower than the hand-checked serialiser, and inside
// the service it cost 4.9 % of single-text requests/s, so the routes keep the hand-checked one
// (docs/benchmarks.md, "Inference before and after issue #9").
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { OipInferResponse } from '@ciclo/platform-contracts';
import { encodeInferOutputs, serializeInferResponse } from '@ciclo/serving-core';
import { compileFastResponseSerialiser } from '@ciclo/platform-http';
import { isDeepStrictEqual } from 'node:util';
import { median } from './bench-stats';
import { shouldRecord } from './record-results';

/** The 15 intents of the default domain: the answer the service sends most. */
const LABELS = ['greeting', 'goodbye', 'thanks', 'order_status', 'cancel_order', 'return_refund', 'change_address', 'payment_problem', 'account_update', 'password_reset', 'product_question', 'delivery_time', 'talk_to_human', 'complaint', 'out_of_scope'];
const ITERATIONS = 50_000;
const ROUNDS = 15;

function response(texts: number, seed: number): OipInferResponse {
  const predictions = Array.from({ length: texts }, (_, i) => {
    // Float32 softmax outputs, as the model session gives them (their JSON has the long digits real answers have).
    const scores = LABELS.map((_, k) => Math.exp(Math.sin(seed * 31 + i * 7 + k * 13) * 3));
    const total = scores.reduce((sum, v) => sum + v, 0);
    const probabilities = Float32Array.from(scores, (v) => v / total);
    return { label: LABELS[i % LABELS.length] as string, confidence: Math.max(...probabilities), belowThreshold: false, probabilities };
  });
  return { model_name: 'intent', model_version: '3', id: 'req-1', outputs: encodeInferOutputs(predictions, LABELS, ['label', 'confidence', 'probabilities']) };
}

type Serialiser = (r: OipInferResponse) => string;
const schemaJson = compileFastResponseSerialiser(OipInferResponse);
const serialisers: Record<string, Serialiser> = {
  'JSON.stringify': (r) => JSON.stringify(r),
  'hand-checked': (r) => serializeInferResponse(r) ?? '',
  'fast-json-stringify': (r) => schemaJson(r),
  'zod + stringify': (r) => JSON.stringify(OipInferResponse.parse(r)),
};

/** ns per call of one round of ITERATIONS calls. */
/**
 * Distinct answers cycled through: the service never serialises the same numbers twice, and a
 * serialiser fed one answer over and over is flattered by V8's number-to-string cache.
 */
const DISTINCT_ANSWERS = 4_096;

function round(fn: Serialiser, inputs: readonly OipInferResponse[]): number {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) sink += fn(inputs[i % inputs.length] as OipInferResponse).length;
  if (sink === 0) throw new Error('nothing serialised');
  return Number(process.hrtime.bigint() - start) / ITERATIONS;
}


const rows: { texts: number; serialiser: string; nsPerCall: number; vsJsonStringify: number; sameJson: boolean }[] = [];
for (const texts of [1, 32]) {
  const inputs = Array.from({ length: DISTINCT_ANSWERS }, (_, seed) => response(texts, seed));
  const input = inputs[0] as OipInferResponse;
  const reference = serialisers['JSON.stringify']?.(input) ?? '';
  const entries = Object.entries(serialisers);
  for (const [, fn] of entries) round(fn, inputs); // warm-up
  // Rounds alternate between serialisers so a noisy neighbour hits them all alike.
  const samples = new Map<string, number[]>(entries.map(([name]) => [name, []]));
  for (let r = 0; r < ROUNDS; r++) for (const [name, fn] of entries) samples.get(name)?.push(round(fn, inputs));
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
if (shouldRecord(['bench/results/infer-serialisation.json'])) {
  await mkdir(`${root}bench/results`, { recursive: true });
  await writeFile(`${root}bench/results/infer-serialisation.json`, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, iterations: ITERATIONS, rounds: ROUNDS, rows }, null, 2)}\n`);
}
