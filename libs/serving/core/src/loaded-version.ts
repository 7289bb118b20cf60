import { MicroBatcher, type ModelSession, type Prediction } from '@ciclo/ml';

export interface BatchingOptions {
  /** How long the first text of a batch waits for others. */
  readonly maxDelayMs: number;
  /** Most texts per ONNX Runtime run. */
  readonly maxBatchSize: number;
}

export interface LoadedVersionInit {
  readonly model: string;
  readonly version: number;
  readonly sha256: string;
  readonly session: ModelSession;
  readonly batching: BatchingOptions;
  readonly onBatch?: (items: number) => void;
  /** Called once, when `retire()` has freed the session. */
  readonly onRetired?: () => void;
}

/**
 * One model version ready to serve: its ONNX Runtime session behind its own micro-batcher, and a
 * count of the requests using it so a swap can retire it only once they have all finished.
 *
 * A request calls `predict` in the same synchronous step in which it picked this version, so a
 * version is never retired between "chosen" and "counted" (JavaScript runs one step at a time).
 */
export class LoadedVersion {
  readonly model: string;
  readonly version: number;
  readonly sha256: string;
  readonly loadedAt = new Date();
  readonly #session: ModelSession;
  readonly #batcher: MicroBatcher<string, Prediction>;
  #inFlight = 0;
  #retiring: Promise<void> | null = null;
  #drained: (() => void) | null = null;
  readonly #onRetired: (() => void) | undefined;

  constructor(init: LoadedVersionInit) {
    this.model = init.model;
    this.version = init.version;
    this.sha256 = init.sha256;
    this.#session = init.session;
    this.#onRetired = init.onRetired;
    const onBatch = init.onBatch;
    this.#batcher = new MicroBatcher((texts) => this.#session.predict(texts), {
      maxDelayMs: init.batching.maxDelayMs,
      maxBatchSize: init.batching.maxBatchSize,
      ...(onBatch ? { onBatch: (report) => onBatch(report.items) } : {}),
    });
  }

  get labels(): readonly string[] {
    return this.#session.labels;
  }

  get confidenceThreshold(): number {
    return this.#session.metadata.confidenceThreshold;
  }

  get sizeBytes(): number {
    return this.#session.sizeBytes;
  }

  /** Requests currently using this version. */
  get inFlight(): number {
    return this.#inFlight;
  }

  get retired(): boolean {
    return this.#retiring !== null;
  }

  /** Runs through the micro-batcher: concurrent calls share one ONNX Runtime run. */
  async predict(texts: readonly string[]): Promise<Prediction[]> {
    this.#inFlight += 1;
    try {
      return await this.#batcher.submit(texts);
    } finally {
      this.#inFlight -= 1;
      if (this.#inFlight === 0) this.#drained?.();
    }
  }

  /** Straight to the session, outside the batcher (swap checks, before the version serves). */
  predictDirect(texts: readonly string[]): Promise<Prediction[]> {
    return this.#session.predict(texts);
  }

  /**
   * Stop being chosen, let the requests already using this version finish, then free the native
   * session. Idempotent. Without the dispose every swap would leak the model's memory.
   */
  retire(): Promise<void> {
    this.#retiring ??= (async () => {
      this.#batcher.flush();
      if (this.#inFlight > 0) await new Promise<void>((resolve) => (this.#drained = resolve));
      await this.#session.dispose();
      this.#onRetired?.();
    })();
    return this.#retiring;
  }
}
