/** One labelled example read from a user's file. */
export interface LabelledExample {
  /** The text with leading and trailing whitespace removed. */
  readonly text: string;
  readonly label: string;
  /** From a `language` column or field when present and non-empty (e.g. `pt-BR`). */
  readonly language?: string;
  /** 1-based line where the row starts (the header is line 1 in a CSV). */
  readonly line: number;
  /**
   * The row's other columns (CSV) or fields (JSONL) by name, e.g. `{ lang: 'pt', source: 'app' }`;
   * absent when the row has none. Values are strings: CSV cells as written; in JSONL a string as
   * is, a number or boolean as its JSON text (`3`, `true`), an object or array as compact JSON.
   * Empty values (blank cells, blank strings, JSON `null`) are left out.
   */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** A row that was not imported, with what to fix. */
export interface SkippedRow {
  readonly line: number;
  readonly reason: string;
}

/** A row whose normalised text and label repeat an earlier row. */
export interface DuplicateRow {
  readonly line: number;
  /** The line of the earlier row it repeats (the one that was imported). */
  readonly firstLine: number;
  readonly text: string;
  readonly label: string;
}

/** One text that appears with more than one label. Both rows are imported; a reviewer decides. */
export interface LabelConflict {
  /** The text as first seen. */
  readonly text: string;
  readonly labels: readonly string[];
  readonly lines: readonly number[];
}

export interface ImportSummary {
  /** Non-blank data rows read: imported + skipped + dropped duplicates. */
  readonly read: number;
  readonly imported: number;
  readonly skipped: number;
  /** Rows whose normalised text and label repeat an earlier row (dropped unless `duplicates: 'keep'`). */
  readonly duplicates: number;
  /** Texts imported with two or more different labels. */
  readonly conflicts: number;
  /** Imported examples per label, keys in first-seen order. */
  readonly byLabel: Readonly<Record<string, number>>;
  /** Names of the extra columns or fields kept in {@link LabelledExample.metadata}, first-seen order. */
  readonly metadataKeys: readonly string[];
}

export interface ImportResult {
  readonly examples: readonly LabelledExample[];
  readonly skipped: readonly SkippedRow[];
  /**
   * The first {@link LISTED_DUPLICATES} duplicate rows in file order (`summary.duplicates` counts
   * them all), so a user sees what was dropped — or, with `duplicates: 'keep'`, what repeats.
   */
  readonly duplicates: readonly DuplicateRow[];
  readonly conflicts: readonly LabelConflict[];
  readonly summary: ImportSummary;
}

/**
 * How labels with capitals are read. `keep`: as written, so `Positive` and `positive` are two
 * labels (a text carrying both shows up as a conflict). `lower`: lowercased first, which merges
 * them. `strict`: refused — the lowercase-only rule of Ciclo's own label sets.
 */
export type LabelCase = 'keep' | 'lower' | 'strict';

export interface ImportOptions {
  /** Longest accepted text in characters (Unicode code points) after trimming; default 2,000. */
  readonly maxTextLength?: number;
  /** Capitals in labels: `keep` (default), `lower` or `strict`; see {@link LabelCase}. */
  readonly labelCase?: LabelCase;
  /**
   * Accepted label syntax, checked after {@link labelCase}; default {@link LABEL_PATTERN}. `null`
   * accepts any non-empty label of at most 64 characters — for public benchmark sets whose labels
   * predate Ciclo's rules (BANKING77 has `reverted_card_payment?`).
   */
  readonly labelPattern?: RegExp | null;
  /** When given, labels outside this set are skipped (e.g. the task's label list). */
  readonly allowedLabels?: Iterable<string>;
  /**
   * `drop` (default) keeps the first of rows with the same normalised text and label; `keep`
   * imports them all (still counted), so a benchmark's test split keeps its published size.
   */
  readonly duplicates?: 'drop' | 'keep';
}

/**
 * Default label syntax: letters a–z in either case (see {@link LabelCase}), digits, `_ . -`, at
 * most 64, not starting with `.` or `-` — safe in URLs, metric labels and file names.
 */
export const LABEL_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;
export const DEFAULT_MAX_TEXT_LENGTH = 2000;
/** How many duplicate rows {@link ImportResult.duplicates} lists. */
export const LISTED_DUPLICATES = 20;
