import { LauncherError } from './launcher-error';

/** An app did not answer 200 on `/health/ready` in time. */
export class AppNotReadyError extends LauncherError {
  constructor(
    readonly appNames: readonly string[],
    readonly timeoutMs: number,
    details: string,
  ) {
    super(
      'CICLO_ERR_LAUNCHER_APP_NOT_READY',
      `${appNames.join(', ')} did not get ready within ${Math.round(timeoutMs / 1000)} s ` +
        `(raise CICLO_READY_TIMEOUT_MS if the machine is just slow).\n${details}`,
    );
    this.name = 'AppNotReadyError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
