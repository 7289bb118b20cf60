import type { PubSubHandler } from './pub-sub';
import type { QueueLogger } from './queue-logger';

/** Handlers per wire channel, shared by both pub/sub implementations. */
export class PubSubRegistry {
  readonly #handlers = new Map<string, Set<PubSubHandler>>();
  readonly #logger: QueueLogger;

  constructor(logger: QueueLogger) {
    this.#logger = logger;
  }

  /** Returns true when this is the channel's first handler (the caller must subscribe). */
  add(wire: string, handler: PubSubHandler): boolean {
    const set = this.#handlers.get(wire);
    if (set) {
      set.add(handler);
      return false;
    }
    this.#handlers.set(wire, new Set([handler]));
    return true;
  }

  /** Returns true when the channel has no handler left (the caller must unsubscribe). */
  remove(wire: string, handler: PubSubHandler): boolean {
    const set = this.#handlers.get(wire);
    if (!set) return false;
    set.delete(handler);
    if (set.size > 0) return false;
    this.#handlers.delete(wire);
    return true;
  }

  channels(): string[] {
    return [...this.#handlers.keys()];
  }

  dispatch(wire: string, raw: string): void {
    const set = this.#handlers.get(wire);
    if (!set) return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch (err) {
      this.#logger.warn({ channel: wire, err }, 'dropped a pub/sub message that is not JSON');
      return;
    }
    for (const handler of set) {
      // One failing subscriber must not keep the message from the others.
      Promise.resolve()
        .then(() => handler(message))
        .catch((err: unknown) => this.#logger.error({ channel: wire, err }, 'pub/sub handler failed'));
    }
  }
}
