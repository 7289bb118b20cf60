import { AppError } from '@ciclo/platform-contracts';

/**
 * `predict` on a session that was disposed (usually swapped out for a newer version). Maps to 503:
 * the caller should retry against the current session.
 */
export class ModelSessionDisposedError extends AppError {
  static readonly code = 'CICLO_ERR_ML_SESSION_DISPOSED';

  constructor() {
    super(ModelSessionDisposedError.code, 'this model session has been disposed; use the current session', 503);
    this.name = 'ModelSessionDisposedError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
