import type { BackendRuntime } from './backend-runtime';
import { rethrowAsUnavailable } from './connection-errors';
import { QueueClosedError } from './errors/queue-closed-error';
import { QueueUnavailableError } from './errors/queue-unavailable-error';

/**
 * The queue client's way to its backend: refuses work once the client is closing, and turns
 * "not connected" and connection drops into `QueueUnavailableError` (503).
 */
export class BackendAccess {
  readonly #runtime: BackendRuntime;
  #closed = false;

  constructor(runtime: BackendRuntime) {
    this.#runtime = runtime;
  }

  get kind(): BackendRuntime['kind'] {
    return this.#runtime.kind;
  }

  /** From now on every call throws `QueueClosedError`. */
  markClosed(): void {
    this.#closed = true;
  }

  assertOpen(): void {
    if (this.#closed) throw new QueueClosedError('Queue client');
  }

  /** The runtime once connected and its storage prepared. */
  async ready(): Promise<BackendRuntime> {
    this.assertOpen();
    try {
      await this.#runtime.ready();
    } catch (err) {
      // Not connected or storage not prepared: either way the backend cannot take work now.
      throw unavailable(this.#runtime.kind, err);
    }
    return this.#runtime;
  }

  /** Runs `fn` against the ready runtime; a connection failure inside it becomes `QueueUnavailableError`. */
  async run<T>(fn: (rt: BackendRuntime) => Promise<T>): Promise<T> {
    const rt = await this.ready();
    try {
      return await fn(rt);
    } catch (err) {
      rethrowAsUnavailable(rt.kind, err);
    }
  }

  async ping(timeoutMs: number): Promise<void> {
    this.assertOpen();
    try {
      await this.#runtime.ping(timeoutMs);
    } catch (err) {
      throw unavailable(this.#runtime.kind, err);
    }
  }

  close(): Promise<void> {
    return this.#runtime.close();
  }
}

function unavailable(kind: BackendRuntime['kind'], err: unknown): QueueUnavailableError {
  return new QueueUnavailableError(kind, err instanceof Error ? err.message : String(err), err);
}
