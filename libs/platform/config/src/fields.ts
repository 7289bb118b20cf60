import { z } from 'zod';

/** A TCP port; 0 asks the OS for a free one (used by tests). */
export const port = z.coerce
  .number({ error: 'must be a port number (0-65535)' })
  .int({ error: 'must be a whole port number (0-65535)' })
  .min(0, { error: 'must be a port number (0-65535)' })
  .max(65535, { error: 'must be a port number (0-65535)' });

function urlWithProtocols(protocols: readonly string[], example: string) {
  return z.string().refine(
    (value) => {
      try {
        const url = new URL(value);
        return protocols.includes(url.protocol) && url.hostname !== '';
      } catch {
        return false;
      }
    },
    { error: `must be a URL like ${example}` },
  );
}

export const databaseUrl = urlWithProtocols(['postgres:', 'postgresql:'], 'postgresql://user:password@host:5432/database');
export const redisUrl = urlWithProtocols(['redis:', 'rediss:'], 'redis://127.0.0.1:6379');
export const httpUrl = urlWithProtocols(['http:', 'https:'], 'http://127.0.0.1:3005');

/** `true/false`, `1/0`, `yes/no`, `on/off` (case-insensitive). */
export const booleanFlag = z
  .string()
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' }))
  .transform((v) => v === 'true' || v === '1' || v === 'yes' || v === 'on');

export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
  error: 'must be one of fatal, error, warn, info, debug, trace, silent',
});

export const positiveInt = z.coerce.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).positive({ error: 'must be greater than 0' });

export const queueBackend = z.enum(['redis', 'postgres'], { error: 'must be redis or postgres' });
