import { describe, expect, it } from 'vitest';
import { createLogLinePrettifier } from './log-line-prettifier';

const plain = createLogLinePrettifier({ colorize: false });
const at = '2026-11-22T10:04:05.006Z';
/** Lines show local wall-clock time. */
const clock = (() => {
  const d = new Date(at);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `[${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}]`;
})();

describe('createLogLinePrettifier', () => {
  it('condenses a pino line (label level, ISO time) into time, level, message and fields', () => {
    const line = JSON.stringify({ level: 'info', time: at, app: 'chat-core', pid: 42, hostname: 'h', url: 'http://127.0.0.1:3001', queueBackend: 'postgres', msg: 'chat-core listening' });
    expect(plain(line)).toBe(`${clock} INFO: chat-core listening {"url":"http://127.0.0.1:3001","queueBackend":"postgres"}`);
  });

  it('reads numeric levels and epoch times (pino defaults)', () => {
    const line = JSON.stringify({ level: 50, time: new Date(at).getTime(), msg: 'boom' });
    expect(plain(line)).toBe(`${clock} ERROR: boom`);
  });

  it('keeps a serialised error on the same line, without its stack', () => {
    const line = JSON.stringify({
      level: 40,
      time: at,
      msg: 'retrying',
      err: { type: 'QueueUnavailableError', message: 'connect ECONNREFUSED', stack: 'QueueUnavailableError: …\n    at x' },
      reason: 'not yet',
    });
    const out = plain(line);
    expect(out).toBe(`${clock} WARN: retrying {"err":{"type":"QueueUnavailableError","message":"connect ECONNREFUSED"},"reason":"not yet"}`);
    expect(out).not.toContain('\n');
  });

  it('passes anything that is not a JSON object through unchanged', () => {
    for (const line of ['plain text', '    at Object.<anonymous> (file.ts:1:1)', '[1,2]', '{not json', '']) {
      expect(plain(line)).toBe(line);
    }
  });

  it('colours the level only when colour is on', () => {
    const line = JSON.stringify({ level: 'error', time: at, msg: 'x' });
    expect(plain(line)).not.toContain('\u001b[');
    expect(createLogLinePrettifier({ colorize: true })(line)).toContain('\u001b[31mERROR');
  });
});
