import { describe, expect, it } from 'vitest';
import { Prng } from './prng';
import { createSimdKernels, MemoryLayout, type SimdKernels } from './simd-kernels';

// The kernels promise the exact float32 arithmetic of a scalar loop (see simd-kernels.ts): each
// step below is rounded to float32 with Math.fround, in the order the kernel documents, and the
// results must match bit for bit. Lengths cover the SIMD blocks of 4 floats, their tails and
// lengths shorter than one block.
const LENGTHS = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 64, 67];
const FEATURE_COUNTS = [0, 1, 2, 3, 4, 5, 8, 9, 13];
const ROWS = 11;

const f = Math.fround;

/** `values[i]`, which must exist: an index past the end is a bug in the reference, not a NaN. */
function at(values: ArrayLike<number>, i: number): number {
  const value = values[i];
  if (value === undefined) throw new RangeError(`index ${i} is outside an array of ${values.length}`);
  return value;
}
/** Values where float32 rounding, signed zeros, subnormals and overflow show. */
const EDGE_VALUES = [0, -0, 1, -1, 2 ** -149, -(2 ** -149), 2 ** -126, 3.4e38, -3.4e38, 1e-30, 0.1, 1 / 3, Infinity, -Infinity, Number.NaN];

interface Arrays {
  readonly kernels: SimdKernels;
  f32(count: number): { at: number; view: Float32Array };
  i32(count: number): { at: number; view: Int32Array };
}

/** One kernel memory sized for the arrays a test lays out (16-byte aligned like the trainer's). */
function withMemory(counts: readonly number[], use: (arrays: Arrays) => void): void {
  const sizing = new MemoryLayout();
  for (const count of counts) sizing.reserve(count);
  const kernels = createSimdKernels(sizing.bytes);
  const layout = new MemoryLayout();
  use({
    kernels,
    f32: (count) => {
      const at = layout.reserve(count);
      return { at, view: new Float32Array(kernels.memory.buffer, at, count) };
    },
    i32: (count) => {
      const at = layout.reserve(count);
      return { at, view: new Int32Array(kernels.memory.buffer, at, count) };
    },
  });
}

function randomFloats(prng: Prng, count: number, edges: boolean): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    // One value in eight is an edge value when asked for; the rest uniform in [-2, 2).
    out[i] = edges && prng.int(8) === 0 ? at(EDGE_VALUES, prng.int(EDGE_VALUES.length)) : prng.next() * 4 - 2;
  }
  return out;
}

/** Bit patterns, with every NaN made one (WebAssembly leaves a NaN's payload unspecified). */
function bits(values: Float32Array): number[] {
  return Array.from(new Uint32Array(Float32Array.from(values).buffer), (b, i) => (Number.isNaN(values[i]) ? 0x7fc00000 : b));
}

// --- scalar references ------------------------------------------------------------------------

function gatherReference(ids: Int32Array, w: Float32Array, norm: number, table: Float32Array, rowLength: number, dst: Float32Array): void {
  for (let j = 0; j < ids.length; j++) {
    const a = f(at(w, j) * norm);
    const row = at(ids, j) * rowLength;
    for (let k = 0; k < dst.length; k++) dst[k] = f(at(dst, k) + f(at(table, row + k) * a));
  }
}

function scatterReference(ids: Int32Array, w: Float32Array, norm: number, table: Float32Array, rowLength: number, src: Float32Array): void {
  for (let j = 0; j < ids.length; j++) {
    const a = f(at(w, j) * norm);
    const row = at(ids, j) * rowLength;
    for (let k = 0; k < src.length; k++) table[row + k] = f(at(table, row + k) - f(at(src, k) * a));
  }
}

/** Four lane sums over the whole blocks of 4, added lane 0 to 3, then the tail one by one. */
function denseForwardReference(W: Float32Array, h: Float32Array, bias: Float32Array, out: Float32Array, cols: number): void {
  const blocked = cols - (cols % 4);
  for (let c = 0; c < out.length; c++) {
    const lanes = [0, 0, 0, 0];
    for (let k = 0; k < blocked; k++) lanes[k % 4] = f(at(lanes, k % 4) + f(at(W, c * cols + k) * at(h, k)));
    let sum = f(f(f(at(lanes, 0) + at(lanes, 1)) + at(lanes, 2)) + at(lanes, 3));
    for (let k = blocked; k < cols; k++) sum = f(sum + f(at(W, c * cols + k) * at(h, k)));
    out[c] = f(at(bias, c) + sum);
  }
}

function denseBackwardReference(W: Float32Array, h: Float32Array, g: Float32Array, grad: Float32Array, cols: number): void {
  for (let c = 0; c < g.length; c++) {
    for (let k = 0; k < cols; k++) {
      const old = at(W, c * cols + k);
      grad[k] = f(at(grad, k) + f(old * at(g, c)));
      W[c * cols + k] = f(old - f(at(h, k) * at(g, c)));
    }
  }
}

// --- the tests ---------------------------------------------------------------------------------

function cases(): { len: number; n: number; edges: boolean; seed: number }[] {
  const out = [];
  let seed = 1;
  for (const len of LENGTHS) for (const n of FEATURE_COUNTS) for (const edges of [false, true]) out.push({ len, n, edges, seed: seed++ });
  return out;
}

describe('SIMD kernels against a scalar float32 reference', () => {
  it('gather: vec[k] += Σ_j (w[j]·norm)·M[ids[j]][k]', () => {
    for (const { len, n, edges, seed } of cases()) {
      const prng = new Prng(seed);
      // A row stride wider than the vector, as when the trainer gathers `classes` of a wider table.
      const stride = len + prng.int(3);
      withMemory([n, n, ROWS * stride, len], ({ kernels, f32, i32 }) => {
        const ids = i32(n);
        const w = f32(n);
        const table = f32(ROWS * stride);
        const dst = f32(len);
        // Repeated ids on purpose: the same row may appear twice in one example.
        ids.view.set(Int32Array.from({ length: n }, () => prng.int(ROWS)));
        w.view.set(randomFloats(prng, n, edges));
        table.view.set(randomFloats(prng, ROWS * stride, edges));
        dst.view.set(randomFloats(prng, len, edges));
        const norm = f(1 / Math.max(1, n));
        const expected = Float32Array.from(dst.view);
        gatherReference(ids.view, w.view, norm, table.view, stride, expected);

        kernels.gather(ids.at, w.at, n, norm, table.at, stride * 4, dst.at, len);
        expect(bits(dst.view), `len ${len}, n ${n}, edges ${edges}`).toEqual(bits(expected));
      });
    }
  });

  it('scatter: M[ids[j]][k] −= (w[j]·norm)·vec[k], feature by feature', () => {
    for (const { len, n, edges, seed } of cases()) {
      const prng = new Prng(seed);
      const stride = len + prng.int(3);
      withMemory([n, n, ROWS * stride, len], ({ kernels, f32, i32 }) => {
        const ids = i32(n);
        const w = f32(n);
        const table = f32(ROWS * stride);
        const src = f32(len);
        ids.view.set(Int32Array.from({ length: n }, () => prng.int(ROWS)));
        w.view.set(randomFloats(prng, n, edges));
        table.view.set(randomFloats(prng, ROWS * stride, edges));
        src.view.set(randomFloats(prng, len, edges));
        const norm = f(0.5 / Math.max(1, n));
        const expected = Float32Array.from(table.view);
        scatterReference(ids.view, w.view, norm, expected, stride, src.view);

        kernels.scatter(ids.at, w.at, n, norm, table.at, stride * 4, src.at, len);
        expect(bits(table.view), `len ${len}, n ${n}, edges ${edges}`).toEqual(bits(expected));
      });
    }
  });

  it('denseForward: out[c] = bias[c] + W[c]·h', () => {
    for (const { len: cols, n: rows, edges, seed } of cases()) {
      const prng = new Prng(seed);
      withMemory([rows * cols, cols, rows, rows], ({ kernels, f32 }) => {
        const W = f32(rows * cols);
        const h = f32(cols);
        const bias = f32(rows);
        const out = f32(rows);
        W.view.set(randomFloats(prng, rows * cols, edges));
        h.view.set(randomFloats(prng, cols, edges));
        bias.view.set(randomFloats(prng, rows, edges));
        out.view.fill(Number.NaN); // every output must be written
        const expected = new Float32Array(rows);
        denseForwardReference(W.view, h.view, bias.view, expected, cols);

        kernels.denseForward(W.at, h.at, bias.at, out.at, rows, cols);
        expect(bits(out.view), `rows ${rows}, cols ${cols}, edges ${edges}`).toEqual(bits(expected));
      });
    }
  });

  it('denseBackward: grad += g[c]·W[c] (the row before its update), then W[c] −= g[c]·h', () => {
    for (const { len: cols, n: rows, edges, seed } of cases()) {
      const prng = new Prng(seed);
      withMemory([rows * cols, cols, rows, cols], ({ kernels, f32 }) => {
        const W = f32(rows * cols);
        const h = f32(cols);
        const g = f32(rows);
        const grad = f32(cols);
        W.view.set(randomFloats(prng, rows * cols, edges));
        h.view.set(randomFloats(prng, cols, edges));
        g.view.set(randomFloats(prng, rows, edges));
        grad.view.set(randomFloats(prng, cols, edges));
        const expectedW = Float32Array.from(W.view);
        const expectedGrad = Float32Array.from(grad.view);
        denseBackwardReference(expectedW, h.view, g.view, expectedGrad, cols);

        kernels.denseBackward(W.at, h.at, g.at, grad.at, rows, cols);
        expect(bits(grad.view), `grad: rows ${rows}, cols ${cols}, edges ${edges}`).toEqual(bits(expectedGrad));
        expect(bits(W.view), `W: rows ${rows}, cols ${cols}, edges ${edges}`).toEqual(bits(expectedW));
      });
    }
  });

  it('leaves memory outside the destination untouched', () => {
    withMemory([4, 4, 64, 16], ({ kernels, f32, i32 }) => {
      const ids = i32(4);
      const w = f32(4);
      const table = f32(64);
      const guarded = f32(16);
      ids.view.set([0, 1, 2, 3]);
      w.view.fill(1);
      table.view.fill(1);
      guarded.view.fill(7);
      // 5 elements into a 16-element area: the SIMD block writes 4, the tail 1, nothing past it.
      kernels.gather(ids.at, w.at, 4, 1, table.at, 16 * 4, guarded.at, 5);
      expect(Array.from(guarded.view)).toEqual([11, 11, 11, 11, 11, ...new Array<number>(11).fill(7)]);
    });
  });

  it('MemoryLayout aligns every array to 16 bytes', () => {
    const layout = new MemoryLayout();
    expect([layout.reserve(1), layout.reserve(5), layout.reserve(4), layout.reserve(0), layout.reserve(3)]).toEqual([0, 16, 48, 64, 64]);
    expect(layout.bytes).toBe(80);
  });
});
