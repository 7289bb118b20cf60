import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

function capture() {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  return { stream, lines };
}

describe('createLogger', () => {
  it('writes JSON lines with app, level label and ISO time', async () => {
    const { stream, lines } = capture();
    const logger = createLogger({ app: 'chat-core', destination: stream });
    logger.info({ requestId: 'r1' }, 'hello');
    await new Promise((r) => setImmediate(r));
    expect(lines[0]).toMatchObject({ app: 'chat-core', level: 'info', msg: 'hello', requestId: 'r1' });
    expect(typeof lines[0]?.['time']).toBe('string');
  });

  it('redacts secrets and message texts', async () => {
    const { stream, lines } = capture();
    const logger = createLogger({ app: 'x', destination: stream });
    logger.info({ text: 'my CPF is 987.654.321-00', apiKey: 'k', req: { headers: { authorization: 'Bearer s3cret' } } }, 'm');
    await new Promise((r) => setImmediate(r));
    const raw = JSON.stringify(lines[0]);
    expect(raw).not.toContain('987.654');
    expect(raw).not.toContain('s3cret');
    expect(raw).toContain('[redacted]');
  });

  it('honours the level', async () => {
    const { stream, lines } = capture();
    const logger = createLogger({ app: 'x', level: 'warn', destination: stream });
    logger.info('dropped');
    logger.warn('kept');
    await new Promise((r) => setImmediate(r));
    expect(lines.map((l) => l['msg'])).toEqual(['kept']);
  });
});
