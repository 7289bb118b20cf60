import { AppError, IdempotencyErrorCodes } from '@ciclo/platform-contracts';

/** The `Idempotency-Key` header is not 1–255 printable ASCII characters (400). */
export class InvalidIdempotencyKeyError extends AppError {
  static readonly code = IdempotencyErrorCodes.invalidKey;

  constructor(length: number) {
    super(InvalidIdempotencyKeyError.code, 'Idempotency-Key must be 1–255 printable ASCII characters (e.g. a UUID)', 400, { details: { header: 'idempotency-key', length } });
    this.name = 'InvalidIdempotencyKeyError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
