import { createApiKeyService, createDatabase } from '@ciclo/platform-db';
import { LauncherError } from './errors/launcher-error';

/**
 * Issues the first admin API key if the platform has no active admin key (first run, or every
 * admin key revoked) and returns its plaintext — the only copy; it is never written to a log or
 * to runtime.json, only printed once. Returns `null` when an admin key exists already.
 */
export async function ensureBootstrapAdminKey(databaseUrl: string): Promise<string | null> {
  const db = createDatabase({ url: databaseUrl, applicationName: 'ciclo-launcher', poolMax: 1 });
  try {
    return (await createApiKeyService(db).ensureBootstrapAdmin())?.key ?? null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LauncherError('CICLO_ERR_LAUNCHER_ADMIN_KEY', `Could not check for an admin API key: ${reason}`, { cause: error });
  } finally {
    await db.close();
  }
}
