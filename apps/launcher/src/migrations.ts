import { runMigrations } from '@ciclo/platform-db';
import { LauncherError } from './errors/launcher-error';

/**
 * Brings the platform schema up to date before any app starts and returns one summary line.
 * The migration tool's own output is shown only when it fails, where it explains why.
 */
export async function migrateDatabase(databaseUrl: string): Promise<string> {
  const started = Date.now();
  const output: string[] = [];
  let applied: readonly string[];
  try {
    ({ applied } = await runMigrations({ databaseUrl, onLog: (line: string) => output.push(line) }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const details = output.length > 0 ? `\n${output.slice(-20).map((line) => `  ${line}`).join('\n')}` : '';
    throw new LauncherError('CICLO_ERR_LAUNCHER_MIGRATIONS', `Database migrations failed, so no app was started: ${reason}${details}`, { cause: error });
  }
  const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
  return applied.length === 0
    ? `Database schema is up to date (checked in ${took}).`
    : `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} in ${took}: ${applied.join(', ')}.`;
}
