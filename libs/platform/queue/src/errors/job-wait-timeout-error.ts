import { AppError } from '@ciclo/platform-contracts';

/** `waitForJob` gave up: the job did not reach a finished state within the time limit. */
export class JobWaitTimeoutError extends AppError {
  constructor(
    readonly queue: string,
    readonly jobId: string,
    readonly timeoutMs: number,
    readonly lastState: string,
  ) {
    super(
      'CICLO_ERR_QUEUE_WAIT_TIMEOUT',
      `Job ${jobId} in queue "${queue}" did not finish within ${timeoutMs} ms (last state: ${lastState}).`,
      504,
      { details: { queue, jobId, timeoutMs, lastState } },
    );
    this.name = 'JobWaitTimeoutError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
