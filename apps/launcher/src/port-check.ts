import net from 'node:net';
import { LauncherError } from './errors/launcher-error';
import { PortInUseError, type PortClaim } from './errors/port-in-use-error';

/**
 * True when nothing listens on `host:port`. Binding is the only reliable test: a connect probe
 * misses sockets bound to another address of the same port (e.g. 0.0.0.0 vs 127.0.0.1).
 */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve(false);
      else reject(error);
    });
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Checks every claim before anything starts, so a conflict is reported for all ports at once
 * instead of one app failing halfway through the start.
 */
export async function assertPortsFree(host: string, claims: readonly PortClaim[]): Promise<void> {
  const conflicts: PortClaim[] = [];
  for (const claim of claims) {
    let free: boolean;
    try {
      free = await isPortFree(host, claim.port);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new LauncherError(
        'CICLO_ERR_LAUNCHER_PORT_UNUSABLE',
        `Cannot listen on ${host}:${claim.port} for ${claim.owner} (${reason}). Check CICLO_HOST or set ${claim.variable}.`,
        { cause: error },
      );
    }
    if (!free) conflicts.push(claim);
  }
  if (conflicts.length > 0) throw new PortInUseError(host, conflicts);
}
