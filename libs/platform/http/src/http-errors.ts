import { AppError } from '@ciclo/platform-contracts';

/**
 * The HTTP layer's own error catalogue. Route handlers throw AppError subclasses from their
 * domain; these cover what the framework itself rejects.
 */
export const HttpErrorCodes = {
  validation: 'CICLO_ERR_HTTP_VALIDATION',
  malformedJson: 'CICLO_ERR_HTTP_MALFORMED_JSON',
  bodyTooLarge: 'CICLO_ERR_HTTP_BODY_TOO_LARGE',
  unsupportedMediaType: 'CICLO_ERR_HTTP_UNSUPPORTED_MEDIA_TYPE',
  unsupportedEncoding: 'CICLO_ERR_HTTP_UNSUPPORTED_ENCODING',
  unsupportedCharset: 'CICLO_ERR_HTTP_UNSUPPORTED_CHARSET',
  malformedUrl: 'CICLO_ERR_HTTP_MALFORMED_URL',
  routeNotFound: 'CICLO_ERR_HTTP_ROUTE_NOT_FOUND',
  internal: 'CICLO_ERR_INTERNAL',
} as const;

export class RouteNotFoundError extends AppError {
  constructor(method: string, url: string) {
    super(HttpErrorCodes.routeNotFound, `No route ${method} ${url.split('?')[0] ?? url}`, 404);
    this.name = 'RouteNotFoundError';
  }
}
