/** One labelled example read from a user's file. */
export interface LabelledExample {
  /** The text with leading and trailing whitespace removed. */
  readonly text: string;
  readonly label: string;
  /** From a `language` column or field when present and non-empty (e.g. `pt-BR`). */
  readonly language?: string;
  /** 1-based line where the row starts (the header is line 1 in a CSV). */
  readonly line: number;
}

/** A row that was not imported, with what to fix. */
export interface SkippedRow {
  readonly line: number;
  readonly reason: string;
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
}

export interface ImportResult {
  readonly examples: readonly LabelledExample[];
  readonly skipped: readonly SkippedRow[];
  readonly conflicts: readonly LabelConflict[];
  readonly summary: ImportSummary;
}

export interface ImportOptions {
  /** Longest accepted text in characters (Unicode code points) after trimming; default 2,000. */
  readonly maxTextLength?: number;
  /**
   * Accepted label syntax; default {@link LABEL_PATTERN}. `null` accepts any non-empty label of at
   * most 64 characters — for public benchmark sets whose labels predate Ciclo's rules (BANKING77
   * has `Refund_not_showing_up` and `reverted_card_payment?`).
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

/** Label syntax shared with the rest of the platform: lowercase, digits, `_ . -`, at most 64. */
export const LABEL_PATTERN = /^[a-z0-9_][a-z0-9_.-]{0,63}$/;
export const DEFAULT_MAX_TEXT_LENGTH = 2000;
