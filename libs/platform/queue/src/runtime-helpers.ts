import type { RuntimeWorker } from './backend-runtime';

/**
 * Wraps a BullMQ worker (which satisfies RuntimeWorker) and keeps the owner's set of live workers
 * current, so `close()` of either backend can stop what is still running.
 */
export function trackWorker(worker: RuntimeWorker, live: Set<RuntimeWorker>): RuntimeWorker {
  live.add(worker);
  return {
    waitUntilReady: () => worker.waitUntilReady(),
    close: async (force) => {
      await worker.close(force);
      live.delete(worker);
    },
    cancelAllJobs: (reason) => worker.cancelAllJobs(reason),
    disconnect: () => worker.disconnect(),
    on: (event, listener) => worker.on(event, listener),
  };
}

/** Rejects when `operation` has not settled within `timeoutMs` (a dead backend can hang forever). */
export async function withinTimeout<T>(operation: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      operation,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
