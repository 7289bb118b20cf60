import { hostname } from 'node:os';
import { QueueNames, type DiagnosticsPongV1 } from '@ciclo/platform-contracts';
import type { ServiceContext } from '@ciclo/platform-runtime';

/**
 * Answers `diagnostics.ping` jobs so `ciclo status` and the launcher can prove that a job
 * enqueued anywhere reaches a worker here through the configured queue backend.
 */
export async function startDiagnosticsWorker(context: ServiceContext, concurrency: number): Promise<void> {
  const worker = await context.queues.createWorker(
    QueueNames.diagnostics,
    {
      'diagnostics.ping': async (payload): Promise<DiagnosticsPongV1> => ({
        nonce: payload.nonce,
        processedBy: `${context.name}@${hostname()}`,
        pid: process.pid,
        processedAt: new Date().toISOString(),
      }),
    },
    { concurrency },
  );
  context.shutdown.register('diagnostics worker', () => worker.close());
}
