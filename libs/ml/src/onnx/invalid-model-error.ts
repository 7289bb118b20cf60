import { AppError } from '@ciclo/platform-contracts';

/**
 * A model artifact (or the weights handed to the exporter) that does not follow the model
 * contract: unparsable bytes, wrong inputs/outputs, missing or incoherent metadata, a failed
 * warm-up run. Maps to HTTP 422 because retrying the same bytes can never succeed.
 */
export class InvalidModelError extends AppError {
  static readonly code = 'CICLO_ERR_ML_INVALID_MODEL';

  constructor(message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(InvalidModelError.code, message, 422, options);
    this.name = 'InvalidModelError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
