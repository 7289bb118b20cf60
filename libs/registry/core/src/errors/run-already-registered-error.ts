import { AppError } from '@ciclo/platform-contracts';

/** A training run registers at most one version. */
export class RunAlreadyRegisteredError extends AppError {
  static readonly code = 'CICLO_ERR_REGISTRY_RUN_ALREADY_REGISTERED';

  constructor(message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(RunAlreadyRegisteredError.code, message, 409, { cause, details });
    this.name = 'RunAlreadyRegisteredError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
