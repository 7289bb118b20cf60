import { LauncherError } from './launcher-error';

/** The embedded PostgreSQL could not be initialised, started, or stopped. */
export class EmbeddedDatabaseError extends LauncherError {
  constructor(message: string, options?: ErrorOptions) {
    super('CICLO_ERR_LAUNCHER_EMBEDDED_DB', message, options);
    this.name = 'EmbeddedDatabaseError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
