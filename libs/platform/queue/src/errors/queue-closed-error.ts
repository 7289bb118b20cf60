import { AppError } from '@ciclo/platform-contracts';

/** The client (or pub/sub) was used after `close()`: a shutdown-ordering bug in the caller. */
export class QueueClosedError extends AppError {
  constructor(what: string) {
    super('CICLO_ERR_QUEUE_CLOSED', `${what} is closed.`, 503);
    this.name = 'QueueClosedError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
