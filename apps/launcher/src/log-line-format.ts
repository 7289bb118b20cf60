import type { Paint, Style } from './terminal';

const pinoLevels: Readonly<Record<number, string>> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const levelStyles: Readonly<Record<string, Style>> = { trace: 'gray', debug: 'gray', info: 'green', warn: 'yellow', error: 'red', fatal: ['bold', 'red'] };
/** Fields that every line has (or that the prefix already shows). */
const omittedFields = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'app', 'v']);
const maxFields = 4;
const maxValueLength = 60;

/**
 * Condenses one pino JSON line into `12:03:04.567 INFO  message key=value …` (up to four extra
 * fields, long values cut). Anything that is not a JSON object is returned unchanged, so
 * stack traces and plain `console.log` output still show.
 */
export function formatLogLine(line: string, paint: Paint): string {
  const record = parseRecord(line);
  if (!record) return line;
  const level = levelName(record['level']);
  const parts = [paint('gray', clock(record['time'])), paint(levelStyles[level] ?? 'white', level.toUpperCase().padEnd(5))];
  if (record['msg'] !== undefined) parts.push(String(record['msg']));

  const fields = Object.entries(record).filter(([key]) => !omittedFields.has(key));
  for (const [key, value] of fields.slice(0, maxFields)) parts.push(paint('gray', `${key}=`) + formatValue(value));
  if (fields.length > maxFields) parts.push(paint('gray', `(+${fields.length - maxFields} more)`));
  return parts.join(' ');
}

function parseRecord(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function levelName(level: unknown): string {
  if (typeof level === 'number') return pinoLevels[level] ?? String(level);
  return typeof level === 'string' ? level : 'info';
}

/** Local wall-clock time; pino writes ISO strings (our logger) or epoch milliseconds (default). */
function clock(time: unknown): string {
  const date = typeof time === 'string' || typeof time === 'number' ? new Date(time) : new Date();
  if (Number.isNaN(date.getTime())) return String(time);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return cut(/[\s="]/.test(value) || value === '' ? JSON.stringify(value) : value);
  if (typeof value !== 'object' || value === null) return String(value);
  // Serialised errors ({ type, message, stack }) read best as "Type: message".
  const error = value as { type?: unknown; message?: unknown };
  if (typeof error.message === 'string') {
    return cut(JSON.stringify(typeof error.type === 'string' ? `${error.type}: ${error.message}` : error.message));
  }
  return cut(JSON.stringify(value));
}

function cut(text: string): string {
  return text.length > maxValueLength ? `${text.slice(0, maxValueLength - 1)}…` : text;
}
