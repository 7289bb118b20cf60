import { AppError } from '@ciclo/platform-contracts';

/** No webhook with that id on that model. */
export class WebhookNotFoundError extends AppError {
  static readonly code = 'CICLO_ERR_REGISTRY_WEBHOOK_NOT_FOUND';

  constructor(message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(WebhookNotFoundError.code, message, 404, { cause, details });
    this.name = 'WebhookNotFoundError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
