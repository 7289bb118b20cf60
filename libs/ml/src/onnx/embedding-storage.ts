import { Float16Array } from '@petamoriken/float16';
import type { ClassifierWeights } from '../model/model-contract';

/**
 * How the embedding table is stored in the ONNX file. `float32` is exact (parity ≤ 1e-5 with the
 * TypeScript forward pass on the original weights). `float16` halves and `int8` (symmetric, one
 * scale per row) roughly quarters the artifact; both are exact with respect to
 * {@link storedEmbeddingWeights}, i.e. the loss is in storage, not in the graph.
 */
export type EmbeddingStorage = 'float32' | 'float16' | 'int8';

export const EMBEDDING_STORAGES: readonly EmbeddingStorage[] = ['float32', 'float16', 'int8'];

/** Bytes the embedding table takes in the artifact for a given storage type. */
export function embeddingTableBytes(rows: number, dim: number, storage: EmbeddingStorage): number {
  switch (storage) {
    case 'float32':
      return rows * dim * 4;
    case 'float16':
      return rows * dim * 2;
    case 'int8':
      return rows * dim + rows * 4;
  }
}

/**
 * The IEEE 754 half-precision bits nearest to each value (round half to even, overflow to
 * ±Infinity). Node 20 has no native Float16Array, hence the polyfill; converting the whole array
 * at once keeps it on the polyfill's fast path (4.5 M values in ≈ 80 ms on the reference machine).
 */
export function toFloat16(values: Float32Array): Uint16Array {
  return new Uint16Array(new Float16Array(values).buffer);
}

/** The float32 value of each half's bits (exact: every half is a float32). */
export function fromFloat16(bits: Uint16Array): Float32Array {
  return new Float32Array(new Float16Array(bits.buffer, bits.byteOffset, bits.length));
}

export interface Int8Rows {
  readonly values: Int8Array;
  /** One scale per row: value ≈ q × scale. */
  readonly scales: Float32Array;
}

/** Symmetric per-row int8: each row keeps its own range, so rare buckets with small values keep precision. */
export function quantizeRowsInt8(values: Float32Array, rows: number, dim: number): Int8Rows {
  const q = new Int8Array(rows * dim);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const base = r * dim;
    let maxAbs = 0;
    for (let j = 0; j < dim; j++) maxAbs = Math.max(maxAbs, Math.abs(values[base + j] ?? 0));
    const scale = Math.fround(maxAbs / 127);
    scales[r] = scale;
    if (scale === 0) continue;
    for (let j = 0; j < dim; j++) {
      q[base + j] = Math.max(-127, Math.min(127, Math.round((values[base + j] ?? 0) / scale)));
    }
  }
  return { values: q, scales };
}

/**
 * The weights exactly as an artifact with this storage type computes with them. Use it to
 * evaluate a quantized export, or as the reference of a parity check on one.
 */
export function storedEmbeddingWeights(weights: ClassifierWeights, storage: EmbeddingStorage): ClassifierWeights {
  if (storage === 'float32') return weights;
  if (storage === 'float16') return { ...weights, embeddings: fromFloat16(toFloat16(weights.embeddings)) };
  const { values, scales } = quantizeRowsInt8(weights.embeddings, weights.featurizer.buckets, weights.dim);
  const embeddings = new Float32Array(weights.embeddings.length);
  for (let i = 0; i < values.length; i++) embeddings[i] = (values[i] ?? 0) * (scales[Math.floor(i / weights.dim)] ?? 0);
  return { ...weights, embeddings };
}
