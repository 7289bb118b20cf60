import { ImportError } from './import-error';
import type { ImportOptions, ImportResult } from './import-result';
import { LabelledExampleCollector } from './labelled-example-collector';
import { rowMetadata } from './row-metadata';

const EXAMPLE_OBJECT = '{"text": "…", "label": "…"}';
const OWN_FIELDS: ReadonlySet<string> = new Set(['text', 'label', 'language']);

/**
 * Reads JSON Lines in chunks: one object per line with string fields `text` and `label` and an
 * optional `language` (string or null). Any other field is kept in the example's `metadata` as
 * a string: strings as they are, numbers and booleans as their JSON text (`3`, `true`), objects
 * and arrays as compact JSON; `null` and blank strings are left out (see {@link rowMetadata}).
 * Blank lines are skipped; LF and CRLF line ends are accepted. Use {@link parseLabelledJsonl}
 * for text already in memory.
 */
export class LabelledJsonlParser {
  readonly #collector: LabelledExampleCollector;
  /** The part of the input after the last line break seen so far. */
  #pending = '';
  #line = 0;
  #atStart = true;
  #nonBlank = 0;

  constructor(options: ImportOptions = {}) {
    this.#collector = new LabelledExampleCollector(options);
  }

  push(chunk: string): void {
    if (this.#atStart && chunk.length > 0) {
      this.#atStart = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    const text = this.#pending + chunk;
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      this.#readLine(text.slice(start, end));
      start = end + 1;
    }
    this.#pending = text.slice(start);
  }

  /** @throws ImportError when the input holds no object at all. */
  end(): ImportResult {
    if (this.#pending !== '') this.#readLine(this.#pending);
    this.#pending = '';
    if (this.#nonBlank === 0) {
      throw new ImportError('EMPTY_FILE', `The file is empty; expected one JSON object per line like ${EXAMPLE_OBJECT}.`);
    }
    return this.#collector.result();
  }

  #readLine(raw: string): void {
    this.#line++;
    const line = this.#line;
    const source = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (source.trim() === '') return;
    this.#nonBlank++;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      this.#collector.skip(line, `invalid JSON (${detail}); each line must be one object like ${EXAMPLE_OBJECT}`);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.#collector.skip(line, `expected a JSON object like ${EXAMPLE_OBJECT}, found ${describe(value)}`);
      return;
    }
    const record = value as Record<string, unknown>;
    for (const field of ['text', 'label'] as const) {
      const v = record[field];
      if (v !== undefined && typeof v !== 'string') {
        this.#collector.skip(line, `"${field}" must be a string, found ${describe(v)}`);
        return;
      }
    }
    const language = record['language'];
    if (language !== undefined && language !== null && typeof language !== 'string') {
      this.#collector.skip(line, `"language" must be a string such as "pt-BR", found ${describe(language)}`);
      return;
    }
    this.#collector.add({
      line,
      text: record['text'] as string | undefined,
      label: record['label'] as string | undefined,
      language: typeof language === 'string' ? language : undefined,
      metadata: rowMetadata(Object.entries(record).filter(([name]) => !OWN_FIELDS.has(name))),
    });
  }
}

/** Parses a whole JSON Lines text held in memory; see {@link LabelledJsonlParser}. */
export function parseLabelledJsonl(text: string, options: ImportOptions = {}): ImportResult {
  const parser = new LabelledJsonlParser(options);
  parser.push(text);
  return parser.end();
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
