import { AppError } from '@ciclo/platform-contracts';

/** The sentiment handoff rule's thresholds contradict each other or are out of range (a configuration error). */
export class InvalidHandoffRuleError extends AppError {
  static readonly code = 'CICLO_ERR_SENTIMENT_INVALID_RULE';

  constructor(message: string, details?: Record<string, unknown>) {
    super(InvalidHandoffRuleError.code, message, 500, { details });
    this.name = 'InvalidHandoffRuleError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
