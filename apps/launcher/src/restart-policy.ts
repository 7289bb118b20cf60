/** How a crashed app is brought back, and when the launcher stops trying. */
export interface RestartPolicyOptions {
  /** Delay before the first restart; it doubles with every further crash inside the window. */
  readonly initialBackoffMs: number;
  /** The longest delay between a crash and the restart. */
  readonly maxBackoffMs: number;
  /** The crash (inside the window) that makes the launcher give up, e.g. 5: four restarts, then stop. */
  readonly maxCrashes: number;
  /** Crashes older than this no longer count (and the backoff starts small again). */
  readonly windowMs: number;
}

export type RestartDecision =
  | {
      readonly action: 'restart';
      readonly delayMs: number;
      /** This crash's number among those inside the window (1-based). */
      readonly crash: number;
    }
  | { readonly action: 'give-up'; readonly crash: number };

/**
 * The supervisor's policy for one app: exponential backoff, and a crash budget per sliding
 * window, so an app that died once after days comes back at once, while one that cannot stay up
 * stops the platform with a clear message instead of restarting forever.
 */
export class RestartPolicy {
  readonly options: RestartPolicyOptions;
  readonly #now: () => number;
  #crashes: number[] = [];

  constructor(options: RestartPolicyOptions, now: () => number = Date.now) {
    this.options = options;
    this.#now = now;
  }

  /** Records a crash now and says what to do about it. */
  recordCrash(): RestartDecision {
    const now = this.#now();
    this.#crashes = [...this.#crashes.filter((at) => now - at < this.options.windowMs), now];
    const crash = this.#crashes.length;
    if (crash >= this.options.maxCrashes) return { action: 'give-up', crash };
    const { initialBackoffMs, maxBackoffMs } = this.options;
    return { action: 'restart', crash, delayMs: Math.min(initialBackoffMs * 2 ** (crash - 1), Math.max(maxBackoffMs, initialBackoffMs)) };
  }
}

/** ~0.5 s, 1 s, 2 s, 4 s, then give up at the fifth crash within a minute. */
export const defaultRestartPolicy: RestartPolicyOptions = {
  initialBackoffMs: 500,
  maxBackoffMs: 10_000,
  maxCrashes: 5,
  windowMs: 60_000,
};
