import { AppError, type ApiKeyRole } from '@ciclo/platform-contracts';

/** Codes of authentication and authorisation failures (every app, same codes). */
export const AuthErrorCodes = {
  missingKey: 'CICLO_ERR_AUTH_MISSING_KEY',
  invalidKey: 'CICLO_ERR_AUTH_INVALID_KEY',
  forbidden: 'CICLO_ERR_AUTH_FORBIDDEN',
  rateLimited: 'CICLO_ERR_AUTH_RATE_LIMITED',
  keyNotFound: 'CICLO_ERR_AUTH_KEY_NOT_FOUND',
} as const;

export class MissingApiKeyError extends AppError {
  constructor() {
    super(AuthErrorCodes.missingKey, 'This route needs an API key: send "Authorization: Bearer <key>" (or "X-Api-Key: <key>")', 401);
    this.name = 'MissingApiKeyError';
  }
}

export class InvalidApiKeyError extends AppError {
  constructor() {
    // One message for malformed, unknown and revoked keys: which one it was is no business of a guesser.
    super(AuthErrorCodes.invalidKey, 'The API key is not valid (unknown, malformed or revoked)', 401);
    this.name = 'InvalidApiKeyError';
  }
}

export class ForbiddenRoleError extends AppError {
  constructor(required: ApiKeyRole, actual: ApiKeyRole) {
    super(AuthErrorCodes.forbidden, `This route needs the ${required} role; the API key used has the ${actual} role`, 403, {
      details: { requiredRole: required, role: actual },
    });
    this.name = 'ForbiddenRoleError';
  }
}

export class AuthRateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(AuthErrorCodes.rateLimited, `Too many failed authentication attempts from this address; retry in ${retryAfterSeconds} s`, 429, {
      details: { retryAfterSeconds },
    });
    this.name = 'AuthRateLimitedError';
  }
}
