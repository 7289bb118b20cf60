/**
 * A failure the launcher explains to the person at the terminal: the message is printed as is
 * (no stack) and the launcher exits non-zero after stopping whatever it had started.
 */
export class LauncherError extends Error {
  constructor(
    /** Stable code, `CICLO_ERR_LAUNCHER_<WHAT>`. */
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'LauncherError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
