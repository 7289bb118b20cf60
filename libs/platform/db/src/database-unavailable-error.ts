import { ServiceUnavailableError } from '@ciclo/platform-contracts';

/** PostgreSQL did not answer (refused, timed out, authentication failed…). Maps to HTTP 503. */
export class DatabaseUnavailableError extends ServiceUnavailableError {
  static readonly code = 'CICLO_ERR_DB_UNAVAILABLE';

  constructor(message: string, cause?: unknown) {
    super(DatabaseUnavailableError.code, message, cause);
    this.name = 'DatabaseUnavailableError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
