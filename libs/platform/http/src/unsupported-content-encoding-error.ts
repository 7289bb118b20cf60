import { AppError } from '@ciclo/platform-contracts';
import { HttpErrorCodes } from './http-errors';

/** A body sent with a `Content-Encoding` (gzip, br…): the platform reads bodies as sent, never compressed. */
export class UnsupportedContentEncodingError extends AppError {
  constructor(encoding: string) {
    super(
      HttpErrorCodes.unsupportedEncoding,
      `Request bodies are not accepted with Content-Encoding "${encoding}"; send the body uncompressed (identity)`,
      415,
      { details: { contentEncoding: encoding, accepted: ['identity'] } },
    );
    this.name = 'UnsupportedContentEncodingError';
  }
}
