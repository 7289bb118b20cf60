// Continuous load for the hot-swap tests: several concurrent clients, each sending one infer
// request after another until stopped, recording every outcome. Not used by production code.

export interface InferOutcome {
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly status: number;
  /** `model_version` of a 200 answer. */
  readonly version: string | null;
  readonly text: string;
  readonly label: string | null;
  readonly probabilities: readonly number[] | null;
  /** Body of a non-200 answer, or the network error. */
  readonly error: string | null;
}

export interface LoadRun {
  /** Outcomes so far. */
  readonly outcomes: readonly InferOutcome[];
  /** Resolves once at least `count` requests have finished. */
  waitForRequests(count: number): Promise<void>;
  /** Stops every client after its current request and returns all outcomes. */
  stop(): Promise<InferOutcome[]>;
}

interface InferBody {
  model_version: string;
  outputs: { name: string; data: (string | number)[] }[];
}

export function startLoad(url: string, texts: readonly string[], clients: number): LoadRun {
  const outcomes: InferOutcome[] = [];
  let running = true;
  let waiters: { count: number; resolve: () => void }[] = [];
  const record = (outcome: InferOutcome) => {
    outcomes.push(outcome);
    waiters = waiters.filter((w) => (outcomes.length >= w.count ? (w.resolve(), false) : true));
  };
  const client = async (index: number) => {
    for (let i = index; running; i += clients) {
      const text = texts[i % texts.length] ?? '';
      const startedAt = performance.now();
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ inputs: [{ name: 'text', datatype: 'BYTES', shape: [1], data: [text] }] }),
        });
        const raw = await response.text();
        const finishedAt = performance.now();
        if (response.status !== 200) {
          record({ startedAt, finishedAt, status: response.status, version: null, text, label: null, probabilities: null, error: raw });
          continue;
        }
        const body = JSON.parse(raw) as InferBody;
        const label = body.outputs.find((o) => o.name === 'label')?.data[0];
        const probabilities = body.outputs.find((o) => o.name === 'probabilities')?.data as number[] | undefined;
        record({ startedAt, finishedAt, status: 200, version: body.model_version, text, label: typeof label === 'string' ? label : null, probabilities: probabilities ?? null, error: null });
      } catch (error) {
        record({ startedAt, finishedAt: performance.now(), status: 0, version: null, text, label: null, probabilities: null, error: (error as Error).message });
      }
    }
  };
  const done = Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  return {
    outcomes,
    waitForRequests: (count) => (outcomes.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
    async stop() {
      running = false;
      await done;
      return outcomes;
    },
  };
}
