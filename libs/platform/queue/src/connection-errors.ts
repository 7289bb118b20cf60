import { QueueUnavailableError } from './errors/queue-unavailable-error';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE', '57P01', '57P03']);

/** True for errors that mean "the backend is not reachable", as opposed to a bad request. */
export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  if (err.name === 'MaxRetriesPerRequestError') return true;
  return /Connection is closed|Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED/i.test(
    err.message,
  );
}

/** Re-throws backend outages as `QueueUnavailableError` (503) and anything else unchanged. */
export function rethrowAsUnavailable(kind: 'redis' | 'postgres', err: unknown): never {
  if (isConnectionError(err)) {
    throw new QueueUnavailableError(kind, (err as Error).message, err);
  }
  throw err;
}
