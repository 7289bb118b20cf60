import { readFile } from 'node:fs/promises';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { featurizeBatch } from '../features/feature-matrix';
import { ModelInputNames, ModelOutputNames, type Features } from '../model/model-contract';
import { assertSelfContained } from '../onnx/assert-self-contained';
import { InvalidModelError } from '../onnx/invalid-model-error';
import { parseModelMetadata, type ModelMetadata } from '../onnx/model-metadata';
import { decodeOnnxModel, metadataPropsOf } from '../onnx/read-onnx-metadata';
import { InvalidPredictInputError } from './invalid-predict-input-error';
import { ModelSessionDisposedError } from './model-session-disposed-error';

export interface ModelSessionOptions {
  /**
   * ONNX Runtime intra-op threads. Default 1: for these small graphs one thread was fastest
   * (ENVIRONMENT.md), and replicas scale by processes, not threads.
   */
  readonly intraOpNumThreads?: number;
  /** Most texts per ONNX Runtime run; larger `predict` calls are split. Default 256. */
  readonly maxRunBatchSize?: number;
  /**
   * Rows of a run are padded to its longest, so one long text makes every row of its batch pay
   * for its width. When set, `predict` groups the rows of a batch by width into the runs that
   * cost least, counting each run's fixed cost as this many padded feature cells; results keep
   * the input order. Off by default (one run per `maxRunBatchSize` texts); serving turns it on.
   */
  readonly runOverheadCells?: number;
}

/** One text's result. */
export interface Prediction {
  /** The most probable label. */
  readonly label: string;
  /** Its probability. */
  readonly confidence: number;
  /** The full distribution, in the order of `session.labels`. */
  readonly probabilities: Float32Array;
  /** `confidence` is under the model's confidence threshold: ask instead of guessing. */
  readonly belowThreshold: boolean;
}

/** Tolerance of the warm-up check that every output row is a probability distribution. */
const DISTRIBUTION_TOLERANCE = 1e-3;

async function readSource(source: Uint8Array | string): Promise<Uint8Array> {
  if (typeof source !== 'string') {
    if (!(source instanceof Uint8Array)) throw new InvalidModelError('model source must be bytes (Uint8Array) or a file path');
    return source;
  }
  try {
    return await readFile(source);
  } catch (error) {
    throw new InvalidModelError(`cannot read model file "${source}": ${(error as Error).message}`, { cause: error });
  }
}

function describeValue(meta: InferenceSession.ValueMetadata): string {
  return meta.isTensor ? `${meta.type}[${meta.shape.join(', ')}]` : 'a non-tensor value';
}

/** Inputs and outputs must follow the contract (model-contract.ts, docs/model-contract.md). */
function checkSignature(session: InferenceSession, classes: number): void {
  const expectedInputs = [
    { name: ModelInputNames.ids, type: 'int32' },
    { name: ModelInputNames.weights, type: 'float32' },
  ] as const;
  const names = new Set(expectedInputs.map((i) => i.name) as string[]);
  const unexpected = session.inputNames.filter((n) => !names.has(n));
  if (unexpected.length > 0) {
    throw new InvalidModelError(
      `model has unexpected input(s) ${unexpected.map((n) => `"${n}"`).join(', ')}; the contract has exactly "${ModelInputNames.ids}" and "${ModelInputNames.weights}"`,
    );
  }
  for (const expected of expectedInputs) {
    const meta = session.inputMetadata.find((m) => m.name === expected.name);
    if (!meta) throw new InvalidModelError(`model lacks input "${expected.name}" (${expected.type} [batch, features])`);
    if (!meta.isTensor || meta.type !== expected.type) {
      throw new InvalidModelError(`input "${expected.name}" must be a ${expected.type} tensor, found ${describeValue(meta)}`);
    }
    // An empty shape means "unknown" to ONNX Runtime; the warm-up run settles it.
    if (meta.shape.length !== 0 && meta.shape.length !== 2) {
      throw new InvalidModelError(`input "${expected.name}" must have rank 2 [batch, features], found ${describeValue(meta)}`);
    }
    if (meta.shape.some((d) => typeof d === 'number')) {
      throw new InvalidModelError(`input "${expected.name}" must have dynamic batch and feature dimensions, found ${describeValue(meta)}`);
    }
  }
  const output = session.outputMetadata.find((m) => m.name === ModelOutputNames.probabilities);
  if (!output) {
    throw new InvalidModelError(
      `model lacks output "${ModelOutputNames.probabilities}" (float32 [batch, classes]); it has ${session.outputNames.map((n) => `"${n}"`).join(', ') || 'none'}`,
    );
  }
  if (!output.isTensor || output.type !== 'float32') {
    throw new InvalidModelError(`output "${ModelOutputNames.probabilities}" must be a float32 tensor, found ${describeValue(output)}`);
  }
  if (output.shape.length !== 0 && output.shape.length !== 2) {
    throw new InvalidModelError(`output "${ModelOutputNames.probabilities}" must have rank 2 [batch, classes], found ${describeValue(output)}`);
  }
  const width = output.shape[1];
  if (typeof width === 'number' && width !== classes) {
    throw new InvalidModelError(`output "${ModelOutputNames.probabilities}" has ${width} columns but the metadata lists ${classes} labels`);
  }
}

/**
 * Where to cut rows sorted by width (widest first) into runs so that the padded cells plus
 * `overheadCells` per run are fewest: each run is as wide as its first row. Returns the end
 * index of each run (the last is `widths.length`). Exact (dynamic programming); n ≤ a few hundred.
 */
export function planRunsByWidth(widths: readonly number[], overheadCells: number): number[] {
  const n = widths.length;
  if (n <= 1) return [n];
  const cost = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
  const cut = new Int32Array(n + 1);
  cost[0] = 0;
  for (let end = 1; end <= n; end++) {
    for (let start = 0; start < end; start++) {
      const c = (cost[start] ?? 0) + overheadCells + (end - start) * Math.max(1, widths[start] ?? 0);
      if (c < (cost[end] ?? Number.POSITIVE_INFINITY)) {
        cost[end] = c;
        cut[end] = start;
      }
    }
  }
  const ends: number[] = [];
  for (let end = n; end > 0; end = cut[end] ?? 0) ends.push(end);
  return ends.reverse();
}

/**
 * A loaded classifier: the one place that talks to onnxruntime-node. Load validates the file
 * against the model contract (so a bad artifact fails here, never in a request), `predict`
 * featurises with the model's own settings and runs the graph, `dispose` frees native memory.
 */
export class ModelSession {
  readonly metadata: ModelMetadata;
  /** Size of the loaded artifact. */
  readonly sizeBytes: number;
  #session: InferenceSession | null;
  /** Set by dispose(): new calls are refused while calls already started finish. */
  #closing = false;
  readonly #maxRunBatchSize: number;
  readonly #runOverheadCells: number | null;
  readonly #inFlight = new Set<Promise<unknown>>();
  #disposing: Promise<void> | null = null;
  #runs = 0;

  private constructor(session: InferenceSession, metadata: ModelMetadata, sizeBytes: number, options: ModelSessionOptions) {
    this.#session = session;
    this.metadata = metadata;
    this.sizeBytes = sizeBytes;
    this.#maxRunBatchSize = Math.max(1, Math.floor(options.maxRunBatchSize ?? 256));
    this.#runOverheadCells = options.runOverheadCells === undefined ? null : Math.max(0, options.runOverheadCells);
  }

  /**
   * Load and validate a model from bytes or a file path: the bytes parse, tensors are inside the
   * file, metadata is complete and coherent, inputs/outputs follow the contract, and a warm-up
   * run returns one probability distribution per row with one column per label.
   *
   * @throws InvalidModelError for any of those failures (never an unhandled rejection).
   */
  static async load(source: Uint8Array | string, options: ModelSessionOptions = {}): Promise<ModelSession> {
    const bytes = await readSource(source);
    const model = decodeOnnxModel(bytes);
    assertSelfContained(model);
    const metadata = parseModelMetadata(metadataPropsOf(model));
    let session: InferenceSession;
    try {
      session = await InferenceSession.create(bytes, {
        intraOpNumThreads: options.intraOpNumThreads ?? 1,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
        // Warnings about unused initializers and the like are not actionable in production logs.
        logSeverityLevel: 3,
      });
    } catch (error) {
      throw new InvalidModelError(`ONNX Runtime cannot load the model: ${(error as Error).message}`, { cause: error });
    }
    const instance = new ModelSession(session, metadata, bytes.byteLength, options);
    try {
      checkSignature(session, metadata.labels.length);
      await instance.#warmUp();
    } catch (error) {
      await instance.dispose();
      if (error instanceof InvalidModelError) throw error;
      throw new InvalidModelError(`model failed its warm-up run: ${(error as Error).message}`, { cause: error });
    }
    return instance;
  }

  /** Labels in the order of the probability columns. */
  get labels(): readonly string[] {
    return this.metadata.labels;
  }

  get disposed(): boolean {
    return this.#closing;
  }

  /** ONNX Runtime runs so far (warm-up included): lets tests and metrics see batching at work. */
  get runCount(): number {
    return this.#runs;
  }

  /**
   * Classify texts. Any string is valid input (empty, huge, emoji, broken surrogates): the
   * featuriser defines features for all of them, and a text without features scores as the bias.
   *
   * @throws ModelSessionDisposedError after `dispose()`.
   * @throws InvalidPredictInputError when `texts` is not an array of strings.
   */
  async predict(texts: readonly string[]): Promise<Prediction[]> {
    if (!Array.isArray(texts)) throw new InvalidPredictInputError('texts must be an array of strings');
    for (const [i, text] of texts.entries()) {
      if (typeof text !== 'string') throw new InvalidPredictInputError(`texts[${i}] must be a string (got ${typeof text})`);
    }
    return this.#track(() => this.#predictTexts(texts));
  }

  async #predictTexts(texts: readonly string[]): Promise<Prediction[]> {
    const out: Prediction[] = [];
    for (let start = 0; start < texts.length; start += this.#maxRunBatchSize) {
      const chunk = texts.slice(start, start + this.#maxRunBatchSize);
      const matrix = featurizeBatch(chunk, this.metadata.featurizer);
      const rows: Features[] = [];
      for (let r = 0; r < matrix.rows; r++) {
        const from = matrix.offsets[r] ?? 0;
        const to = matrix.offsets[r + 1] ?? from;
        rows.push({ ids: matrix.ids.subarray(from, to), weights: matrix.weights.subarray(from, to) });
      }
      const probabilities = this.#runOverheadCells === null ? await this.#run(rows) : await this.#runGroupedByWidth(rows, this.#runOverheadCells);
      out.push(...this.#toPredictions(probabilities, rows.length));
    }
    return out;
  }

  /** The rows' probabilities, in their order, from runs of rows of similar width ({@link planRunsByWidth}). */
  async #runGroupedByWidth(rows: readonly Features[], overheadCells: number): Promise<Float32Array> {
    const order = rows.map((_, i) => i).sort((a, b) => (rows[b]?.ids.length ?? 0) - (rows[a]?.ids.length ?? 0));
    const ends = planRunsByWidth(
      order.map((i) => rows[i]?.ids.length ?? 0),
      overheadCells,
    );
    if (ends.length === 1) return this.#run(rows);
    const classes = this.labels.length;
    const out = new Float32Array(rows.length * classes);
    let start = 0;
    for (const end of ends) {
      const group = order.slice(start, end);
      const probabilities = await this.#run(group.map((i) => rows[i] as Features));
      for (const [k, i] of group.entries()) out.set(probabilities.subarray(k * classes, (k + 1) * classes), i * classes);
      start = end;
    }
    return out;
  }

  /** Classify already featurised texts (evaluation, parity tests). */
  async predictFeatures(features: readonly Features[]): Promise<Prediction[]> {
    return this.#toPredictions(await this.probabilities(features), features.length);
  }

  /** Raw output: rows × classes probabilities, row-major, in one run per `maxRunBatchSize` rows. */
  probabilities(features: readonly Features[]): Promise<Float32Array> {
    return this.#track(() => this.#probabilities(features));
  }

  async #probabilities(features: readonly Features[]): Promise<Float32Array> {
    const classes = this.labels.length;
    const out = new Float32Array(features.length * classes);
    for (let start = 0; start < features.length; start += this.#maxRunBatchSize) {
      const chunk = features.slice(start, start + this.#maxRunBatchSize);
      out.set(await this.#run(chunk), start * classes);
    }
    return out;
  }

  /**
   * Free the native session once in-flight runs have finished. Idempotent; later `predict` calls
   * fail with ModelSessionDisposedError. Without it each hot swap would leak the model's memory.
   */
  dispose(): Promise<void> {
    if (this.#disposing) return this.#disposing;
    this.#closing = true;
    this.#disposing = (async () => {
      await Promise.allSettled([...this.#inFlight]);
      const session = this.#session;
      this.#session = null;
      await session?.release();
    })();
    return this.#disposing;
  }

  /** Refuse new work once disposing; keep started calls visible to dispose() until they settle. */
  #track<T>(work: () => Promise<T>): Promise<T> {
    if (this.#closing) return Promise.reject(new ModelSessionDisposedError());
    const pending = work();
    this.#inFlight.add(pending);
    const forget = () => this.#inFlight.delete(pending);
    pending.then(forget, forget);
    return pending;
  }

  #toPredictions(probabilities: Float32Array, rows: number): Prediction[] {
    const labels = this.labels;
    const classes = labels.length;
    const predictions: Prediction[] = [];
    for (let r = 0; r < rows; r++) {
      const row = probabilities.slice(r * classes, (r + 1) * classes);
      let best = 0;
      for (let c = 1; c < classes; c++) if ((row[c] ?? 0) > (row[best] ?? 0)) best = c;
      const confidence = row[best] ?? 0;
      predictions.push({
        label: labels[best] ?? '',
        confidence,
        probabilities: row,
        // Written so a NaN confidence (a broken brought model) counts as "ask", never as "sure".
        belowThreshold: !(confidence >= this.metadata.confidenceThreshold),
      });
    }
    return predictions;
  }

  /** One ORT run over rows padded to the longest (padding: id 0, weight 0). */
  async #run(rows: readonly Features[]): Promise<Float32Array> {
    const session = this.#session;
    if (session === null) throw new ModelSessionDisposedError();
    const classes = this.labels.length;
    if (rows.length === 0) return new Float32Array(0);
    // At least one column: a batch of featureless texts is still a valid [batch, 1] input.
    let width = 1;
    for (const f of rows) width = Math.max(width, f.ids.length);
    const ids = new Int32Array(rows.length * width);
    const weights = new Float32Array(rows.length * width);
    for (let r = 0; r < rows.length; r++) {
      const f = rows[r] as Features;
      if (f.ids.length !== f.weights.length) throw new InvalidPredictInputError(`features[${r}] has ${f.ids.length} ids but ${f.weights.length} weights`);
      ids.set(f.ids, r * width);
      weights.set(f.weights, r * width);
    }
    const feeds = {
      [ModelInputNames.ids]: new Tensor('int32', ids, [rows.length, width]),
      [ModelInputNames.weights]: new Tensor('float32', weights, [rows.length, width]),
    };
    this.#runs += 1;
    const result = await session.run(feeds, [ModelOutputNames.probabilities]);
    const output = result[ModelOutputNames.probabilities];
    if (!output || output.type !== 'float32' || output.dims.length !== 2 || output.dims[0] !== rows.length || output.dims[1] !== classes) {
      throw new InvalidModelError(
        `model returned ${output ? `${output.type}[${output.dims.join(', ')}]` : 'no'} "${ModelOutputNames.probabilities}" for a batch of ${rows.length}; expected float32[${rows.length}, ${classes}] (one column per label)`,
      );
    }
    return output.data as Float32Array;
  }

  async #warmUp(): Promise<void> {
    // The highest bucket catches an embedding table smaller than the featuriser's bucket count;
    // the all-padding row checks the empty-text path.
    const top = this.metadata.featurizer.buckets - 1;
    const probabilities = await this.probabilities([
      { ids: Int32Array.from([top, 0]), weights: Float32Array.from([1, 0.5]) },
      { ids: new Int32Array(0), weights: new Float32Array(0) },
    ]);
    const classes = this.labels.length;
    for (let r = 0; r < 2; r++) {
      let sum = 0;
      for (let c = 0; c < classes; c++) {
        const p = probabilities[r * classes + c] ?? Number.NaN;
        if (!(p >= -DISTRIBUTION_TOLERANCE && p <= 1 + DISTRIBUTION_TOLERANCE)) {
          throw new InvalidModelError(`warm-up: "${ModelOutputNames.probabilities}" holds ${p}, not a probability (apply softmax inside the graph)`);
        }
        sum += p;
      }
      if (Math.abs(sum - 1) > DISTRIBUTION_TOLERANCE) {
        throw new InvalidModelError(`warm-up: a row of "${ModelOutputNames.probabilities}" sums to ${sum}, not 1 (apply softmax over the last axis)`);
      }
    }
  }
}
