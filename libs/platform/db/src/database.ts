import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { DatabaseUnavailableError } from './database-unavailable-error';
import { PrismaClient } from './generated/prisma/client';
import { redactUrl } from './redact-url';

export interface DatabaseOptions {
  /** `postgresql://user:password@host:5432/database[?schema=name]`. */
  readonly url: string;
  /** Shown in `pg_stat_activity`, so a DBA can tell which app holds a connection. */
  readonly applicationName?: string;
  /** Connections in the pool (default 10). */
  readonly poolMax?: number;
  /** Give up opening a connection after this long (default 5000 ms). */
  readonly connectTimeoutMs?: number;
  /** Time limit of `ping()` (default 2000 ms): readiness probes must answer fast. */
  readonly pingTimeoutMs?: number;
  /**
   * Errors of idle pooled connections (e.g. PostgreSQL restarted). The pool replaces the
   * connection by itself; without a listener such an error would crash the process.
   */
  readonly onPoolError?: (error: Error) => void;
}

/** The platform's handle on PostgreSQL: a Prisma client over a `pg` pool, plus health and shutdown. */
export interface Database {
  readonly prisma: PrismaClient;
  /** `SELECT 1` within `pingTimeoutMs`; throws {@link DatabaseUnavailableError} otherwise. */
  ping(): Promise<void>;
  /** Disconnects Prisma and ends the pool. Idempotent. */
  close(): Promise<void>;
}

/** What other modules of this lib need beyond the public interface (never exported). */
export interface DatabaseInternals {
  readonly url: string;
  readonly pool: pg.Pool;
}

const internals = new WeakMap<Database, DatabaseInternals>();

export function databaseInternals(db: Database): DatabaseInternals {
  const found = internals.get(db);
  if (!found) throw new TypeError('Not a Database created by createDatabase()');
  return found;
}

export function createDatabase(options: DatabaseOptions): Database {
  const { schema, connectionString } = splitPrismaParams(options.url);
  const pool = new pg.Pool({
    connectionString,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    ...(options.applicationName ? { application_name: options.applicationName } : {}),
  });
  pool.on('error', (error) => options.onPoolError?.(error));

  const adapter = new PrismaPg(pool, schema ? { schema } : undefined);
  const prisma = new PrismaClient({ adapter });
  const pingTimeoutMs = options.pingTimeoutMs ?? 2_000;
  let closing: Promise<void> | undefined;

  const db: Database = {
    prisma,
    async ping() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${pingTimeoutMs} ms`)), pingTimeoutMs);
      });
      try {
        // Straight on the pool, not through Prisma: a health check must not queue behind the
        // query compiler or a busy interactive transaction.
        await Promise.race([pool.query('SELECT 1'), timeout]);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new DatabaseUnavailableError(`PostgreSQL at ${redactUrl(options.url)} is unavailable: ${reason}`, error);
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      closing ??= (async () => {
        await prisma.$disconnect();
        await pool.end();
      })();
      return closing;
    },
  };
  internals.set(db, { url: options.url, pool });
  return db;
}

/** `?schema=` is Prisma's URL parameter; `pg` does not know it, the adapter takes it as an option. */
export function splitPrismaParams(url: string): { connectionString: string; schema: string | undefined } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema };
}
