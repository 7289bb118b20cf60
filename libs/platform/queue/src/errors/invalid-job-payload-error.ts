import { AppError } from '@ciclo/platform-contracts';

/** One problem found in a payload: the dotted path of the field at fault and what is wrong. */
export interface PayloadIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * A payload does not match its job's catalog schema. Raised by the producer before anything is
 * enqueued, so a bad payload never reaches a queue; workers that meet one anyway (an older
 * producer, a hand-written job) fail the job permanently with the same message.
 */
export class InvalidJobPayloadError extends AppError {
  constructor(
    readonly jobName: string,
    readonly issues: readonly PayloadIssue[],
  ) {
    super(
      'CICLO_ERR_QUEUE_INVALID_PAYLOAD',
      `Invalid payload for job "${jobName}": ` +
        issues.map((i) => `${i.path === '' ? '(root)' : i.path}: ${i.message}`).join('; '),
      400,
      { details: { job: jobName, issues: issues.map((i) => ({ ...i })) } },
    );
    this.name = 'InvalidJobPayloadError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
