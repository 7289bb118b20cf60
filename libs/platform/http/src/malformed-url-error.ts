import { AppError } from '@ciclo/platform-contracts';
import { HttpErrorCodes } from './http-errors';

/** A path whose percent-encoding does not decode (`/v1/models/%ff`): the router cannot match it. */
export class MalformedUrlError extends AppError {
  constructor(cause?: unknown) {
    super(HttpErrorCodes.malformedUrl, 'The URL path is not valid percent-encoded UTF-8 (e.g. "%ff"); encode each byte of a UTF-8 string', 400, {
      cause,
    });
    this.name = 'MalformedUrlError';
  }
}
