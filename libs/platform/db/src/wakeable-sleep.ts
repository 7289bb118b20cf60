/**
 * A poll loop's pause that a notification can cut short. A wake that arrives while the loop is
 * busy is remembered (`wakeRequested`), so the loop goes round again instead of sleeping.
 */
export class WakeableSleep {
  #wakeRequested = false;
  #interrupt: (() => void) | undefined;

  get wakeRequested(): boolean {
    return this.#wakeRequested;
  }

  /** Called at the top of each round: wakes before this point are served by the round. */
  clearWake(): void {
    this.#wakeRequested = false;
  }

  wake(): void {
    this.#wakeRequested = true;
    this.#interrupt?.();
  }

  /** Ends the current sleep, if any, without asking for another round. */
  interrupt(): void {
    this.#interrupt?.();
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#interrupt = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#interrupt = done;
    });
  }
}
