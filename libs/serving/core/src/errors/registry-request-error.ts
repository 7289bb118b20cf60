/**
 * A registry call that failed: unreachable, or an error status. Not an AppError: it never reaches
 * a client as is; the serving code turns it into the right answer (404 version, kept old version…).
 */
export class RegistryRequestError extends Error {
  /** HTTP status, or `null` when the registry did not answer. */
  readonly status: number | null;
  readonly path: string;
  /** The registry's own error code (`CICLO_ERR_REGISTRY_*`) when it sent one. */
  readonly code: string | null;

  constructor(message: string, options: { status: number | null; path: string; code?: string | null; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RegistryRequestError';
    this.status = options.status;
    this.path = options.path;
    this.code = options.code ?? null;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
