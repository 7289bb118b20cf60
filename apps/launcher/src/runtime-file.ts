import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { RuntimeInfoV1 } from '@ciclo/platform-contracts';
import { isProcessAlive, processCommandLine } from './postmaster-pid';

/**
 * `.ciclo/runtime.json`: how tools (`ciclo status`) find the running platform. Written
 * atomically (temp file + rename) and readable by the owner only, since it holds DATABASE_URL.
 * Writes are synchronous so the last one also works from a process `exit` handler.
 */
export function writeRuntimeFile(file: string, info: RuntimeInfoV1): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(RuntimeInfoV1.parse(info), null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

/** The file's content, or `undefined` when missing or unreadable. */
export function readRuntimeFile(file: string): RuntimeInfoV1 | undefined {
  try {
    const parsed = RuntimeInfoV1.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Another launcher that still runs on the same `.ciclo/` folder, if any. A file that says
 * "running" whose pid is gone (or now belongs to something other than Node) was left by a
 * killed launcher and does not count.
 */
export async function runningLauncher(file: string): Promise<RuntimeInfoV1 | undefined> {
  const info = readRuntimeFile(file);
  if (!info || info.status === 'stopped' || info.pid === process.pid || !isProcessAlive(info.pid)) return undefined;
  return (await processCommandLine(info.pid))?.includes('node') ? info : undefined;
}
