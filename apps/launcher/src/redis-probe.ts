import net from 'node:net';
import tls from 'node:tls';

/** RESP array encoding, so passwords with spaces or CR/LF cannot break the command. */
function command(...args: string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

/**
 * True when a Redis server at `url` answers PING (after AUTH when the URL carries credentials)
 * within `timeoutMs`. Never throws: a refused connection, a timeout, an error reply or garbage
 * all mean "no usable Redis here". Speaks RESP directly because only libs/queue may load ioredis.
 */
export function probeRedis(url: string, timeoutMs = 500): Promise<boolean> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.resolve(false);
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(parsed.port || 6379);
  const password = decodeURIComponent(parsed.password);
  const username = decodeURIComponent(parsed.username);
  const auth = password ? command('AUTH', ...(username ? [username] : []), password) : '';

  return new Promise((resolve) => {
    let settled = false;
    let received = '';
    const socket =
      parsed.protocol === 'rediss:'
        ? tls.connect({ host, port, servername: host })
        : net.connect({ host, port });
    const finish = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.once(parsed.protocol === 'rediss:' ? 'secureConnect' : 'connect', () => {
      socket.write(auth + command('PING'));
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.startsWith('-') || received.includes('\r\n-')) finish(false);
      else if (received.includes('+PONG\r\n')) finish(true);
    });
    socket.once('error', () => finish(false));
    socket.once('close', () => finish(false));
  });
}
