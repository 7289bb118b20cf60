import { AppError } from '@ciclo/platform-contracts';

/** The artifact's labels differ from the model's declared label set. */
export class LabelSetMismatchError extends AppError {
  static readonly code = 'CICLO_ERR_REGISTRY_LABEL_SET_MISMATCH';

  constructor(message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(LabelSetMismatchError.code, message, 422, { cause, details });
    this.name = 'LabelSetMismatchError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
