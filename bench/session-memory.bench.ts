// ModelSession under hot swap: native memory across many load/dispose cycles, plus prediction
// latency and micro-batching throughput on a realistically sized model.
// Run: `npm run bench:session-memory` (= `node --expose-gc --conditions=@ciclo/source --import tsx
// bench/session-memory.bench.ts`; without --expose-gc the RSS figures are noisier). With
// `-- --write` it writes bench/results/session-memory.json and rewrites the "Model sessions"
// section of docs/benchmarks.md; without, it only prints the table.
import { MicroBatcher, ModelSession, exportOnnxArtifact } from '@ciclo/ml';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { machineMeta } from './bench-stats';
import { shouldRecord } from './record-results';

const CYCLES = 200;
const WARM_CYCLES = 20;
const root = fileURLToPath(new URL('..', import.meta.url));

/** Shaped like a model trained on the bootstrap intent data: 262,144 × 64, ~30k used rows. */
function benchWeights(): Parameters<typeof exportOnnxArtifact>[0] {
  let seed = 12345;
  const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const buckets = 262_144;
  const dim = 64;
  const classes = 15;
  const embeddings = new Float32Array(buckets * dim);
  for (let r = 0; r < buckets; r++) {
    if (rand() > 0.115) continue;
    for (let k = 0; k < dim; k++) embeddings[r * dim + k] = (rand() * 2 - 1) / dim;
  }
  const fill = (n: number) => Float32Array.from({ length: n }, () => rand() * 2 - 1);
  return {
    mode: 'low-rank',
    labels: Array.from({ length: classes }, (_, i) => `intent_${i}`),
    featurizer: { version: 1, buckets, wordNgrams: [1, 2], charNgrams: [2, 5], foldAccents: true, maxFeatures: 1024, hashSeed: 0, charNgramWeight: 0.5 },
    dim,
    embeddings,
    outputWeights: fill(classes * dim),
    outputBias: fill(classes),
  };
}

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
function rssAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
}

const weights = benchWeights();
const artifact = exportOnnxArtifact(weights, {
  temperature: 1,
  confidenceThreshold: 0.5,
  trainingDataSha256: '0'.repeat(64),
  task: 'intent',
  language: 'pt-BR',
  libraryVersion: 'bench',
  createdAt: '2026-11-22T00:00:00.000Z',
});
const texts = ['quero cancelar meu pedido', 'where is my order BR-100234?', 'não chegou ainda 😡', 'olá, tudo bem?'];

// 1. Hot swap: load → predict → dispose, many times.
const rssStart = rssAfterGc();
const loadMs: number[] = [];
let rssWarm = rssStart;
for (let i = 0; i < CYCLES; i++) {
  const started = performance.now();
  const session = await ModelSession.load(artifact.bytes);
  loadMs.push(performance.now() - started);
  await session.predict(texts);
  await session.dispose();
  if (i + 1 === WARM_CYCLES) rssWarm = rssAfterGc();
}
const rssEnd = rssAfterGc();
loadMs.sort((a, b) => a - b);

// 2. Latency and throughput on one session.
const session = await ModelSession.load(artifact.bytes);
const single: number[] = [];
for (let i = 0; i < 2_000; i++) {
  const started = performance.now();
  await session.predict([texts[i % texts.length] ?? '']);
  single.push(performance.now() - started);
}
single.sort((a, b) => a - b);
const batch64 = Array.from({ length: 64 }, (_, i) => `${texts[i % texts.length] ?? ''} ${i}`);
let started = performance.now();
for (let i = 0; i < 200; i++) await session.predict(batch64);
const batch64TextsPerSecond = (200 * 64) / ((performance.now() - started) / 1000);
const batcher = new MicroBatcher((items: readonly string[]) => session.predict(items), { maxDelayMs: 2, maxBatchSize: 64 });
started = performance.now();
for (let round = 0; round < 20; round++) await Promise.all(Array.from({ length: 256 }, (_, i) => batcher.submit([batch64[i % 64] ?? ''])));
const batchedTextsPerSecond = (20 * 256) / ((performance.now() - started) / 1000);
const batchStats = batcher.stats();
await session.dispose();

const figures = {
  artifactMiB: mib(artifact.sizeBytes),
  embeddingStorage: artifact.embeddingStorage,
  storedEmbeddingRows: artifact.storedEmbeddingRows,
  cycles: CYCLES,
  rssStartMiB: mib(rssStart),
  rssAfterWarmMiB: mib(rssWarm),
  rssEndMiB: mib(rssEnd),
  rssGrowthAfterWarmMiB: mib(rssEnd - rssWarm),
  loadMsMedian: Math.round((loadMs[Math.floor(CYCLES / 2)] ?? 0) * 10) / 10,
  loadMsP95: Math.round((loadMs[Math.floor(CYCLES * 0.95)] ?? 0) * 10) / 10,
  predict1MsMedian: Math.round((single[1_000] ?? 0) * 1000) / 1000,
  predict1MsP99: Math.round((single[1_980] ?? 0) * 1000) / 1000,
  batch64TextsPerSecond: Math.round(batch64TextsPerSecond),
  microBatchedTextsPerSecond: Math.round(batchedTextsPerSecond),
  microBatchMeanTexts: Math.round(batchStats.meanBatchItems * 10) / 10,
};
const meta = {
  ...machineMeta(),
  exposeGc: typeof (globalThis as { gc?: unknown }).gc === 'function',
};
console.table(figures);
if (shouldRecord(['bench/results/session-memory.json', 'docs/benchmarks.md'])) {
  await mkdir(`${root}bench/results`, { recursive: true });
  await writeFile(`${root}bench/results/session-memory.json`, `${JSON.stringify({ meta, figures }, null, 2)}\n`);

  const section =
    '## Model sessions\n\n' +
    `Measured ${meta.date.slice(0, 10)} on ${meta.cores} cores (${meta.cpu}), Node ${meta.node}, load average ${meta.loadAverage1m} at the start, ` +
    `onnxruntime-node 1.30 CPU, \`intraOpNumThreads: 1\`. Model shaped like the bootstrap intent model: 262,144 × 64 low-rank, ` +
    `15 labels, ${artifact.storedEmbeddingRows.toLocaleString('en')} stored rows (${figures.artifactMiB} MiB, ${artifact.embeddingStorage}).\n\n` +
    'Rerun: `npm run bench:session-memory -- --write` (raw figures: `bench/results/session-memory.json`).\n\n' +
    '| figure | value |\n|---|---:|\n' +
    `| load/predict/dispose cycles | ${CYCLES} |\n` +
    `| RSS at start → after ${WARM_CYCLES} cycles → after ${CYCLES} (MiB) | ${figures.rssStartMiB} → ${figures.rssAfterWarmMiB} → ${figures.rssEndMiB} |\n` +
    `| RSS growth over the last ${CYCLES - WARM_CYCLES} cycles (MiB) | ${figures.rssGrowthAfterWarmMiB} |\n` +
    `| load + validate + warm-up, median / p95 (ms) | ${figures.loadMsMedian} / ${figures.loadMsP95} |\n` +
    `| predict 1 text (featurize + run), median / p99 (ms) | ${figures.predict1MsMedian} / ${figures.predict1MsP99} |\n` +
    `| predict batches of 64 (texts/s) | ${figures.batch64TextsPerSecond.toLocaleString('en')} |\n` +
    `| 256 concurrent 1-text calls through MicroBatcher (texts/s; mean texts per run) | ${figures.microBatchedTextsPerSecond.toLocaleString('en')}; ${figures.microBatchMeanTexts} |\n`;
  const docPath = `${root}docs/benchmarks.md`;
  let doc = await readFile(docPath, 'utf8').catch(() => '# Benchmarks\n');
  const pattern = /## Model sessions\n[\s\S]*?(?=\n## |$)/;
  doc = pattern.test(doc) ? doc.replace(pattern, section) : `${doc.trimEnd()}\n\n${section}`;
  await writeFile(docPath, doc.endsWith('\n') ? doc : `${doc}\n`);
}
