/**
 * Thrown by a job handler when retrying cannot help (the referenced record is gone, the input is
 * contradictory). The job is recorded as failed at once, whatever attempts remain. It is the
 * platform's name for BullMQ's `UnrecoverableError`, so apps never import BullMQ.
 */
export class PermanentJobError extends Error {
  readonly code = 'CICLO_ERR_QUEUE_PERMANENT_FAILURE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PermanentJobError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
