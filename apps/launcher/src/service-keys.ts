import { createApiKeyService, createDatabase } from '@ciclo/platform-db';
import { LauncherError } from './errors/launcher-error';

/** Name of the registry key the launcher gives the nlp-service (one active at a time). */
export const NLP_SERVICE_KEY_NAME = 'launcher: nlp-service';

/**
 * A fresh `viewer` key for the nlp-service to read the registry with, issued at every start and
 * handed to that one child through its environment; the previous launcher-issued keys are revoked
 * so keys do not pile up. The plaintext is never printed or written anywhere.
 */
export async function issueNlpServiceKey(databaseUrl: string): Promise<string> {
  const db = createDatabase({ url: databaseUrl, applicationName: 'ciclo-launcher', poolMax: 1 });
  try {
    const keys = createApiKeyService(db);
    const actor = { name: 'ciclo start' };
    for (const key of await keys.list()) {
      if (key.name === NLP_SERVICE_KEY_NAME && key.revokedAt === null) await keys.revoke(key.id, actor);
    }
    return (await keys.issue({ name: NLP_SERVICE_KEY_NAME, role: 'viewer', createdBy: actor })).key;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LauncherError('CICLO_ERR_LAUNCHER_SERVICE_KEY', `Could not issue the nlp-service's registry key: ${reason}`, { cause: error });
  } finally {
    await db.close();
  }
}
