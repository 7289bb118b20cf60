import pg from 'pg';
import { splitPrismaParams } from './database';

/** `url` with its database name replaced (query parameters kept). */
export function databaseUrlFor(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** The database name in `url`. */
export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

export interface CreatePostgresDatabaseOptions {
  /** Copy this database (`CREATE DATABASE … TEMPLATE …`); nobody may be connected to it. */
  readonly template?: string;
}

/**
 * Creates database `name` on the server of `serverUrl` and returns its URL. Connects to the
 * server's `postgres` database to do it, since the target cannot be connected to yet.
 */
export async function createPostgresDatabase(
  serverUrl: string,
  name: string,
  options: CreatePostgresDatabaseOptions = {},
): Promise<string> {
  const template = options.template ? ` TEMPLATE ${pg.escapeIdentifier(options.template)}` : '';
  await withMaintenanceClient(serverUrl, (client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}${template}`));
  return databaseUrlFor(serverUrl, name);
}

/** Drops the database of `url`, disconnecting whoever is still connected. No error if absent. */
export async function dropPostgresDatabase(url: string): Promise<void> {
  const name = databaseNameOf(url);
  await withMaintenanceClient(url, (client) => client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
}

/** A plain SQL connection, for administration (locks, catalog queries) outside Prisma. */
export interface SqlConnection {
  query<Row extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: Row[] }>;
}

/**
 * Runs `fn` with one connection to the server's `postgres` database (session-level state such as
 * advisory locks lasts until `fn` settles).
 */
export async function withMaintenanceClient<T>(serverUrl: string, fn: (client: SqlConnection) => Promise<T>): Promise<T> {
  const { connectionString } = splitPrismaParams(databaseUrlFor(serverUrl, 'postgres'));
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  await client.connect();
  const connection: SqlConnection = {
    query: async <Row extends object>(text: string, values?: unknown[]) => {
      const result = await client.query(text, values);
      return { rows: result.rows as Row[] };
    },
  };
  try {
    return await fn(connection);
  } finally {
    await client.end().catch(() => undefined);
  }
}
