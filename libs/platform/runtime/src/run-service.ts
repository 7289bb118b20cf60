import { startService, type ServiceOptions } from './service';

/**
 * The body of every app's main.ts: start, install signal handlers, and turn a boot failure into
 * one clear log line and exit status 1 (no half-started process left listening).
 */
export async function runService(options: ServiceOptions): Promise<void> {
  try {
    const service = await startService(options);
    service.shutdown.installProcessHandlers();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${options.name} failed to start: ${message}\n`);
    process.exit(1);
  }
}
