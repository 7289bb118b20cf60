import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeRedis } from './redis-probe';
import { freePorts } from './test-fixtures/free-ports';

describe('probeRedis', () => {
  const servers: net.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  /** A stand-in speaking just enough RESP; `reply` decides what each received chunk gets. */
  async function fakeRedis(reply: (received: string) => string | undefined): Promise<number> {
    const server = net.createServer((socket) => {
      socket.on('data', (chunk) => {
        const answer = reply(chunk.toString());
        if (answer !== undefined) socket.write(answer);
      });
      socket.on('error', () => undefined);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as net.AddressInfo).port;
  }

  it('returns false quickly when nothing listens', async () => {
    const [port = 0] = await freePorts(1);
    const started = performance.now();
    expect(await probeRedis(`redis://127.0.0.1:${port}`, 2_000)).toBe(false);
    expect(performance.now() - started).toBeLessThan(250);
  });

  it('returns true when the server answers PING with PONG', async () => {
    const port = await fakeRedis((received) => (received.includes('PING') ? '+PONG\r\n' : undefined));
    expect(await probeRedis(`redis://127.0.0.1:${port}`)).toBe(true);
  });

  it('authenticates first when the URL carries a password', async () => {
    let seen = '';
    const port = await fakeRedis((received) => {
      seen += received;
      return seen.includes('AUTH') && seen.includes('PING') ? '+OK\r\n+PONG\r\n' : undefined;
    });
    expect(await probeRedis(`redis://app:s%40cret@127.0.0.1:${port}`)).toBe(true);
    expect(seen).toContain('$4\r\nAUTH\r\n$3\r\napp\r\n$6\r\ns@cret\r\n');
  });

  it('returns false on an error reply (e.g. a Redis that wants a password)', async () => {
    const port = await fakeRedis(() => '-NOAUTH Authentication required.\r\n');
    expect(await probeRedis(`redis://127.0.0.1:${port}`)).toBe(false);
  });

  it('gives up after the timeout when the server never answers', async () => {
    const port = await fakeRedis(() => undefined);
    const started = performance.now();
    expect(await probeRedis(`redis://127.0.0.1:${port}`, 200)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
