import {
  createPostgresDatabase,
  databaseUrlFor,
  dropPostgresDatabase,
  migrationsFingerprint,
  runMigrations,
  withMaintenanceClient,
  type SqlConnection,
} from '@ciclo/platform-db';

const TEMPLATE_PREFIX = 'ciclo_tpl_';
/** Templates kept per server: the current one and a few for other branches being tested. */
const TEMPLATES_KEPT = 3;

const templates = new Map<string, Promise<string>>();

/**
 * The name of a database on `serverUrl` holding the current migrations and nothing else, ready to
 * be copied with `CREATE DATABASE … TEMPLATE`. Built once per migration history: its name carries
 * a hash of `prisma/migrations`. Parallel test workers and processes coordinate through an
 * advisory lock, so exactly one of them runs the migrations.
 */
export function ensureTemplateDatabase(serverUrl: string): Promise<string> {
  let template = templates.get(serverUrl);
  if (!template) {
    template = buildTemplate(serverUrl);
    // A failed build is retried by the next caller instead of failing every later test.
    template.catch(() => templates.delete(serverUrl));
    templates.set(serverUrl, template);
  }
  return template;
}

async function buildTemplate(serverUrl: string): Promise<string> {
  const name = `${TEMPLATE_PREFIX}${(await migrationsFingerprint()).slice(0, 16)}`;
  await withMaintenanceClient(serverUrl, async (client) => {
    await client.query(`SELECT pg_advisory_lock(hashtext('ciclo_test_template'))`);
    try {
      if (await databaseExists(client, name)) return;
      // Built under another name and renamed when complete: a builder killed halfway leaves a
      // `_wip` database behind, never a half-migrated template.
      const building = `${name}_wip`;
      await dropPostgresDatabase(databaseUrlFor(serverUrl, building));
      await runMigrations({ databaseUrl: await createPostgresDatabase(serverUrl, building) });
      await client.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      // Nobody may connect to a template while it is copied; forbid it outright.
      await client.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
      await dropOldTemplates(client, name);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext('ciclo_test_template'))`);
    }
  });
  return name;
}

async function databaseExists(client: SqlConnection, name: string): Promise<boolean> {
  const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return rows.length > 0;
}

async function dropOldTemplates(client: SqlConnection, current: string): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database
      WHERE datname LIKE '${TEMPLATE_PREFIX}%' AND datname NOT LIKE '%\\_wip' AND datname <> $1
      ORDER BY oid DESC OFFSET ${TEMPLATES_KEPT - 1}`,
    [current],
  );
  for (const { datname } of rows) {
    await client.query(`ALTER DATABASE "${datname}" WITH IS_TEMPLATE false`);
    await client.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => undefined);
  }
}
