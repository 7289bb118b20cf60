import { Redis } from 'ioredis';

/**
 * What answered at a Redis URL: `up` (PONG), `down` (nothing reachable there, or no reply in
 * time) or `not-redis` (something replied, but not with PONG: an error reply such as NOAUTH or
 * WRONGPASS, or bytes that are not RESP at all). `reason` says which, for a log line.
 */
export type RedisPingResult = { readonly status: 'up' } | { readonly status: 'down' | 'not-redis'; readonly reason: string };

export interface PingRedisOptions {
  /** Longest the whole probe (connect, AUTH when the URL has credentials, PING) may take. Default 500 ms. */
  readonly timeoutMs?: number;
}

/**
 * One PING, for deciding at boot whether a Redis is there: no retries, no reconnects, the
 * connection closed before it resolves, and never a rejection or an unhandled `error` event.
 */
export async function pingRedis(url: string, options: PingRedisOptions = {}): Promise<RedisPingResult> {
  const timeoutMs = options.timeoutMs ?? 500;
  let client: Redis;
  try {
    client = new Redis(url, {
      lazyConnect: true,
      connectTimeout: timeoutMs,
      commandTimeout: timeoutMs,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      reconnectOnError: () => false,
      enableReadyCheck: false,
      connectionName: 'ciclo:ping',
    });
  } catch (error) {
    return { status: 'down', reason: `cannot use the URL: ${messageOf(error)}` };
  }
  let connected = false;
  let lastError: unknown;
  client.on('connect', () => (connected = true));
  // The outcome is read from the PING's promise; the event only keeps the last cause for it.
  client.on('error', (error: unknown) => (lastError = error));
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<RedisPingResult>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'down', reason: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  const ping = client.ping().then(
    (reply): RedisPingResult => (reply === 'PONG' ? { status: 'up' } : { status: 'not-redis', reason: `PING answered ${JSON.stringify(reply)}` }),
    (error: unknown): RedisPingResult => classify(error, lastError, connected),
  );
  try {
    return await Promise.race([ping, deadline]);
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

function classify(error: unknown, lastError: unknown, connected: boolean): RedisPingResult {
  const cause = lastError ?? error;
  const name = (cause as { name?: unknown } | undefined)?.name;
  // A Redis error reply (NOAUTH, WRONGPASS…): something answered, but not with PONG.
  if (name === 'ReplyError') return { status: 'not-redis', reason: messageOf(cause) };
  // Once connected, an error without a system code (ECONNRESET…) came from the protocol parser:
  // the bytes that came back were not RESP.
  const systemCode = (cause as { code?: unknown } | undefined)?.code;
  if (connected && lastError !== undefined && typeof systemCode !== 'string') return { status: 'not-redis', reason: messageOf(cause) };
  return { status: 'down', reason: messageOf(cause) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
