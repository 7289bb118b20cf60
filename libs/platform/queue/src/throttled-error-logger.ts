import type { QueueLogger } from './queue-logger';

/**
 * A disconnected Redis or PostgreSQL reports an error on every reconnect attempt; logging each
 * would drown the logs of a replica waiting for its backend. One line per 10 s per source.
 */
export function throttledErrorLogger(
  logger: QueueLogger,
  bindings: Record<string, string>,
  intervalMs = 10_000,
): (err: Error) => void {
  let last = 0;
  let suppressed = 0;
  return (err) => {
    const now = Date.now();
    if (now - last < intervalMs) {
      suppressed++;
      return;
    }
    last = now;
    logger.warn({ ...bindings, err: { message: err.message, name: err.name }, suppressed }, 'queue backend error');
    suppressed = 0;
  };
}
