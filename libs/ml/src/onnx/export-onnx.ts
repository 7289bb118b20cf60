import type { onnx } from 'onnx-proto';
import { ModelInputNames, ModelOutputNames, type ClassifierWeights, type ModelCard } from '../model/model-contract';
import { ArtifactTooLargeError } from './artifact-too-large-error';
import {
  EMBEDDING_STORAGES,
  embeddingTableBytes,
  quantizeRowsInt8,
  toFloat16,
  type EmbeddingStorage,
} from './embedding-storage';
import { InvalidModelError } from './invalid-model-error';
import { buildMetadataProps, describeFeaturizerProblem, describeLabelProblem } from './model-metadata';
import {
  OnnxDataType,
  float16Tensor,
  floatTensor,
  int32Tensor,
  int64Tensor,
  int8Tensor,
  intAttribute,
  node,
  tensorValueInfo,
} from './onnx-graph-builder';
import { onnxRuntimeProto as proto } from './onnx-proto-runtime';

/** Largest artifact the exporter writes: models travel through the registry and hot swap. */
export const ARTIFACT_SIZE_BUDGET_BYTES = 16 * 1024 * 1024;

/**
 * Opset 13 is the oldest with `axes` as an input of ReduceSum/Unsqueeze, and IR 7 is its IR;
 * old enough for any runtime a user might bring, well inside what onnxruntime-node loads.
 */
export const ONNX_OPSET_VERSION = 13;
export const ONNX_IR_VERSION = 7;

/** Guards the denominator of the masked mean, exactly as the TypeScript forward pass does. */
export const MEAN_EPSILON = 1e-12;

export interface ExportOnnxOptions {
  /**
   * Storage of the embedding table. Default `float32` (exact). `auto` takes the most precise
   * storage that keeps the artifact within the budget (float32, then float16, then int8).
   */
  readonly embeddingStorage?: EmbeddingStorage | 'auto';
  /** Default {@link ARTIFACT_SIZE_BUDGET_BYTES}. */
  readonly sizeBudgetBytes?: number;
}

function assertFinite(name: string, values: Float32Array): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new InvalidModelError(`cannot export: ${name}[${i}] is not finite (${values[i]})`);
  }
}

function assertExportable(weights: ClassifierWeights, card: ModelCard): void {
  const fail = (message: string): never => {
    throw new InvalidModelError(`cannot export: ${message}`);
  };
  const labelProblem = describeLabelProblem(weights.labels);
  if (labelProblem !== null) fail(labelProblem);
  const featurizerProblem = describeFeaturizerProblem(weights.featurizer);
  if (featurizerProblem !== null) fail(featurizerProblem);
  const classes = weights.labels.length;
  const { dim } = weights;
  if (!Number.isInteger(dim) || dim < 1) fail(`dim must be a positive integer (got ${dim})`);
  const rows = weights.featurizer.buckets;
  if (weights.embeddings.length !== rows * dim) fail(`embeddings hold ${weights.embeddings.length} values, expected buckets × dim = ${rows * dim}`);
  if (weights.outputBias.length !== classes) fail(`outputBias holds ${weights.outputBias.length} values, expected ${classes} (one per label)`);
  if (weights.mode === 'low-rank') {
    if (weights.outputWeights === null) fail('low-rank weights need outputWeights');
    else if (weights.outputWeights.length !== classes * dim) fail(`outputWeights hold ${weights.outputWeights.length} values, expected classes × dim = ${classes * dim}`);
  } else if (weights.mode === 'full-rank') {
    if (weights.outputWeights !== null) fail('full-rank weights must have outputWeights = null');
    if (dim !== classes) fail(`full-rank weights need dim = number of labels (${dim} ≠ ${classes})`);
  } else {
    fail(`unknown mode ${JSON.stringify(weights.mode)}`);
  }
  if (!(Number.isFinite(card.temperature) && card.temperature > 0)) fail(`temperature must be a finite number > 0 (got ${card.temperature})`);
  if (!(card.confidenceThreshold >= 0 && card.confidenceThreshold <= 1)) fail(`confidenceThreshold must be in [0, 1] (got ${card.confidenceThreshold})`);
  assertFinite('embeddings', weights.embeddings);
  assertFinite('outputBias', weights.outputBias);
  if (weights.outputWeights !== null) assertFinite('outputWeights', weights.outputWeights);
}

/**
 * The stored embedding rows. Rows that are entirely zero (buckets training never touched, when
 * the trainer zeroes them) all share one stored zero row through an int32 row index; exact, and
 * used only when it makes the artifact smaller.
 */
interface EmbeddingRows {
  readonly table: Float32Array;
  readonly rows: number;
  /** bucket → stored row; null when every bucket has its own row. */
  readonly rowIndex: Int32Array | null;
}

function embeddingRows(weights: ClassifierWeights, storage: EmbeddingStorage): EmbeddingRows {
  const { dim, embeddings } = weights;
  const buckets = weights.featurizer.buckets;
  const used: number[] = [];
  for (let r = 0; r < buckets; r++) {
    for (let k = r * dim; k < (r + 1) * dim; k++) {
      if (embeddings[k] !== 0) {
        used.push(r);
        break;
      }
    }
  }
  const compactBytes = embeddingTableBytes(used.length + 1, dim, storage) + buckets * 4;
  if (compactBytes >= embeddingTableBytes(buckets, dim, storage)) return { table: embeddings, rows: buckets, rowIndex: null };
  const table = new Float32Array((used.length + 1) * dim);
  const rowIndex = new Int32Array(buckets);
  for (const [i, r] of used.entries()) {
    table.set(embeddings.subarray(r * dim, (r + 1) * dim), (i + 1) * dim);
    rowIndex[r] = i + 1;
  }
  return { table, rows: used.length + 1, rowIndex };
}

function storedBytes(rows: EmbeddingRows, weights: ClassifierWeights, storage: EmbeddingStorage): number {
  const head = (weights.outputWeights?.length ?? 0) * 4 + weights.outputBias.length * 4;
  return embeddingTableBytes(rows.rows, weights.dim, storage) + (rows.rowIndex?.length ?? 0) * 4 + head;
}

function tooLarge(sizeBytes: number, budgetBytes: number, storage: EmbeddingStorage, estimated: boolean): ArtifactTooLargeError {
  const mib = (n: number) => (n / 1024 / 1024).toFixed(2);
  return new ArtifactTooLargeError(
    `ONNX artifact would be ${estimated ? 'about ' : ''}${mib(sizeBytes)} MiB with ${storage} embeddings, over the ${mib(budgetBytes)} MiB budget; ` +
      'use fewer buckets, a smaller dim, embeddingStorage float16/int8/auto, or zero the rows training never touched',
    { sizeBytes, budgetBytes, embeddingStorage: storage },
  );
}

/** The graph's embedding nodes for one storage type; ends in `gathered` (float32 [B, F, D]) and `effective_weights` ([B, F]). */
function embeddingStage(weights: ClassifierWeights, storage: EmbeddingStorage, stored: EmbeddingRows): { initializers: onnx.ITensorProto[]; nodes: onnx.INodeProto[] } {
  const dims = [stored.rows, weights.dim];
  const featureWeights = ModelInputNames.weights;
  const initializers: onnx.ITensorProto[] = [];
  const nodes: onnx.INodeProto[] = [];
  let ids: string = ModelInputNames.ids;
  if (stored.rowIndex !== null) {
    initializers.push(int32Tensor('embedding_row_index', [stored.rowIndex.length], stored.rowIndex));
    nodes.push(node('Gather', ['embedding_row_index', ids], ['row_ids'], [intAttribute('axis', 0)]));
    ids = 'row_ids';
  }
  // Gather first, convert after: the runtime converts only the rows a batch touches, and the
  // whole table never exists as float32 in memory.
  switch (storage) {
    case 'float32':
      initializers.push(floatTensor('embeddings', dims, stored.table));
      nodes.push(
        node('Gather', ['embeddings', ids], ['gathered'], [intAttribute('axis', 0)]),
        node('Identity', [featureWeights], ['effective_weights']),
      );
      break;
    case 'float16':
      initializers.push(float16Tensor('embeddings_f16', dims, toFloat16(stored.table)));
      nodes.push(
        node('Gather', ['embeddings_f16', ids], ['gathered_f16'], [intAttribute('axis', 0)]),
        node('Cast', ['gathered_f16'], ['gathered'], [intAttribute('to', OnnxDataType.FLOAT)]),
        node('Identity', [featureWeights], ['effective_weights']),
      );
      break;
    case 'int8': {
      // Row scales are folded into the feature weights (w·s·q = w·(s·q)); the denominator of the
      // mean still uses the raw weights, so the result is the mean over dequantized rows.
      const { values, scales } = quantizeRowsInt8(stored.table, stored.rows, weights.dim);
      initializers.push(int8Tensor('embeddings_i8', dims, values), floatTensor('embedding_scales', [stored.rows], scales));
      nodes.push(
        node('Gather', ['embeddings_i8', ids], ['gathered_i8'], [intAttribute('axis', 0)]),
        node('Cast', ['gathered_i8'], ['gathered'], [intAttribute('to', OnnxDataType.FLOAT)]),
        node('Gather', ['embedding_scales', ids], ['row_scales'], [intAttribute('axis', 0)]),
        node('Mul', [featureWeights, 'row_scales'], ['effective_weights']),
      );
      break;
    }
  }
  return { initializers, nodes };
}

function buildModel(weights: ClassifierWeights, card: ModelCard, storage: EmbeddingStorage, stored: EmbeddingRows): onnx.IModelProto {
  const classes = weights.labels.length;
  const embedding = embeddingStage(weights, storage, stored);
  const initializers: onnx.ITensorProto[] = [
    ...embedding.initializers,
    int64Tensor('axis_features', [1], [1]),
    int64Tensor('axis_last', [1], [2]),
    floatTensor('mean_epsilon', [], new Float32Array([MEAN_EPSILON])),
    floatTensor('temperature', [], new Float32Array([card.temperature])),
    floatTensor('output_bias', [classes], weights.outputBias),
  ];
  const nodes: onnx.INodeProto[] = [
    ...embedding.nodes,
    // masked mean: Σ w_i·E[id_i] / max(Σ w_i, ε); padding has w = 0 and drops out.
    node('Unsqueeze', ['effective_weights', 'axis_last'], ['weights_3d']),
    node('Mul', ['gathered', 'weights_3d'], ['weighted']),
    node('ReduceSum', ['weighted', 'axis_features'], ['weighted_sum'], [intAttribute('keepdims', 0)]),
    node('ReduceSum', [ModelInputNames.weights, 'axis_features'], ['weight_total'], [intAttribute('keepdims', 1)]),
    node('Max', ['weight_total', 'mean_epsilon'], ['weight_denominator']),
    node('Div', ['weighted_sum', 'weight_denominator'], ['mean_embedding']),
  ];
  if (weights.mode === 'low-rank' && weights.outputWeights !== null) {
    initializers.push(floatTensor('output_weights', [classes, weights.dim], weights.outputWeights));
    nodes.push(node('Gemm', ['mean_embedding', 'output_weights', 'output_bias'], ['logits'], [intAttribute('transB', 1)]));
  } else {
    nodes.push(node('Add', ['mean_embedding', 'output_bias'], ['logits']));
  }
  nodes.push(
    node('Div', ['logits', 'temperature'], ['scaled_logits']),
    node('Softmax', ['scaled_logits'], [ModelOutputNames.probabilities], [intAttribute('axis', -1)]),
  );
  return {
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET_VERSION }],
    producerName: 'ciclo',
    producerVersion: card.libraryVersion,
    docString: `Ciclo text classifier: ${weights.mode}, ${classes} labels, ${weights.featurizer.buckets}×${weights.dim} embeddings stored as ${storage}` +
      (stored.rowIndex === null ? '' : ` (${stored.rows - 1} non-zero rows)`),
    graph: {
      name: 'ciclo_text_classifier',
      node: nodes,
      initializer: initializers,
      input: [
        tensorValueInfo(ModelInputNames.ids, OnnxDataType.INT32, ['batch', 'features']),
        tensorValueInfo(ModelInputNames.weights, OnnxDataType.FLOAT, ['batch', 'features']),
      ],
      output: [tensorValueInfo(ModelOutputNames.probabilities, OnnxDataType.FLOAT, ['batch', classes])],
    },
    metadataProps: buildMetadataProps(weights, card),
  };
}

/** An exported model and how it was stored. */
export interface OnnxArtifact {
  readonly bytes: Uint8Array;
  readonly sizeBytes: number;
  /** Evaluate with `storedEmbeddingWeights(weights, embeddingStorage)` to score exactly what is served. */
  readonly embeddingStorage: EmbeddingStorage;
  /** Embedding rows in the file (fewer than the buckets when all-zero rows were shared). */
  readonly storedEmbeddingRows: number;
}

/**
 * Write the whole scoring graph (features → masked mean embedding → linear → softmax with the
 * card's temperature) as ONNX bytes, with labels, featuriser settings and provenance in
 * `metadata_props`. Equal inputs give equal bytes.
 *
 * @throws InvalidModelError when the weights or card break the contract.
 * @throws ArtifactTooLargeError beyond the size budget.
 */
export function exportOnnx(weights: ClassifierWeights, card: ModelCard, options: ExportOnnxOptions = {}): Uint8Array {
  return exportOnnxArtifact(weights, card, options).bytes;
}

/** {@link exportOnnx}, also saying which storage `auto` chose (the trainer records it). */
export function exportOnnxArtifact(weights: ClassifierWeights, card: ModelCard, options: ExportOnnxOptions = {}): OnnxArtifact {
  assertExportable(weights, card);
  const budget = options.sizeBudgetBytes ?? ARTIFACT_SIZE_BUDGET_BYTES;
  const requested = options.embeddingStorage ?? 'float32';
  if (requested !== 'auto' && !EMBEDDING_STORAGES.includes(requested)) {
    throw new InvalidModelError(`cannot export: unknown embeddingStorage ${JSON.stringify(requested)}`);
  }
  const candidates = requested === 'auto' ? EMBEDDING_STORAGES : [requested];
  let storage: EmbeddingStorage | undefined;
  let stored: EmbeddingRows | undefined;
  for (const candidate of candidates) {
    storage = candidate;
    stored = embeddingRows(weights, candidate);
    // Refuse before encoding: a table far over budget would otherwise be copied twice for nothing.
    if (storedBytes(stored, weights, candidate) <= budget) break;
  }
  if (storage === undefined || stored === undefined) throw new InvalidModelError('cannot export: no embedding storage to try');
  const estimate = storedBytes(stored, weights, storage);
  if (estimate > budget) throw tooLarge(estimate, budget, storage, true);
  const encoded = proto.ModelProto.encode(buildModel(weights, card, storage, stored)).finish();
  if (encoded.byteLength > budget) throw tooLarge(encoded.byteLength, budget, storage, false);
  // A copy, so callers never hold a view into protobufjs' shared buffer pool.
  const bytes = new Uint8Array(encoded);
  return { bytes, sizeBytes: bytes.byteLength, embeddingStorage: storage, storedEmbeddingRows: stored.rows };
}
