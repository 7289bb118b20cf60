/**
 * Base of every expected error: a stable machine-readable `code` (`CICLO_ERR_<AREA>_<WHAT>`), the
 * HTTP status it maps to, and a message that tells the caller what to fix. Unexpected errors are
 * not AppErrors and surface as a 500 whose body never carries internals.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 400,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.details = options?.details;
    Object.setPrototypeOf(this, new.target.prototype);
  }

  /** Extra, safe-to-show facts (e.g. the field or limit at fault). */
  readonly details: Record<string, unknown> | undefined;
}
