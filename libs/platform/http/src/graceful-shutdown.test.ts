import { PassThrough } from 'node:stream';
import { createLogger } from '@ciclo/platform-observability';
import { describe, expect, it } from 'vitest';
import { createGracefulShutdown } from './graceful-shutdown';

const logger = createLogger({ app: 'test', level: 'silent', destination: new PassThrough() });

describe('createGracefulShutdown', () => {
  it('runs steps once, in order, however often it is called', async () => {
    const calls: string[] = [];
    const shutdown = createGracefulShutdown({ logger, timeoutMs: 1000 });
    shutdown.register('server', async () => calls.push('server'));
    shutdown.register('db', async () => calls.push('db'));
    const [a, b] = await Promise.all([shutdown.run('test'), shutdown.run('again')]);
    expect(calls).toEqual(['server', 'db']);
    expect([a, b]).toEqual([0, 0]);
    expect(shutdown.isShuttingDown()).toBe(true);
  });

  it('runs server steps first and infrastructure last, whatever the registration order', async () => {
    const calls: string[] = [];
    const shutdown = createGracefulShutdown({ logger, timeoutMs: 1000 });
    shutdown.register('db', async () => calls.push('db'), 'infrastructure');
    shutdown.register('worker', async () => calls.push('worker'));
    shutdown.register('server', async () => calls.push('server'), 'server');
    shutdown.register('queue', async () => calls.push('queue'), 'infrastructure');
    await shutdown.run('test');
    expect(calls).toEqual(['server', 'worker', 'db', 'queue']);
  });

  it('keeps going after a failed step and reports failure', async () => {
    const calls: string[] = [];
    const shutdown = createGracefulShutdown({ logger, timeoutMs: 1000 });
    shutdown.register('a', async () => Promise.reject(new Error('x')));
    shutdown.register('b', async () => calls.push('b'));
    expect(await shutdown.run('test')).toBe(1);
    expect(calls).toEqual(['b']);
  });

  it('gives up on a hung step after the timeout', async () => {
    const shutdown = createGracefulShutdown({ logger, timeoutMs: 50 });
    shutdown.register('hang', () => new Promise(() => undefined));
    expect(await shutdown.run('test')).toBe(1);
  });
});
