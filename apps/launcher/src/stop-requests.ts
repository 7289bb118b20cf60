/** What one stop signal (SIGINT, SIGTERM, SIGHUP) means, given the ones before it. */
export type StopRequestKind = 'stop' | 'repeat' | 'force';

/**
 * Tells a deliberate second Ctrl-C from copies of the first stop request.
 *
 * A signal sent to the whole process group from outside a terminal (`kill -INT -- -PGID`,
 * systemd's `KillMode=control-group`, an IDE's stop button) reaches the launcher once directly
 * and again through every wrapper that relays signals to its child (npm, tsx, a shell), a few
 * milliseconds apart. Those copies must not count as "Ctrl-C again", or apps get SIGKILL in the
 * middle of their graceful shutdown. A person pressing Ctrl-C a second time takes longer than
 * the window, so a signal inside it is a repeat of the first request and is ignored.
 */
export class StopRequests {
  readonly #repeatWindowMs: number;
  readonly #now: () => number;
  #firstAt: number | undefined;

  constructor(repeatWindowMs = defaultRepeatWindowMs, now: () => number = Date.now) {
    this.#repeatWindowMs = repeatWindowMs;
    this.#now = now;
  }

  receive(): StopRequestKind {
    const now = this.#now();
    if (this.#firstAt === undefined) {
      this.#firstAt = now;
      return 'stop';
    }
    return now - this.#firstAt < this.#repeatWindowMs ? 'repeat' : 'force';
  }
}

/** Relayed copies arrive within milliseconds; a human's second Ctrl-C comes later. */
export const defaultRepeatWindowMs = 1_500;
