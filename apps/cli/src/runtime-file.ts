import { readFile } from 'node:fs/promises';
import { RuntimeInfoV1 } from '@ciclo/platform-contracts';
import { CliError } from './cli-error';

/** Reads the launcher's `runtime.json`; a clear error says how to start the platform if absent. */
export async function readRuntimeInfo(path: string): Promise<RuntimeInfoV1> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new CliError(`No running platform found (${path} is missing). Start it with: npm start`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`${path} is not a valid runtime file: not JSON. Restart the platform with: npm start`);
  }
  const parsed = RuntimeInfoV1.safeParse(json);
  if (!parsed.success) throw new CliError(`${path} is not a valid runtime file: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  if (parsed.data.status === 'stopped') throw new CliError('The platform is stopped. Start it with: npm start');
  return parsed.data;
}
