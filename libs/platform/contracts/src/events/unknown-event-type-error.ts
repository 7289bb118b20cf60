/** A name that is not in the event catalog reached the outbox writer or the publisher. */
export class UnknownEventTypeError extends Error {
  readonly code = 'CICLO_ERR_EVENT_UNKNOWN_TYPE';
  constructor(readonly type: string) {
    super(`Event type "${type}" is not in the event catalog`);
    this.name = 'UnknownEventTypeError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
