import { HttpClientError, HttpClientErrorCodes } from '@ciclo/platform-clients';
import { CliError } from './cli-error';

export const NO_API_KEY_MESSAGE = [
  'No API key: set CICLO_API_KEY to a registry key, e.g. export CICLO_API_KEY=ciclo_…',
  'The first `npm start` prints an admin key once; an admin issues more with POST /v1/api-keys on the model registry.',
].join('\n');

/**
 * A failed registry call as the CLI's one-line error (what to do next, never a stack trace). The
 * wording is the CLI's own (kept from its hand-written client), not the derived client's message.
 */
export function registryCliError(error: unknown, baseUrl: string): unknown {
  if (!(error instanceof HttpClientError)) return error;
  if (error.code === HttpClientErrorCodes.unreachable) {
    return new CliError(`Cannot reach the model registry at ${baseUrl.replace(/\/+$/, '')} (${error.reason ?? 'no answer'}). Is the platform running? Start it with: npm start`);
  }
  // Any status: a proxy's HTML page, a text/plain error, bytes where JSON was due.
  if (error.bodyFormat === 'text' || error.bodyFormat === 'bytes') return new CliError(`The model registry answered HTTP ${error.status} with a body that is not JSON`);
  if (error.code === HttpClientErrorCodes.errorStatus) {
    const hint = error.status === 401 ? '\nCheck CICLO_API_KEY (a revoked or mistyped key gets 401).' : '';
    return new CliError(error.remoteCode ? `${error.remoteCode}: ${error.remoteMessage ?? ''}${hint}` : `HTTP ${error.status} from ${error.method} ${error.path}${hint}`);
  }
  return new CliError(`Unexpected answer from ${error.method} ${error.path}: ${error.reason ?? 'invalid'}`);
}
