import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { pingRedis } from './ping-redis';

const realRedisUrl = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe('pingRedis', () => {
  const servers: net.Server[] = [];
  const sockets = new Set<net.Socket>();
  afterEach(async () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  /** A stand-in speaking just enough RESP; `reply` answers each command (by name) or stays silent. */
  async function fakeRedis(reply: (command: string, args: readonly string[]) => string | undefined, seen: string[] = []): Promise<number> {
    const server = net.createServer((socket) => {
      sockets.add(socket);
      let buffered = '';
      socket.on('data', (chunk) => {
        buffered += chunk.toString('latin1');
        seen.push(chunk.toString('latin1'));
        // Commands arrive as RESP arrays: *N\r\n then N × ($len\r\narg\r\n).
        for (;;) {
          const parsed = readCommand(buffered);
          if (!parsed) break;
          buffered = buffered.slice(parsed.length);
          const [name = '', ...args] = parsed.parts;
          const answer = reply(name.toUpperCase(), args);
          if (answer !== undefined) socket.write(answer);
        }
      });
      socket.on('error', () => undefined);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as net.AddressInfo).port;
  }

  async function closedPort(): Promise<number> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  it('answers up for the real Redis', async () => {
    expect(await pingRedis(realRedisUrl, { timeoutMs: 2_000 })).toEqual({ status: 'up' });
  });

  it('answers down quickly when nothing listens', async () => {
    const port = await closedPort();
    const started = performance.now();
    expect(await pingRedis(`redis://127.0.0.1:${port}`, { timeoutMs: 2_000 })).toMatchObject({ status: 'down' });
    expect(performance.now() - started).toBeLessThan(250);
  });

  it('answers down for a URL it cannot use', async () => {
    expect(await pingRedis('not a url')).toMatchObject({ status: 'down' });
  });

  it('answers up when the server answers PING with PONG', async () => {
    const port = await fakeRedis((command) => (command === 'PING' ? '+PONG\r\n' : '+OK\r\n'));
    expect(await pingRedis(`redis://127.0.0.1:${port}`)).toEqual({ status: 'up' });
  });

  it('authenticates first when the URL carries credentials', async () => {
    const seen: string[] = [];
    const port = await fakeRedis((command) => (command === 'PING' ? '+PONG\r\n' : '+OK\r\n'), seen);
    expect(await pingRedis(`redis://app:s%40cret@127.0.0.1:${port}`)).toEqual({ status: 'up' });
    expect(seen.join('')).toContain('$4\r\nAUTH\r\n$3\r\napp\r\n$6\r\ns@cret\r\n');
  });

  it('answers not-redis on an error reply (e.g. a Redis that wants a password)', async () => {
    const port = await fakeRedis(() => '-NOAUTH Authentication required.\r\n');
    expect(await pingRedis(`redis://127.0.0.1:${port}`)).toEqual({ status: 'not-redis', reason: expect.stringMatching(/NOAUTH/) as unknown });
  });

  it('answers not-redis when the server speaks something else', async () => {
    const port = await fakeRedis(() => 'HTTP/1.1 400 Bad Request\r\n\r\n');
    expect(await pingRedis(`redis://127.0.0.1:${port}`)).toMatchObject({ status: 'not-redis' });
  });

  it('gives up after the timeout when the server never answers, and leaves no connection open', async () => {
    const port = await fakeRedis(() => undefined);
    const started = performance.now();
    expect(await pingRedis(`redis://127.0.0.1:${port}`, { timeoutMs: 200 })).toMatchObject({ status: 'down' });
    expect(performance.now() - started).toBeLessThan(1_000);
    const [server] = servers;
    // The probe's socket is closed by the time it answers (give the FIN a moment to arrive).
    await expect
      .poll(() => new Promise<number>((resolve) => server?.getConnections((_, count) => resolve(count))), { timeout: 1_000 })
      .toBe(0);
  });
});

function readCommand(buffered: string): { parts: string[]; length: number } | undefined {
  const header = /^\*(\d+)\r\n/.exec(buffered);
  if (!header) return undefined;
  let at = header[0].length;
  const parts: string[] = [];
  for (let i = 0; i < Number(header[1]); i++) {
    const size = /^\$(\d+)\r\n/.exec(buffered.slice(at));
    if (!size) return undefined;
    at += size[0].length;
    const end = at + Number(size[1]);
    if (buffered.length < end + 2) return undefined;
    parts.push(buffered.slice(at, end));
    at = end + 2;
  }
  return { parts, length: at };
}
