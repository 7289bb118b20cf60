import { InvalidRegistryInputError } from './errors/invalid-registry-input-error';

/**
 * A model's promotion gate (stored in `models.gate`). Every threshold is optional; an empty gate
 * passes everything. Names follow the schema's documented example.
 */
export interface PromotionGate {
  /** The candidate's macro-F1 must be at least this. */
  readonly minMacroF1?: number;
  /** Largest allowed macro-F1 drop against the production version (0 = no drop at all). */
  readonly maxMacroF1Drop?: number;
  /** Largest allowed F1 drop of any single class against the production version. */
  readonly maxClassF1Drop?: number;
}

/** One class's F1 (EvaluationReport.perClass entries fit: extra fields are kept and ignored). */
export interface ClassF1 {
  readonly label: string;
  readonly f1: number;
}

/**
 * What the gate reads from a version's `metrics` (any other keys are stored untouched).
 * `holdout` names the frozen evaluation set (e.g. the dataset snapshot's hash): comparisons
 * between different holdouts are refused. `baseline` is production measured by the trainer on
 * the candidate's own holdout, which the gate prefers to production's stored metrics.
 */
export interface GateMetrics {
  readonly macroF1?: number;
  readonly holdout?: string;
  readonly perClass?: readonly ClassF1[];
  readonly baseline?: { readonly version: number; readonly macroF1: number; readonly perClass?: readonly ClassF1[] };
}

/** One check's verdict, as stored in `promotion_decisions.reasons`. */
export interface GateCheck {
  readonly check: string;
  readonly passed: boolean;
  readonly candidate?: number | string | null;
  readonly baseline?: number | string | null;
  readonly threshold?: number;
  readonly message: string;
}

export interface GateVerdict {
  readonly passed: boolean;
  readonly checks: readonly GateCheck[];
}

const EPSILON = 1e-9;

function isUnitInterval(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
}

export function parsePromotionGate(value: unknown): PromotionGate {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new InvalidRegistryInputError('gate must be an object', { field: 'gate' });
  const known = new Set(['minMacroF1', 'maxMacroF1Drop', 'maxClassF1Drop']);
  const gate: Record<string, number> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!known.has(key)) throw new InvalidRegistryInputError(`gate has unknown key "${key}" (known: ${[...known].join(', ')})`, { field: `gate.${key}` });
    if (v === undefined) continue;
    if (!isUnitInterval(v)) throw new InvalidRegistryInputError(`gate.${key} must be a number in [0, 1]`, { field: `gate.${key}` });
    gate[key] = v;
  }
  return gate;
}

function parseClassF1List(value: unknown, field: string): ClassF1[] {
  if (!Array.isArray(value)) throw new InvalidRegistryInputError(`${field} must be an array of {label, f1}`, { field });
  return value.map((entry, i) => {
    const e = entry as { label?: unknown; f1?: unknown };
    if (typeof e?.label !== 'string' || !isUnitInterval(e.f1)) {
      throw new InvalidRegistryInputError(`${field}[${i}] must have a string label and an f1 in [0, 1]`, { field: `${field}[${i}]` });
    }
    return { label: e.label, f1: e.f1 };
  });
}

/**
 * Checks the fields the gate reads when they are present (a version may carry no metrics at all,
 * e.g. a brought model; the gate then fails if it has thresholds).
 */
export function parseGateMetrics(metrics: unknown): GateMetrics {
  if (metrics === undefined || metrics === null) return {};
  if (typeof metrics !== 'object' || Array.isArray(metrics)) throw new InvalidRegistryInputError('metrics must be a JSON object', { field: 'metrics' });
  const m = metrics as Record<string, unknown>;
  const out: { -readonly [K in keyof GateMetrics]: GateMetrics[K] } = {};
  if (m['macroF1'] !== undefined) {
    if (!isUnitInterval(m['macroF1'])) throw new InvalidRegistryInputError('metrics.macroF1 must be a number in [0, 1]', { field: 'metrics.macroF1' });
    out.macroF1 = m['macroF1'];
  }
  if (m['holdout'] !== undefined) {
    if (typeof m['holdout'] !== 'string' || m['holdout'] === '') throw new InvalidRegistryInputError('metrics.holdout must be a non-empty string', { field: 'metrics.holdout' });
    out.holdout = m['holdout'];
  }
  if (m['perClass'] !== undefined) out.perClass = parseClassF1List(m['perClass'], 'metrics.perClass');
  if (m['baseline'] !== undefined) {
    const b = m['baseline'] as Record<string, unknown> | null;
    if (typeof b !== 'object' || b === null || !Number.isInteger(b['version']) || !isUnitInterval(b['macroF1'])) {
      throw new InvalidRegistryInputError('metrics.baseline must be {version, macroF1, perClass?}', { field: 'metrics.baseline' });
    }
    out.baseline = {
      version: b['version'] as number,
      macroF1: b['macroF1'],
      ...(b['perClass'] === undefined ? {} : { perClass: parseClassF1List(b['perClass'], 'metrics.baseline.perClass') }),
    };
  }
  return out;
}

export interface GateInput {
  readonly gate: PromotionGate;
  readonly candidate: { readonly version: number; readonly metrics: GateMetrics };
  /** The version currently in production, or null when nothing is. */
  readonly production: { readonly version: number; readonly metrics: GateMetrics } | null;
}

/**
 * Evaluate the gate from registered metrics only (no model is run). Relative checks compare with
 * production as measured on the candidate's holdout: the candidate's own `baseline` entry when it
 * names the current production version, otherwise production's registered metrics, and then only
 * when both name the same holdout — different holdouts make the comparison meaningless, so it fails.
 */
export function evaluatePromotionGate({ gate, candidate, production }: GateInput): GateVerdict {
  const checks: GateCheck[] = [];
  const c = candidate.metrics;
  if (gate.minMacroF1 !== undefined) {
    const ok = c.macroF1 !== undefined && c.macroF1 + EPSILON >= gate.minMacroF1;
    checks.push({
      check: 'minMacroF1',
      passed: ok,
      candidate: c.macroF1 ?? null,
      threshold: gate.minMacroF1,
      message: c.macroF1 === undefined ? 'candidate has no macroF1 metric' : `macro-F1 ${c.macroF1.toFixed(4)} ${ok ? '≥' : '<'} ${gate.minMacroF1}`,
    });
  }
  const relative = gate.maxMacroF1Drop !== undefined || gate.maxClassF1Drop !== undefined;
  if (!relative) return { passed: checks.every((k) => k.passed), checks };
  if (production === null) {
    checks.push({ check: 'baseline', passed: true, message: 'no production version yet: relative checks skipped' });
    return { passed: checks.every((k) => k.passed), checks };
  }
  if (production.version === candidate.version) {
    checks.push({ check: 'baseline', passed: true, message: 'candidate is the production version' });
    return { passed: checks.every((k) => k.passed), checks };
  }

  let baseline: { macroF1?: number; perClass?: readonly ClassF1[] };
  if (c.baseline && c.baseline.version === production.version) {
    baseline = c.baseline;
    checks.push({ check: 'sameHoldout', passed: true, candidate: c.holdout ?? null, message: `production v${production.version} measured on the candidate's holdout` });
  } else {
    const same = c.holdout !== undefined && c.holdout === production.metrics.holdout;
    checks.push({
      check: 'sameHoldout',
      passed: same,
      candidate: c.holdout ?? null,
      baseline: production.metrics.holdout ?? null,
      message: same
        ? `both measured on holdout ${c.holdout}`
        : `candidate and production v${production.version} were not measured on the same named holdout; re-evaluate production on the candidate's holdout (metrics.baseline)`,
    });
    if (!same) return { passed: false, checks };
    baseline = production.metrics;
  }

  if (gate.maxMacroF1Drop !== undefined) {
    if (c.macroF1 === undefined || baseline.macroF1 === undefined) {
      checks.push({ check: 'macroF1Drop', passed: false, candidate: c.macroF1 ?? null, baseline: baseline.macroF1 ?? null, threshold: gate.maxMacroF1Drop, message: 'macroF1 missing on candidate or baseline' });
    } else {
      const drop = baseline.macroF1 - c.macroF1;
      const ok = drop <= gate.maxMacroF1Drop + EPSILON;
      checks.push({ check: 'macroF1Drop', passed: ok, candidate: c.macroF1, baseline: baseline.macroF1, threshold: gate.maxMacroF1Drop, message: `macro-F1 ${baseline.macroF1.toFixed(4)} → ${c.macroF1.toFixed(4)} (drop ${drop.toFixed(4)}, allowed ${gate.maxMacroF1Drop})` });
    }
  }
  if (gate.maxClassF1Drop !== undefined) {
    if (!c.perClass || !baseline.perClass) {
      checks.push({ check: 'classF1Drop', passed: false, threshold: gate.maxClassF1Drop, message: 'perClass F1 missing on candidate or baseline' });
    } else {
      const candidateF1 = new Map(c.perClass.map((k) => [k.label, k.f1]));
      for (const base of baseline.perClass) {
        const f1 = candidateF1.get(base.label);
        const drop = f1 === undefined ? base.f1 : base.f1 - f1;
        const ok = f1 !== undefined && drop <= gate.maxClassF1Drop + EPSILON;
        checks.push({
          check: `classF1Drop:${base.label}`,
          passed: ok,
          candidate: f1 ?? null,
          baseline: base.f1,
          threshold: gate.maxClassF1Drop,
          message: f1 === undefined ? `class "${base.label}" has no F1 on the candidate` : `F1 of "${base.label}" ${base.f1.toFixed(4)} → ${f1.toFixed(4)} (drop ${drop.toFixed(4)}, allowed ${gate.maxClassF1Drop})`,
        });
      }
    }
  }
  return { passed: checks.every((k) => k.passed), checks };
}
