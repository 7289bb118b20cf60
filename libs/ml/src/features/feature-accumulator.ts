/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array hot loops: every index is in range by construction, and `!` costs nothing at run time (noUncheckedIndexedAccess would otherwise add a branch per element). */
/**
 * Sums weights per bucket id while keeping first-seen order, with a bounded number of distinct ids.
 * Reused across calls (featurisation is synchronous, one accumulator per thread), so a text costs
 * no allocations besides its result arrays.
 */
export class FeatureAccumulator {
  #keys: Int32Array;
  #slotOf: Int32Array;
  #mask: number;
  #touched: Int32Array;
  ids: Int32Array;
  weights: Float64Array;
  count = 0;
  limit = 0;

  constructor(capacity = 1_024) {
    const size = tableSize(capacity);
    this.#keys = new Int32Array(size).fill(-1);
    this.#slotOf = new Int32Array(size);
    this.#mask = size - 1;
    this.#touched = new Int32Array(capacity);
    this.ids = new Int32Array(capacity);
    this.weights = new Float64Array(capacity);
  }

  /** Clears the previous text and sets the distinct-id limit for the next one. */
  reset(limit: number): void {
    for (let i = 0; i < this.count; i++) this.#keys[this.#touched[i]!] = -1;
    this.count = 0;
    this.limit = limit;
    if (limit > this.ids.length) {
      const size = tableSize(limit);
      this.#keys = new Int32Array(size).fill(-1);
      this.#slotOf = new Int32Array(size);
      this.#mask = size - 1;
      this.#touched = new Int32Array(limit);
      this.ids = new Int32Array(limit);
      this.weights = new Float64Array(limit);
    }
  }

  get full(): boolean {
    return this.count >= this.limit;
  }

  /** Adds `weight` to `id`; a new id past the limit is dropped (the caller stops when `full`). */
  add(id: number, weight: number): void {
    let pos = (Math.imul(id, 0x9e3779b1) >>> 0) & this.#mask;
    for (;;) {
      const k = this.#keys[pos]!;
      if (k === id) {
        this.weights[this.#slotOf[pos]!]! += weight;
        return;
      }
      if (k === -1) break;
      pos = (pos + 1) & this.#mask;
    }
    if (this.count >= this.limit) return;
    const slot = this.count++;
    this.#keys[pos] = id;
    this.#slotOf[pos] = slot;
    this.#touched[slot] = pos;
    this.ids[slot] = id;
    this.weights[slot] = weight;
  }
}

/** A power of two at least 4× the capacity: short probe chains. */
function tableSize(capacity: number): number {
  let size = 16;
  while (size < capacity * 4) size *= 2;
  return size;
}
