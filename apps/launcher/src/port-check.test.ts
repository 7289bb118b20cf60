import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PortInUseError } from './errors/port-in-use-error';
import { assertPortsFree, isPortFree } from './port-check';
import { freePorts } from './test-fixtures/free-ports';

describe('port check', () => {
  const servers: net.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  async function occupy(port: number, host = '127.0.0.1'): Promise<void> {
    const server = net.createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(port, host, resolve));
  }

  it('sees a free port as free and an occupied one as taken', async () => {
    const [port = 0] = await freePorts(1);
    expect(await isPortFree('127.0.0.1', port)).toBe(true);
    await occupy(port);
    expect(await isPortFree('127.0.0.1', port)).toBe(false);
  });

  it('sees a port held on every interface (0.0.0.0) as taken on 127.0.0.1', async () => {
    const [port = 0] = await freePorts(1);
    await occupy(port, '0.0.0.0');
    expect(await isPortFree('127.0.0.1', port)).toBe(false);
  });

  it('names the port, the app and the variable to change for every conflict', async () => {
    const [free = 0, taken = 0, alsoTaken = 0] = await freePorts(3);
    await occupy(taken);
    await occupy(alsoTaken);
    const claims = [
      { port: free, owner: 'the landing page', variable: 'CICLO_PORT' },
      { port: taken, owner: 'chat-core', variable: 'CHAT_CORE_PORT' },
      { port: alsoTaken, owner: 'model-registry', variable: 'MODEL_REGISTRY_PORT' },
    ];
    const error = await assertPortsFree('127.0.0.1', claims).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortInUseError);
    const { conflicts, message, code } = error as PortInUseError;
    expect(code).toBe('CICLO_ERR_LAUNCHER_PORT_IN_USE');
    expect(conflicts.map((c) => c.owner)).toEqual(['chat-core', 'model-registry']);
    expect(message).toContain(`Port ${taken} on 127.0.0.1 is already in use, but chat-core needs it`);
    expect(message).toContain('CHAT_CORE_PORT=<port>');
    expect(message).toContain(`Port ${alsoTaken}`);
    expect(message).toContain('MODEL_REGISTRY_PORT');
    expect(message).not.toContain(String(free));
  });

  it('passes when every port is free', async () => {
    const ports = await freePorts(3);
    await expect(assertPortsFree('127.0.0.1', ports.map((port) => ({ port, owner: 'x', variable: 'X_PORT' })))).resolves.toBeUndefined();
  });
});
