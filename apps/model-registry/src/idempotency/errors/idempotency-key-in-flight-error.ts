import { AppError, IdempotencyErrorCodes } from '@ciclo/platform-contracts';

/** The first request with this key is still running (409): retry later with the same key. */
export class IdempotencyKeyInFlightError extends AppError {
  static readonly code = IdempotencyErrorCodes.inFlight;

  constructor(route: string) {
    super(
      IdempotencyKeyInFlightError.code,
      `A request with this Idempotency-Key to ${route} is still being processed; retry later with the same key to get its result`,
      409,
      { details: { header: 'idempotency-key', route } },
    );
    this.name = 'IdempotencyKeyInFlightError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
