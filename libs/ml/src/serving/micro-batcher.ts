export interface MicroBatcherOptions {
  /** How long the first waiting call holds the batch open for others. Default 2 ms. */
  readonly maxDelayMs?: number;
  /**
   * Most items per run; reaching it runs the batch at once. Calls are never split: a call with
   * more items than this runs alone. Default 64.
   */
  readonly maxBatchSize?: number;
  /** Told about every run (for metrics: batch size histogram, run latency). */
  readonly onBatch?: (batch: BatchReport) => void;
}

export interface BatchReport {
  readonly items: number;
  readonly calls: number;
  readonly durationMs: number;
  readonly failed: boolean;
}

export interface MicroBatcherStats {
  readonly calls: number;
  readonly items: number;
  readonly batches: number;
  readonly failedBatches: number;
  /** Items in the largest batch run so far. */
  readonly maxBatchItems: number;
  /** items / batches (0 before the first batch). */
  readonly meanBatchItems: number;
}

interface PendingCall<I, O> {
  readonly items: readonly I[];
  readonly resolve: (results: O[]) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Merges concurrent calls made within a short window into one run of `run` (one ONNX Runtime
 * call for many requests) and hands each caller back exactly its own results, in order. Not tied
 * to a session: `run` can route to whichever session is current, so hot swaps need no new batcher.
 */
export class MicroBatcher<I, O> {
  readonly #run: (items: readonly I[]) => Promise<O[]>;
  readonly #maxDelayMs: number;
  readonly #maxBatchSize: number;
  readonly #onBatch: ((batch: BatchReport) => void) | undefined;
  #queue: PendingCall<I, O>[] = [];
  #queuedItems = 0;
  #timer: NodeJS.Timeout | null = null;
  #stats = { calls: 0, items: 0, batches: 0, failedBatches: 0, maxBatchItems: 0 };

  constructor(run: (items: readonly I[]) => Promise<O[]>, options: MicroBatcherOptions = {}) {
    this.#run = run;
    this.#maxDelayMs = Math.max(0, options.maxDelayMs ?? 2);
    this.#maxBatchSize = Math.max(1, Math.floor(options.maxBatchSize ?? 64));
    this.#onBatch = options.onBatch;
  }

  /** Resolves with one result per item, in order; rejects with the run's error. */
  submit(items: readonly I[]): Promise<O[]> {
    this.#stats.calls += 1;
    if (items.length === 0) return Promise.resolve([]);
    return new Promise<O[]>((resolve, reject) => {
      this.#queue.push({ items, resolve, reject });
      this.#queuedItems += items.length;
      if (this.#queuedItems >= this.#maxBatchSize) this.#flush();
      else this.#timer ??= setTimeout(() => this.#flush(), this.#maxDelayMs);
    });
  }

  stats(): MicroBatcherStats {
    const s = this.#stats;
    return { ...s, meanBatchItems: s.batches === 0 ? 0 : s.items / s.batches };
  }

  /** Run whatever is waiting now instead of at the end of the window (shutdown, tests). */
  flush(): void {
    this.#flush();
  }

  #flush(): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    while (this.#queue.length > 0) {
      const batch: PendingCall<I, O>[] = [];
      let size = 0;
      while (this.#queue.length > 0) {
        const next = this.#queue[0];
        if (!next || (batch.length > 0 && size + next.items.length > this.#maxBatchSize)) break;
        batch.push(next);
        size += next.items.length;
        this.#queue.shift();
      }
      this.#queuedItems -= size;
      void this.#execute(batch, size);
      // What is left is smaller than a full batch: give it the window to fill up.
      if (this.#queuedItems < this.#maxBatchSize) break;
    }
    if (this.#queue.length > 0) this.#timer = setTimeout(() => this.#flush(), this.#maxDelayMs);
  }

  async #execute(batch: PendingCall<I, O>[], size: number): Promise<void> {
    const started = performance.now();
    const items = batch.length === 1 ? (batch[0]?.items ?? []) : batch.flatMap((c) => c.items);
    let results: O[] | undefined;
    let failure: unknown;
    try {
      results = await this.#run(items);
      if (results.length !== items.length) throw new Error(`batched run returned ${results.length} results for ${items.length} items`);
    } catch (error) {
      failure = error;
    }
    this.#stats.batches += 1;
    this.#stats.items += size;
    this.#stats.maxBatchItems = Math.max(this.#stats.maxBatchItems, size);
    if (failure !== undefined) this.#stats.failedBatches += 1;
    this.#onBatch?.({ items: size, calls: batch.length, durationMs: performance.now() - started, failed: failure !== undefined });
    if (failure === undefined && results) {
      let offset = 0;
      for (const call of batch) {
        call.resolve(results.slice(offset, offset + call.items.length));
        offset += call.items.length;
      }
      return;
    }
    if (batch.length === 1) {
      batch[0]?.reject(failure);
      return;
    }
    // One caller's bad input must not fail its neighbours: rerun each call on its own, so only
    // the calls that fail by themselves see an error.
    await Promise.all(batch.map((call) => this.#execute([call], call.items.length)));
  }
}
