// Why the labelled-CSV import keeps its own record reader instead of csv-parse: the same file
// read by the import path (hand-written reader + example collector) and by csv-parse alone.
// Run: `npm run bench:csv-import` prints the table summarised in the "CSV import" section of
// docs/benchmarks.md; with `-- --write` it also writes bench/results/csv-import.json.
import { parseLabelledCsv } from '@ciclo/ml';
import { parse } from 'csv-parse/sync';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { machineMeta } from './bench-stats';
import { shouldRecord } from './record-results';

const ROWS = 200_000;
const RUNS = 7;
const root = fileURLToPath(new URL('..', import.meta.url));

// CRLF, one row in three quoted with commas inside, an extra column: a typical export.
const lines = ['text,label,language'];
for (let i = 0; i < ROWS; i++) {
  lines.push(i % 3 === 0 ? `"Olá, quero saber do pedido ${i}, por favor",order_status,pt-BR` : `where is order number ${i} please,order_status,en`);
}
const csv = lines.join('\r\n');

/** The csv-parse options closest to the reader's rules (BOM, CR/LF/CRLF, lenient quotes, blank lines). */
const compatible = { bom: true, relax_quotes: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] };

const candidates: Record<string, () => number> = {
  'import path: hand-written reader + collector': () => parseLabelledCsv(csv, { duplicates: 'keep' }).summary.read,
  'csv-parse alone (records only)': () => parse(csv, compatible).length - 1,
  // Per-record raw text and counters: what line numbers and per-line reasons would be rebuilt from.
  'csv-parse alone with raw + info': () => parse(csv, { ...compatible, raw: true, info: true }).length - 1,
};

const figures = Object.entries(candidates).map(([name, run]) => {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    rows = run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const medianMs = times[Math.floor(RUNS / 2)] ?? 0;
  return { name, rows, medianMs: Math.round(medianMs), rowsPerSecond: Math.round(rows / (medianMs / 1000)) };
});
const meta = {
  ...machineMeta(),
  rows: ROWS,
  runs: RUNS,
};
console.table(figures);
if (shouldRecord(['bench/results/csv-import.json'])) {
  await mkdir(`${root}bench/results`, { recursive: true });
  await writeFile(`${root}bench/results/csv-import.json`, `${JSON.stringify({ meta, figures }, null, 2)}\n`);
}
