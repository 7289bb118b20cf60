/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array hot loops: every index is in range by construction, and `!` costs nothing at run time (noUncheckedIndexedAccess would otherwise add a branch per element). */
import { Prng } from './prng';

export interface Split {
  readonly train: Int32Array;
  readonly validation: Int32Array;
}

/**
 * Holds out about `fraction` of each class (rounded, at least one when the class has two or more
 * examples, never its last one) so that rare classes are represented on both sides. Indices come
 * back in ascending order, so the split depends on the seed and the data only.
 */
export function stratifiedSplit(labels: Int32Array, classes: number, fraction: number, seed: number): Split {
  if (fraction <= 0) return { train: Int32Array.from(labels.keys()), validation: new Int32Array(0) };
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]!]!.push(i);
  const prng = new Prng(seed ^ 0x5f3759df);
  const isValidation = new Uint8Array(labels.length);
  for (const members of byClass) {
    if (members.length < 2) continue;
    const shuffled = Int32Array.from(members);
    prng.shuffle(shuffled);
    const take = Math.min(members.length - 1, Math.max(1, Math.round(members.length * fraction)));
    for (let k = 0; k < take; k++) isValidation[shuffled[k]!] = 1;
  }
  const train: number[] = [];
  const validation: number[] = [];
  for (let i = 0; i < labels.length; i++) (isValidation[i] === 1 ? validation : train).push(i);
  return { train: Int32Array.from(train), validation: Int32Array.from(validation) };
}
