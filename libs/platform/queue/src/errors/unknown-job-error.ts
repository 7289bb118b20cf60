import { AppError } from '@ciclo/platform-contracts';

/**
 * A job name (or queue name) that the catalog does not declare. TypeScript rules this out for
 * typed callers; this guards plain-JS callers and names that arrive from outside (CLI, HTTP).
 */
export class UnknownJobError extends AppError {
  constructor(
    readonly kind: 'job' | 'queue',
    readonly value: string,
  ) {
    super(
      kind === 'job' ? 'CICLO_ERR_QUEUE_UNKNOWN_JOB' : 'CICLO_ERR_QUEUE_UNKNOWN_QUEUE',
      `The job catalog declares no ${kind} named "${value}".`,
      400,
      { details: { [kind]: value } },
    );
    this.name = 'UnknownJobError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
