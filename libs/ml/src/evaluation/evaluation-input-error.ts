import { AppError } from '@ciclo/platform-contracts';

/**
 * Evaluation or calibration was handed inconsistent data (shape mismatch, a gold index outside
 * the label list, a non-finite probability). Always a caller bug, so the message names the exact
 * position at fault instead of producing a silently wrong metric.
 */
export class EvaluationInputError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('CICLO_ERR_ML_EVALUATION_INPUT', message, 400, details === undefined ? undefined : { details });
    this.name = 'EvaluationInputError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
