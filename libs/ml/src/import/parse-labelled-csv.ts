import { CsvRecordReader } from './csv-record-reader';
import { ImportError } from './import-error';
import type { ImportOptions, ImportResult } from './import-result';
import { LabelledExampleCollector } from './labelled-example-collector';
import { rowMetadata } from './row-metadata';

interface Columns {
  readonly text: number;
  readonly label: number;
  readonly language: number | null;
  /** Every other named column, kept as metadata under its header name. */
  readonly extra: readonly (readonly [name: string, index: number])[];
  readonly width: number;
}

/**
 * Reads a labelled CSV in chunks: a header naming at least `text` and `label` (any order, any
 * case) and optionally `language`, then one example per record. Any other column (`lang`,
 * `source`, …) is kept in each example's `metadata` under its header name as written; a column
 * with a blank header has no name to keep it under and is ignored. Use {@link parseLabelledCsv}
 * for text already in memory.
 */
export class LabelledCsvParser {
  readonly #collector: LabelledExampleCollector;
  readonly #reader: CsvRecordReader;
  #columns: Columns | null = null;

  constructor(options: ImportOptions = {}) {
    this.#collector = new LabelledExampleCollector(options);
    this.#reader = new CsvRecordReader({
      record: (fields, line) => {
        if (this.#columns === null) this.#columns = readHeader(fields);
        else this.#row(fields, line, this.#columns);
      },
      malformed: (line, reason) => {
        if (this.#columns === null) {
          throw new ImportError('MALFORMED_HEADER', `The header on line ${line} cannot be read: ${reason}.`, {
            details: { line },
          });
        }
        this.#collector.skip(line, reason);
      },
    });
  }

  /** @throws ImportError when the header is missing or unusable. */
  push(chunk: string): void {
    this.#reader.push(chunk);
  }

  /** @throws ImportError when the input is empty or holds only a header. */
  end(): ImportResult {
    this.#reader.end();
    if (this.#columns === null) {
      throw new ImportError('EMPTY_FILE', 'The file is empty; expected a header line "text,label" followed by one example per line.');
    }
    const result = this.#collector.result();
    if (result.summary.read === 0) {
      throw new ImportError('EMPTY_FILE', 'The file has a header but no rows; add one example per line after the header.');
    }
    return result;
  }

  #row(fields: readonly string[], line: number, columns: Columns): void {
    if (fields.length > columns.width) {
      this.#collector.skip(
        line,
        `the row has ${fields.length} fields but the header has ${columns.width}; ` +
          'put text that contains commas in double quotes',
      );
      return;
    }
    const text = fields[columns.text];
    const label = fields[columns.label];
    if (text === undefined || label === undefined) {
      this.#collector.skip(
        line,
        `missing the ${text === undefined ? 'text' : 'label'} field (the row has ${fields.length} ` +
          `field${fields.length === 1 ? '' : 's'}, the header has ${columns.width})`,
      );
      return;
    }
    this.#collector.add({
      line,
      text,
      label,
      language: columns.language === null ? undefined : fields[columns.language],
      metadata: columns.extra.length === 0 ? undefined : rowMetadata(columns.extra.map(([name, index]) => [name, fields[index]])),
    });
  }
}

/** Parses a whole labelled CSV held in memory; see {@link LabelledCsvParser}. */
export function parseLabelledCsv(text: string, options: ImportOptions = {}): ImportResult {
  const parser = new LabelledCsvParser(options);
  parser.push(text);
  return parser.end();
}

function readHeader(fields: readonly string[]): Columns {
  const written = fields.map((f) => f.trim());
  const names = written.map((f) => f.toLowerCase());
  const twice = (name: string) =>
    new ImportError('DUPLICATE_COLUMN', `The header names the column "${name}" twice; keep one.`, { details: { column: name } });
  const find = (name: string): number | null => {
    const first = names.indexOf(name);
    if (first < 0) return null;
    if (names.indexOf(name, first + 1) >= 0) throw twice(name);
    return first;
  };
  const text = find('text');
  const label = find('label');
  const language = find('language');
  const shown = fields.join(',').slice(0, 80);
  if (text === null && label === null) {
    throw new ImportError(
      'NO_HEADER',
      `The first line must be a header naming the columns, e.g. "text,label"; found "${shown}".`,
      { details: { header: shown } },
    );
  }
  if (text === null || label === null) {
    const missing = text === null ? 'text' : 'label';
    throw new ImportError('MISSING_COLUMN', `The header has no "${missing}" column; found "${shown}". Both "text" and "label" are required.`, {
      details: { column: missing, header: shown },
    });
  }
  const extra: [string, number][] = [];
  written.forEach((name, index) => {
    if (name === '' || index === text || index === label || index === language) return;
    if (extra.some(([other]) => other === name)) throw twice(name);
    extra.push([name, index]);
  });
  return { text, label, language, extra, width: fields.length };
}
