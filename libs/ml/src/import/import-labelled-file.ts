import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { ImportError } from './import-error';
import type { ImportOptions, ImportResult } from './import-result';
import { LabelledCsvParser } from './parse-labelled-csv';
import { LabelledJsonlParser } from './parse-labelled-jsonl';

export type LabelledFileFormat = 'csv' | 'jsonl';

export interface ImportFileOptions extends ImportOptions {
  /** Overrides the choice by extension (`.csv` → csv, `.jsonl`/`.ndjson` → jsonl). */
  readonly format?: LabelledFileFormat;
}

const FORMAT_BY_EXTENSION: Readonly<Record<string, LabelledFileFormat>> = {
  '.csv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

/** 1 MiB reads: few enough syscalls for speed, small enough that memory stays flat on big files. */
const READ_CHUNK_BYTES = 1 << 20;

/**
 * Reads a user's labelled file from disk as a stream, so a large file never sits in memory as
 * one string. The bytes must be UTF-8 (a BOM is fine): a wrong encoding is refused rather than
 * imported as mojibake.
 *
 * @throws ImportError for an unknown extension, an unreadable or non-UTF-8 file, or a file-level
 *   problem found by the parser (no header, missing column, empty file).
 */
export async function importLabelledFile(path: string, options: ImportFileOptions = {}): Promise<ImportResult> {
  const extension = extname(path).toLowerCase();
  const format = options.format ?? FORMAT_BY_EXTENSION[extension];
  if (format === undefined) {
    throw new ImportError(
      'UNSUPPORTED_FORMAT',
      `Cannot tell the format of "${path}" from its extension "${extension}"; use .csv, .jsonl or .ndjson.`,
      { details: { extension } },
    );
  }
  const parser = format === 'csv' ? new LabelledCsvParser(options) : new LabelledJsonlParser(options);
  // fatal: invalid bytes throw instead of becoming U+FFFD; the BOM is dropped by the decoder.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (bytes?: Uint8Array): string => {
    try {
      return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
    } catch (err) {
      throw new ImportError('ENCODING', `"${path}" is not valid UTF-8; save it as UTF-8 and import again.`, { cause: err });
    }
  };
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK_BYTES })) {
      parser.push(decode(chunk as Buffer));
    }
    parser.push(decode());
  } catch (err) {
    if (err instanceof ImportError) throw err;
    const detail = err instanceof Error && 'code' in err ? String(err.code) : 'read failed';
    throw new ImportError('UNREADABLE', `Cannot read "${path}" (${detail}).`, { cause: err, details: { path } });
  }
  return parser.end();
}
