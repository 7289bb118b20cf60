import { AppError, IdempotencyErrorCodes } from '@ciclo/platform-contracts';

/** The caller already used this key on this route for a different request (422): nothing was done. */
export class IdempotencyKeyReusedError extends AppError {
  static readonly code = IdempotencyErrorCodes.keyReused;

  constructor(route: string) {
    super(
      IdempotencyKeyReusedError.code,
      `This Idempotency-Key was already used for a different request to ${route}; use a new key for a new operation`,
      422,
      { details: { header: 'idempotency-key', route } },
    );
    this.name = 'IdempotencyKeyReusedError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
