import { ServiceUnavailableError } from '@ciclo/platform-contracts';

/**
 * The queue backend (Redis or PostgreSQL) cannot be reached, or did not answer within the health
 * check's time limit. Maps to 503 so readiness probes take the replica out of rotation.
 */
export class QueueUnavailableError extends ServiceUnavailableError {
  constructor(
    readonly backend: 'redis' | 'postgres',
    reason: string,
    cause?: unknown,
  ) {
    super('CICLO_ERR_QUEUE_UNAVAILABLE', `Queue backend ${backend} is unavailable: ${reason}`, cause);
    this.name = 'QueueUnavailableError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
