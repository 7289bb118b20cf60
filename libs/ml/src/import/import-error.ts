import { AppError } from '@ciclo/platform-contracts';

/** What made a whole file unusable; the error code is `CICLO_ERR_ML_IMPORT_<reason>`. */
export type ImportErrorReason =
  | 'EMPTY_FILE'
  | 'NO_HEADER'
  | 'MALFORMED_HEADER'
  | 'MISSING_COLUMN'
  | 'DUPLICATE_COLUMN'
  | 'UNSUPPORTED_FORMAT'
  | 'UNREADABLE'
  | 'ENCODING';

/**
 * A file-level problem: nothing in the file can be imported until it is fixed. Problems with
 * single rows are never thrown; they are listed in the result's `skipped` with their line.
 */
export class ImportError extends AppError {
  constructor(
    readonly reason: ImportErrorReason,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(`CICLO_ERR_ML_IMPORT_${reason}`, message, 400, options);
    this.name = 'ImportError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
