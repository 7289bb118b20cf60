import { AppError } from './app-error';

export class NotFoundError extends AppError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, message, 404, details ? { details } : undefined);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, message, 409, details ? { details } : undefined);
    this.name = 'ConflictError';
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(code: string, message: string, cause?: unknown) {
    super(code, message, 503, { cause });
    this.name = 'ServiceUnavailableError';
  }
}
