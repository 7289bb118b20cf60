import { AppError } from '@ciclo/platform-contracts';

/** The promotion gate failed; only an admin may force the promotion, with a reason. `details.reasons` lists the checks. */
export class GateFailedError extends AppError {
  static readonly code = 'CICLO_ERR_REGISTRY_GATE_FAILED';

  constructor(message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(GateFailedError.code, message, 403, { cause, details });
    this.name = 'GateFailedError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
