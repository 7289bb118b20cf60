import {
  DEFAULT_MAX_TEXT_LENGTH,
  LABEL_PATTERN,
  LISTED_DUPLICATES,
  type DuplicateRow,
  type ImportOptions,
  type ImportResult,
  type LabelCase,
  type LabelConflict,
  type LabelledExample,
  type SkippedRow,
} from './import-result';

/** One row as a format reader found it, before validation; `undefined` = field absent. */
export interface RawRow {
  readonly line: number;
  readonly text: string | undefined;
  readonly label: string | undefined;
  readonly language: string | undefined;
  /** The row's other values, already strings with empty ones left out; undefined when none. */
  readonly metadata?: Readonly<Record<string, string>>;
}

const LANGUAGE_PATTERN = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/;
const MAX_FREE_LABEL_LENGTH = 64;
const LISTED_ALLOWED_LABELS = 8;

/**
 * Validates rows from any format, drops duplicates, finds conflicts and keeps the counts, so CSV
 * and JSONL imports behave identically. Rows are validated in file order and the first of
 * duplicate rows wins, so the result depends only on the file.
 */
export class LabelledExampleCollector {
  readonly #maxTextLength: number;
  readonly #labelPattern: RegExp | null;
  readonly #labelCase: LabelCase;
  readonly #allowed: ReadonlySet<string> | null;
  readonly #keepDuplicates: boolean;
  readonly #examples: LabelledExample[] = [];
  readonly #skipped: SkippedRow[] = [];
  readonly #duplicateRows: DuplicateRow[] = [];
  readonly #metadataKeys = new Set<string>();
  /**
   * Normalised text → index of its imported example, or of all of them once it repeats. One map
   * serves both duplicate and conflict detection, and texts seen once (nearly all) cost no array.
   */
  readonly #byText = new Map<string, number | number[]>();
  readonly #byLabel = new Map<string, number>();
  #read = 0;
  #duplicates = 0;

  constructor(options: ImportOptions = {}) {
    this.#maxTextLength = options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH;
    this.#labelPattern = options.labelPattern === undefined ? LABEL_PATTERN : options.labelPattern;
    this.#labelCase = options.labelCase ?? 'keep';
    this.#allowed = options.allowedLabels === undefined ? null : new Set(options.allowedLabels);
    this.#keepDuplicates = options.duplicates === 'keep';
  }

  /** A row the reader could not even split into fields (bad quoting, invalid JSON). */
  skip(line: number, reason: string): void {
    this.#read++;
    this.#skipped.push({ line, reason });
  }

  add(row: RawRow): void {
    this.#read++;
    const reason = this.#validate(row);
    if (reason !== null) {
      this.#skipped.push({ line: row.line, reason });
      return;
    }
    const text = (row.text as string).trim();
    const label = this.#caseOf((row.label as string).trim());
    const key = normaliseForComparison(text);
    const index = this.#examples.length;
    const earlier = this.#byText.get(key);
    if (earlier === undefined) {
      this.#byText.set(key, index);
    } else {
      const indices = typeof earlier === 'number' ? [earlier] : earlier;
      const repeated = indices.find((i) => this.#examples[i]?.label === label);
      if (repeated !== undefined) {
        this.#duplicates++;
        if (this.#duplicateRows.length < LISTED_DUPLICATES) {
          this.#duplicateRows.push({ line: row.line, firstLine: (this.#examples[repeated] as LabelledExample).line, text, label });
        }
        if (!this.#keepDuplicates) return;
      }
      indices.push(index);
      if (typeof earlier === 'number') this.#byText.set(key, indices);
    }
    this.#examples.push(this.#example(row, text, label));
    this.#byLabel.set(label, (this.#byLabel.get(label) ?? 0) + 1);
  }

  result(): ImportResult {
    const conflicts: LabelConflict[] = [];
    for (const entry of this.#byText.values()) {
      if (typeof entry === 'number') continue;
      const examples = entry.map((i) => this.#examples[i] as LabelledExample);
      const labels = [...new Set(examples.map((e) => e.label))];
      if (labels.length > 1) {
        conflicts.push({ text: (examples[0] as LabelledExample).text, labels, lines: examples.map((e) => e.line) });
      }
    }
    return {
      examples: this.#examples,
      skipped: this.#skipped,
      duplicates: this.#duplicateRows,
      conflicts,
      summary: {
        read: this.#read,
        imported: this.#examples.length,
        skipped: this.#skipped.length,
        duplicates: this.#duplicates,
        conflicts: conflicts.length,
        byLabel: Object.fromEntries(this.#byLabel),
        metadataKeys: [...this.#metadataKeys],
      },
    };
  }

  /** The example as imported; optional fields only when they carry a value (most rows have none). */
  #example(row: RawRow, text: string, label: string): LabelledExample {
    const language = row.language?.trim();
    const example: { -readonly [K in keyof LabelledExample]: LabelledExample[K] } = { text, label, line: row.line };
    if (language !== undefined && language !== '') example.language = language;
    if (row.metadata !== undefined) {
      example.metadata = row.metadata;
      for (const name of Object.keys(row.metadata)) this.#metadataKeys.add(name);
    }
    return example;
  }

  #caseOf(label: string): string {
    return this.#labelCase === 'lower' ? label.toLowerCase() : label;
  }

  /** The first problem of a row, phrased as what to change; null when the row is fine. */
  #validate(row: RawRow): string | null {
    if (row.text === undefined) return 'missing the text field';
    if (row.label === undefined) return 'missing the label field';
    const text = row.text.trim();
    if (text === '') return 'text is empty; write the message the label belongs to';
    if (text.length > this.#maxTextLength) {
      // Code points, not UTF-16 units, so an emoji counts once; only counted when it can matter.
      const length = [...text].length;
      if (length > this.#maxTextLength) {
        return `text has ${length} characters; the limit is ${this.#maxTextLength}, so shorten or split it`;
      }
    }
    const label = this.#caseOf(row.label.trim());
    if (label === '') return 'label is empty; every row needs a label';
    if (this.#labelCase === 'strict' && label !== label.toLowerCase()) {
      return `label "${clip(label)}" has capitals; write it in lowercase (e.g. "${clip(label.toLowerCase())}")`;
    }
    if (this.#labelPattern === null) {
      if (label.length > MAX_FREE_LABEL_LENGTH) return `label "${clip(label)}" is longer than ${MAX_FREE_LABEL_LENGTH} characters`;
    } else if (!this.#labelPattern.test(label)) {
      return this.#labelPattern === LABEL_PATTERN
        ? `label "${clip(label)}" is not valid: use 1–64 letters a–z, digits, "_", "." or "-", ` +
            `not starting with "." or "-" (e.g. "order_status")`
        : `label "${clip(label)}" does not match ${String(this.#labelPattern)}`;
    }
    if (this.#allowed !== null && !this.#allowed.has(label)) {
      const known = [...this.#allowed];
      const listed = known.slice(0, LISTED_ALLOWED_LABELS).join(', ') + (known.length > LISTED_ALLOWED_LABELS ? ', …' : '');
      return `label "${clip(label)}" is not one of this task's ${known.length} labels (${listed})`;
    }
    const language = row.language?.trim();
    if (language !== undefined && language !== '' && !LANGUAGE_PATTERN.test(language)) {
      return `language "${clip(language)}" is not a language tag like "pt-BR" or "en"; fix it or leave it empty`;
    }
    return null;
  }
}

/**
 * The key under which two texts count as the same: Unicode NFC, runs of whitespace as one space,
 * lowercase. Accents are kept — "pão" and "pao" may well deserve separate examples.
 */
export function normaliseForComparison(text: string): string {
  const nfc = text.normalize('NFC').toLowerCase();
  // Most texts have single spaces only; checking that by char code is far cheaper than a regex.
  return hasUnusualWhitespace(nfc) ? nfc.replace(/\s+/g, ' ').trim() : nfc;
}

/** True if `s` has whitespace other than single inner spaces (tabs, runs, edges, NBSP, …). */
function hasUnusualWhitespace(s: string): boolean {
  let previousSpace = true; // a leading space counts as unusual
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20) {
      if (previousSpace) return true;
      previousSpace = true;
    } else {
      if (c < 0x20 || c === 0xa0 || (c >= 0x1680 && /\s/.test(s[i] as string))) return true;
      previousSpace = false;
    }
  }
  return previousSpace && s.length > 0;
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}
