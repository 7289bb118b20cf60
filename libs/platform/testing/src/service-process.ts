import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

export interface ServiceProcess {
  /** The address the service logged when it started listening. */
  readonly url: string;
  /** Everything it printed so far (JSON log lines). */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs` (default 10 s); resolves when it is gone. Idempotent. */
  stop(graceMs?: number): Promise<void>;
}

const tsxLoader = createRequire(import.meta.url).resolve('tsx');

/**
 * Starts an app's main.ts as its own process (as the launcher does) and resolves once its
 * `<name> listening` log line names the URL, so tests talk to the real service over HTTP.
 * Pass `PORT: '0'` to let the OS pick a free port.
 */
export function startServiceProcess(entry: string, options: { env: Record<string, string | undefined>; timeoutMs?: number }): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--conditions=@ciclo/source', '--import', tsxLoader, entry], {
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], LOG_LEVEL: 'info', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited = false;
  const closed = new Promise<void>((resolve) => child.on('close', () => ((exited = true), resolve())));
  const stop = async (graceMs = 10_000) => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await closed;
      clearTimeout(timer);
    }
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop(0);
      reject(new Error(`${entry} did not report listening within ${options.timeoutMs ?? 30_000} ms:\n${output.slice(-4000)}`));
    }, options.timeoutMs ?? 30_000);
    let pending = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.includes('listening')) continue;
        try {
          const record = JSON.parse(line) as { url?: unknown; msg?: unknown };
          if (typeof record.url === 'string' && typeof record.msg === 'string' && record.msg.endsWith('listening')) {
            clearTimeout(timer);
            resolve({ url: record.url, output: () => output, stop });
          }
        } catch {
          // Not a JSON log line; keep reading.
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${signal ?? code}) before listening:\n${output.slice(-4000)}`));
    });
  });
}
