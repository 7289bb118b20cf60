import { describe, expect, it } from 'vitest';
import { formatLogLine } from './log-line-format';
import { createPaint } from './terminal';

const plain = createPaint(false);
const at = '2026-11-22T10:04:05.006Z';
/** The formatter prints local wall-clock time. */
const clock = (() => {
  const d = new Date(at);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
})();

describe('formatLogLine', () => {
  it('condenses a pino line (label level, ISO time) into time, level, message and fields', () => {
    const line = JSON.stringify({ level: 'info', time: at, app: 'chat-core', pid: 42, hostname: 'h', url: 'http://127.0.0.1:3001', queueBackend: 'postgres', msg: 'chat-core listening' });
    expect(formatLogLine(line, plain)).toBe(`${clock} INFO  chat-core listening url=http://127.0.0.1:3001 queueBackend=postgres`);
  });

  it('reads numeric levels and epoch times (pino defaults)', () => {
    const line = JSON.stringify({ level: 50, time: new Date(at).getTime(), msg: 'boom' });
    expect(formatLogLine(line, plain)).toBe(`${clock} ERROR boom`);
  });

  it('shows errors as "Type: message", quotes strings with spaces and cuts long values', () => {
    const line = JSON.stringify({
      level: 40,
      time: at,
      msg: 'retrying',
      err: { type: 'QueueUnavailableError', message: 'connect ECONNREFUSED', stack: 'QueueUnavailableError: …\n    at x' },
      reason: 'not yet',
      payload: { text: 'x'.repeat(200) },
    });
    const out = formatLogLine(line, plain);
    expect(out).toContain('err="QueueUnavailableError: connect ECONNREFUSED"');
    expect(out).toContain('reason="not yet"');
    expect(out).toMatch(/payload=\{"text":"x+…$/);
    expect(out).not.toContain('stack');
  });

  it('shows at most four fields and says how many it left out', () => {
    const line = JSON.stringify({ level: 30, time: at, msg: 'm', a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 });
    expect(formatLogLine(line, plain)).toBe(`${clock} INFO  m a=1 b=2 c=3 d=4 (+2 more)`);
  });

  it('passes anything that is not a JSON object through unchanged', () => {
    for (const line of ['plain text', '    at Object.<anonymous> (file.ts:1:1)', '[1,2]', '{not json', '']) {
      expect(formatLogLine(line, plain)).toBe(line);
    }
  });

  it('colours the level only when colour is on', () => {
    const line = JSON.stringify({ level: 'error', time: at, msg: 'x' });
    expect(formatLogLine(line, plain)).not.toContain('\u001b[');
    expect(formatLogLine(line, createPaint(true))).toContain('\u001b[31mERROR');
  });
});
