import { MetricDefinitionError } from './metric-definition-error';

/** What a label value that is not allowed (or over its label's cap) is recorded as. */
export const OTHER_LABEL_VALUE = 'other';

/** The most distinct values a capped label may take; a larger cap is an unbounded label in disguise. */
export const MAX_LABEL_CARDINALITY = 1000;

/**
 * How a label is bounded: the list of values it may take, or a cap on how many distinct values
 * it holds at once. Anything else is recorded as `other`, so one bad caller (a raw URL as a
 * route, a user's text as a label) cannot grow the registry without limit.
 */
export type LabelBound = readonly string[] | { readonly maxValues: number };
export type LabelBounds = Readonly<Record<string, LabelBound>>;

/** A listed label takes exactly its values; a capped one any string or number. */
export type LabelValue<B extends LabelBound> = B extends readonly (infer V extends string)[] ? V : string | number;
export type LabelValues<L extends LabelBounds> = { readonly [K in keyof L]: LabelValue<L[K]> };

/** `app` is every registry's default label; `le` and `quantile` belong to histograms and summaries. */
const RESERVED_LABELS: ReadonlySet<string> = new Set(['app', 'le', 'quantile']);
const LABEL_NAME = /^[a-z][a-z0-9_]*$/;

interface Admission {
  /** The value to record for `value`: itself when allowed (or room is left), else `other`. */
  admit(value: string): string;
  /** A series with this value now exists (`+1`) or was removed (`-1`). */
  count(value: string, delta: 1 | -1): void;
}

function listedAdmission(values: readonly string[]): Admission {
  const allowed = new Set(values);
  return { admit: (value) => (allowed.has(value) ? value : OTHER_LABEL_VALUE), count: () => undefined };
}

/** Counts series per value, so a removed series (an unloaded model version) frees its slot. */
function cappedAdmission(maxValues: number): Admission {
  const live = new Map<string, number>();
  return {
    admit: (value) => (live.has(value) || live.size < maxValues || value === OTHER_LABEL_VALUE ? value : OTHER_LABEL_VALUE),
    count(value, delta) {
      const next = (live.get(value) ?? 0) + delta;
      if (next > 0) live.set(value, next);
      else live.delete(value);
    },
  };
}

function admissionFor(metric: string, label: string, bound: LabelBound): Admission {
  if (!LABEL_NAME.test(label) || RESERVED_LABELS.has(label)) {
    throw new MetricDefinitionError(metric, `label "${label}" must be snake_case and not one of ${[...RESERVED_LABELS].join(', ')}`);
  }
  if (Array.isArray(bound)) {
    const values = bound as readonly unknown[];
    if (values.length === 0 || values.some((v) => typeof v !== 'string') || new Set(values).size !== values.length) {
      throw new MetricDefinitionError(metric, `label "${label}" must list at least one value, as distinct strings`);
    }
    return listedAdmission(bound as readonly string[]);
  }
  const { maxValues } = bound as { maxValues: number };
  if (!Number.isInteger(maxValues) || maxValues < 1 || maxValues > MAX_LABEL_CARDINALITY) {
    throw new MetricDefinitionError(metric, `label "${label}" needs maxValues between 1 and ${MAX_LABEL_CARDINALITY}`);
  }
  return cappedAdmission(maxValues);
}

/** Checks every label's name and bound; run before anything is registered, so a bad declaration leaves no trace. */
export function checkLabelBounds(metric: string, bounds: LabelBounds): void {
  for (const [label, bound] of Object.entries(bounds)) admissionFor(metric, label, bound);
}

type CacheNode<C> = Map<unknown, CacheNode<C> | C>;

/**
 * The series of one metric, keyed by label values. Bounds are checked once, when a series is
 * created; after that a lookup is one Map.get per label on the caller's raw values (no string
 * building, no hashing, no allocation), which keeps the serving hot path as cheap as a
 * pre-bound prom-client child. Values folded into `other` are not cached under their raw value,
 * or the cache itself would be the unbounded thing.
 */
export class BoundedSeries<C> {
  readonly #names: readonly string[];
  readonly #admissions: readonly Admission[];
  /** Admitted label values joined by NUL → the series, so folded values share one child. */
  readonly #series = new Map<string, { readonly child: C; readonly labels: Record<string, string> }>();
  #cache: CacheNode<C> = new Map();

  constructor(
    private readonly metric: string,
    bounds: LabelBounds,
    private readonly create: (labels: Record<string, string>) => C,
    private readonly drop: (labels: Record<string, string>) => void,
  ) {
    this.#names = Object.keys(bounds);
    this.#admissions = this.#names.map((label) => admissionFor(metric, label, bounds[label] as LabelBound));
  }

  get labelNames(): readonly string[] {
    return this.#names;
  }

  get(values: Readonly<Record<string, unknown>>): C {
    const names = this.#names;
    const last = names.length - 1;
    let node = this.#cache;
    for (let i = 0; i < last; i += 1) {
      const next = node.get(values[names[i] as string]) as CacheNode<C> | undefined;
      if (next === undefined) return this.#resolve(values);
      node = next;
    }
    const child = node.get(last < 0 ? undefined : values[names[last] as string]) as C | undefined;
    return child === undefined ? this.#resolve(values) : child;
  }

  /** Removes the series these values are recorded under (e.g. the info series of an unloaded version). */
  remove(values: Readonly<Record<string, unknown>>): void {
    const { key } = this.#admit(values);
    const series = this.#series.get(key);
    if (!series) return;
    this.#series.delete(key);
    this.drop(series.labels);
    this.#names.forEach((name, i) => this.#admissions[i]?.count(series.labels[name] as string, -1));
    // Removal is rare (a model swap); forgetting every cached route is simpler than pruning one.
    this.#cache = new Map();
  }

  #admit(values: Readonly<Record<string, unknown>>): { labels: Record<string, string>; key: string; folded: boolean } {
    const labels: Record<string, string> = {};
    let folded = false;
    this.#names.forEach((name, i) => {
      const raw = values[name];
      if (typeof raw !== 'string' && typeof raw !== 'number') {
        throw new MetricDefinitionError(this.metric, `label "${name}" needs a string or number value, got ${typeof raw}`);
      }
      const value = String(raw);
      const admitted = (this.#admissions[i] as Admission).admit(value);
      folded ||= admitted !== value;
      labels[name] = admitted;
    });
    return { labels, key: this.#names.map((name) => labels[name]).join('\u0000'), folded };
  }

  #resolve(values: Readonly<Record<string, unknown>>): C {
    const { labels, key, folded } = this.#admit(values);
    let series = this.#series.get(key);
    if (!series) {
      series = { child: this.create(labels), labels };
      this.#series.set(key, series);
      this.#names.forEach((name, i) => this.#admissions[i]?.count(labels[name] as string, 1));
    }
    if (!folded) this.#remember(values, series.child);
    return series.child;
  }

  #remember(values: Readonly<Record<string, unknown>>, child: C): void {
    const names = this.#names;
    const last = names.length - 1;
    let node = this.#cache;
    for (let i = 0; i < last; i += 1) {
      const value = values[names[i] as string];
      let next = node.get(value) as CacheNode<C> | undefined;
      if (next === undefined) {
        next = new Map();
        node.set(value, next);
      }
      node = next;
    }
    node.set(last < 0 ? undefined : values[names[last] as string], child);
  }
}
