import { AppError } from '@ciclo/platform-contracts';
import { HttpErrorCodes } from './http-errors';

/** A body labelled with a charset other than UTF-8: JSON (RFC 8259) is UTF-8, and it would be misread. */
export class UnsupportedCharsetError extends AppError {
  constructor(charset: string) {
    super(HttpErrorCodes.unsupportedCharset, `Request bodies must be UTF-8; charset "${charset}" is not accepted`, 415, {
      details: { charset, accepted: ['utf-8'] },
    });
    this.name = 'UnsupportedCharsetError';
  }
}
