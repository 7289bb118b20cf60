import { LauncherError } from './launcher-error';

/** Who needs a port, and the variable that moves it. */
export interface PortClaim {
  readonly port: number;
  /** e.g. `chat-core`, `the landing page`. */
  readonly owner: string;
  /** e.g. `CHAT_CORE_PORT`. */
  readonly variable: string;
}

/** One or more ports the platform needs are taken by other programs. */
export class PortInUseError extends LauncherError {
  constructor(
    readonly host: string,
    readonly conflicts: readonly PortClaim[],
  ) {
    super(
      'CICLO_ERR_LAUNCHER_PORT_IN_USE',
      conflicts
        .map(
          (c) =>
            `Port ${c.port} on ${host} is already in use, but ${c.owner} needs it. ` +
            `Stop the program using it, or choose another port with ${c.variable}=<port>.`,
        )
        .join('\n'),
    );
    this.name = 'PortInUseError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
