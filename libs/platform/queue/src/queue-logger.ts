/**
 * The slice of a logger this lib writes to. pino's `Logger` satisfies it, so apps pass theirs
 * without this lib depending on pino.
 */
export interface QueueLogger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}

const noop = (): void => undefined;
export const silentLogger: QueueLogger = { info: noop, warn: noop, error: noop, debug: noop };
