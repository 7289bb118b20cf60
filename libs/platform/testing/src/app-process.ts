import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

export interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

const tsxLoader = createRequire(import.meta.url).resolve('tsx');

/**
 * Runs a TypeScript entry point (an app's main.ts) as its own process, the way the launcher
 * does, and collects its output. Kills it after `timeoutMs` so a test can never hang.
 */
export function runTsEntry(
  entry: string,
  options: { env?: Record<string, string | undefined>; args?: readonly string[]; timeoutMs?: number } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=@ciclo/source', '--import', tsxLoader, entry, ...(options.args ?? [])], {
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
