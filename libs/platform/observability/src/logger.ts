import { pino, type Logger as PinoLogger, type LoggerOptions } from 'pino';

export type Logger = PinoLogger;

export interface LoggerConfig {
  /** The app or tool name, logged as `app` on every line. */
  readonly app: string;
  readonly level?: string;
  /** Extra fields on every line (e.g. replica id). */
  readonly base?: Record<string, unknown>;
  /** Where lines go; defaults to stdout. Tests pass a stream to read them back. */
  readonly destination?: NodeJS.WritableStream;
}

/**
 * Paths that may carry secrets or personal data. Message texts are PII in a customer-service
 * chat, so request/response bodies are never logged whole; these catch the common accidents.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'password',
  'apiKey',
  'secret',
  'token',
  '*.password',
  '*.apiKey',
  '*.secret',
  '*.token',
  'text',
  '*.text',
  'email',
  '*.email',
];

/** Structured JSON logs (one line per event) with redaction of secrets and message texts. */
export function createLogger(config: LoggerConfig): Logger {
  const options: LoggerOptions = {
    level: config.level ?? 'info',
    base: { app: config.app, pid: process.pid, ...config.base },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  return config.destination ? pino(options, config.destination) : pino(options);
}
