/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array loops: every index is in range by construction (see train-classifier.ts). */
/** Mutable parameters during training (the same arrays end up in the result). */
export interface TrainingParams {
  readonly embeddings: Float32Array;
  readonly outputWeights: Float32Array | null;
  readonly outputBias: Float32Array;
}

export function zerosLike(p: TrainingParams): TrainingParams {
  return {
    embeddings: new Float32Array(p.embeddings.length),
    outputWeights: p.outputWeights === null ? null : new Float32Array(p.outputWeights.length),
    outputBias: new Float32Array(p.outputBias.length),
  };
}

export function cloneParams(p: TrainingParams): TrainingParams {
  return { embeddings: p.embeddings.slice(), outputWeights: p.outputWeights?.slice() ?? null, outputBias: p.outputBias.slice() };
}

export function copyInto(target: TrainingParams, source: TrainingParams): TrainingParams {
  target.embeddings.set(source.embeddings);
  if (target.outputWeights !== null && source.outputWeights !== null) target.outputWeights.set(source.outputWeights);
  target.outputBias.set(source.outputBias);
  return target;
}

function eachArray(a: TrainingParams, b: TrainingParams, fn: (x: Float32Array, y: Float32Array) => void): void {
  fn(a.embeddings, b.embeddings);
  if (a.outputWeights !== null && b.outputWeights !== null) fn(a.outputWeights, b.outputWeights);
  fn(a.outputBias, b.outputBias);
}

export function addInto(sum: TrainingParams, p: TrainingParams): void {
  eachArray(sum, p, (s, x) => {
    for (let i = 0; i < s.length; i++) s[i] = s[i]! + x[i]!;
  });
}

export function scaleInto(target: TrainingParams, source: TrainingParams, factor: number): void {
  eachArray(target, source, (t, s) => {
    for (let i = 0; i < t.length; i++) t[i] = s[i]! * factor;
  });
}
