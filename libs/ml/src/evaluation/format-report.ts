import type { ComparisonReport } from './compare-models';
import type { EvaluationReport, LabelEvaluationReport } from './evaluate';

export interface FormatReportOptions {
  /** Cap on per-class rows (worst first for comparisons, F1 ascending for reports); default all. */
  readonly maxClassRows?: number;
  /** Print the full confusion matrix when there are at most this many classes; default 12. */
  readonly maxMatrixClasses?: number;
  /** Confusions listed (most frequent first) when the matrix is too wide; default 10. */
  readonly topConfusions?: number;
}

const LABEL_WIDTH_CAP = 32;

/** Plain-text tables for the CLI and logs; fixed-width columns, no colours, 4 decimals. */
export function formatReport(report: EvaluationReport | LabelEvaluationReport | ComparisonReport, options: FormatReportOptions = {}): string {
  return 'mcnemar' in report ? formatComparison(report, options) : formatEvaluation(report, options);
}

function formatEvaluation(r: EvaluationReport | LabelEvaluationReport, options: FormatReportOptions): string {
  const lines: string[] = [];
  lines.push(`examples ${r.examples} · classes ${r.labels.length} (macro averages over ${r.macroClasses})`);
  lines.push(
    `accuracy ${num(r.accuracy)}  macro-F1 ${num(r.macroF1)}  weighted-F1 ${num(r.weightedF1)}  ` +
      `macro-P ${num(r.macroPrecision)}  macro-R ${num(r.macroRecall)}`,
  );
  // A report scored from predicted labels has no confidence to describe.
  const p = 'logLoss' in r ? r : null;
  if (p !== null) {
    lines.push(
      `ECE ${num(p.expectedCalibrationError)} (${p.reliability.length} bins)  MCE ${num(p.maxCalibrationError)}  ` +
        `mean confidence ${num(p.meanConfidence)}  log loss ${num(p.logLoss)}`,
    );
  }
  if (p !== null && p.selective !== null) {
    const s = p.selective;
    lines.push(
      `at threshold ${num(s.threshold)}: answers ${s.answered}/${r.examples} (coverage ${num(s.coverage)}), ` +
        `selective accuracy ${s.selectiveAccuracy === null ? '—' : num(s.selectiveAccuracy)}`,
    );
  }
  lines.push('');

  const rows = [...r.perClass].sort((x, y) => x.f1 - y.f1 || x.index - y.index).slice(0, options.maxClassRows ?? Infinity);
  const w = labelWidth(rows.map((c) => c.label));
  lines.push(`${pad('label', w)}  precision  recall      f1  support  predicted`);
  for (const c of rows) {
    const note = c.inMacroAverage ? '' : '  (not in macro average)';
    lines.push(
      `${pad(label(c.label), w)}  ${lpad(num(c.precision), 9)}  ${lpad(num(c.recall), 6)}  ${lpad(num(c.f1), 6)}  ` +
        `${lpad(String(c.support), 7)}  ${lpad(String(c.predicted), 9)}${note}`,
    );
  }
  if (rows.length < r.perClass.length) lines.push(`… ${r.perClass.length - rows.length} more classes`);
  lines.push('');

  const C = r.labels.length;
  if (C <= (options.maxMatrixClasses ?? 12)) {
    lines.push('confusion matrix (rows = gold, columns = predicted):');
    const cell = Math.max(5, ...r.confusionMatrix.flat().map((v) => String(v).length + 1));
    const lw = labelWidth(r.labels);
    lines.push(`${pad('', lw)} ${r.labels.map((_, j) => lpad(`[${j}]`, cell)).join('')}`);
    r.confusionMatrix.forEach((row, i) => {
      lines.push(`${pad(`[${i}] ${label(r.labels[i] ?? '')}`, lw)} ${row.map((v) => lpad(String(v), cell)).join('')}`);
    });
  } else {
    const confusions: { gold: number; pred: number; count: number }[] = [];
    r.confusionMatrix.forEach((row, g) =>
      row.forEach((count, p) => {
        if (g !== p && count > 0) confusions.push({ gold: g, pred: p, count });
      }),
    );
    confusions.sort((x, y) => y.count - x.count || x.gold - y.gold || x.pred - y.pred);
    const top = confusions.slice(0, options.topConfusions ?? 10);
    lines.push(top.length === 0 ? 'no confusions' : 'most frequent confusions (gold → predicted):');
    for (const c of top) lines.push(`  ${r.labels[c.gold]} → ${r.labels[c.pred]}  ${c.count}`);
  }
  if (p === null) return lines.join('\n');
  lines.push('');

  lines.push('reliability (confidence bin: count, accuracy, mean confidence):');
  for (const b of p.reliability) {
    if (b.count === 0) continue;
    lines.push(`  (${b.lower.toFixed(3)}, ${b.upper.toFixed(3)}]  ${lpad(String(b.count), 6)}  ${num(b.accuracy)}  ${num(b.meanConfidence)}`);
  }
  return lines.join('\n');
}

function formatComparison(c: ComparisonReport, options: FormatReportOptions): string {
  const { a, b } = c.names;
  const cw = Math.max(10, a.length, b.length);
  const lines: string[] = [];
  lines.push(`examples ${c.a.examples} · classes ${c.a.labels.length}`);
  lines.push(`${pad('metric', 20)}  ${lpad(a, cw)}  ${lpad(b, cw)}  ${lpad('delta', 8)}`);
  const metric = (name: string, x: number, y: number) =>
    lines.push(`${pad(name, 20)}  ${lpad(num(x), cw)}  ${lpad(num(y), cw)}  ${lpad(signed(y - x), 8)}`);
  metric('accuracy', c.a.accuracy, c.b.accuracy);
  metric('macro-F1', c.a.macroF1, c.b.macroF1);
  metric('weighted-F1', c.a.weightedF1, c.b.weightedF1);
  metric('ECE (lower better)', c.a.expectedCalibrationError, c.b.expectedCalibrationError);
  metric('log loss', c.a.logLoss, c.b.logLoss);
  if (c.a.selective !== null && c.b.selective !== null) {
    metric(`coverage @${num(c.a.selective.threshold)}`, c.a.selective.coverage, c.b.selective.coverage);
  }
  lines.push('');
  lines.push(
    `${b} vs ${a}: fixed ${c.paired.fixed}, broken ${c.paired.broken}, both right ${c.paired.bothCorrect}, both wrong ${c.paired.bothWrong}`,
  );
  lines.push(`McNemar (${c.mcnemar.method}): statistic ${num(c.mcnemar.statistic)}, p = ${pValue(c.mcnemar.pValue)}`);
  lines.push(
    c.largestF1Drop === null
      ? 'no class lost F1'
      : `largest per-class F1 drop: ${c.largestF1Drop.label} ${signed(c.largestF1Drop.delta)} (support ${c.largestF1Drop.support})`,
  );
  lines.push('');

  const rows = c.perClassF1Deltas.slice(0, options.maxClassRows ?? Infinity);
  const w = labelWidth(rows.map((d) => d.label));
  const fw = cw + 3;
  lines.push(`${pad('label', w)}  support  ${lpad(`F1 ${a}`, fw)}  ${lpad(`F1 ${b}`, fw)}    delta`);
  for (const d of rows) {
    lines.push(`${pad(label(d.label), w)}  ${lpad(String(d.support), 7)}  ${lpad(num(d.f1A), fw)}  ${lpad(num(d.f1B), fw)}  ${lpad(signed(d.delta), 7)}`);
  }
  if (rows.length < c.perClassF1Deltas.length) lines.push(`… ${c.perClassF1Deltas.length - rows.length} more classes`);
  return lines.join('\n');
}

const num = (x: number) => x.toFixed(4);
const signed = (x: number) => (x >= 0 ? '+' : '') + x.toFixed(4);
const pValue = (p: number) => (p < 1e-4 ? p.toExponential(2) : p.toFixed(4));
const label = (s: string) => (s.length > LABEL_WIDTH_CAP ? `${s.slice(0, LABEL_WIDTH_CAP - 1)}…` : s);
const labelWidth = (labels: readonly string[]) => Math.min(LABEL_WIDTH_CAP + 4, Math.max(5, ...labels.map((s) => s.length + 4)));
const pad = (s: string, w: number) => s.padEnd(w);
const lpad = (s: string, w: number) => s.padStart(w);
