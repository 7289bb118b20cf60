import type { ClassComparison, CompareView, ConfusionMatrixView, MetricComparison, VersionView } from '@ciclo/platform-contracts';

const delta = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);
const numberOrNull = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Every numeric top-level metric of either version, by name. */
function compareMetrics(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): MetricComparison[] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names
    .map((name) => ({ name, a: numberOrNull(a[name]), b: numberOrNull(b[name]) }))
    .filter((m) => m.a !== null || m.b !== null)
    .map((m) => ({ ...m, delta: delta(m.a, m.b) }));
}

/** `metrics.perClass` ([{ label, f1 }], as EvaluationReport writes it) → label → F1. */
function perClassF1(metrics: Readonly<Record<string, unknown>>): Map<string, number> {
  const entries = Array.isArray(metrics['perClass']) ? (metrics['perClass'] as unknown[]) : [];
  const f1 = new Map<string, number>();
  for (const entry of entries) {
    const e = entry as { label?: unknown; f1?: unknown } | null;
    if (typeof e?.label === 'string' && typeof e.f1 === 'number') f1.set(e.label, e.f1);
  }
  return f1;
}

function compareClasses(a: VersionView, b: VersionView): ClassComparison[] {
  const fa = perClassF1(a.metrics);
  const fb = perClassF1(b.metrics);
  const labels = [...new Set([...a.labels, ...b.labels, ...fa.keys(), ...fb.keys()])].filter((l) => fa.has(l) || fb.has(l));
  return labels.map((label) => {
    const va = fa.get(label) ?? null;
    const vb = fb.get(label) ?? null;
    return { label, a: va, b: vb, delta: delta(va, vb) };
  });
}

/** `metrics.confusionMatrix` (C × C, rows = gold) when stored and square over the labels. */
function confusionMatrix(version: VersionView): ConfusionMatrixView {
  const matrix = version.metrics['confusionMatrix'];
  const labels = Array.isArray(version.metrics['labels']) ? (version.metrics['labels'] as unknown[]).filter((l) => typeof l === 'string') : version.labels;
  if (!Array.isArray(matrix) || matrix.length !== labels.length) return null;
  const rows = matrix as unknown[];
  if (!rows.every((row) => Array.isArray(row) && row.length === labels.length && row.every((n) => typeof n === 'number'))) return null;
  return { labels: [...labels], matrix: rows as number[][] };
}

/** Two versions side by side: numeric metrics, per-class F1 deltas (b − a), confusion matrices. */
export function compareVersions(model: string, a: VersionView, b: VersionView): CompareView {
  const ha = a.metrics['holdout'];
  const hb = b.metrics['holdout'];
  return {
    model,
    a,
    b,
    metrics: compareMetrics(a.metrics, b.metrics),
    perClassF1: compareClasses(a, b),
    confusionMatrices: { a: confusionMatrix(a), b: confusionMatrix(b) },
    sameHoldout: typeof ha === 'string' && typeof hb === 'string' ? ha === hb : null,
  };
}
