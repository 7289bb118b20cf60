import { Limits } from '@ciclo/platform-contracts';
import type { ModelSession } from './model-session';

/** One stored sample: an input and what the registered artifact outputs for it. */
export interface SamplePrediction {
  readonly input: string;
  readonly label: string;
  /** In the order of the version's `labels`. */
  readonly probabilities: readonly number[];
}

/** At most this many samples are kept per version (the platform-wide limit). */
export const MAX_SAMPLES = Limits.samplesPerVersion;

/** Largest absolute difference of a probability still counted as reproduced (float32 runtimes differ by ~1e-7). */
export const SAMPLE_TOLERANCE = 1e-4;

/** Used when the trainer sends neither samples nor sample inputs, so every version has some. */
export const DEFAULT_SAMPLE_INPUTS: readonly string[] = ['', 'olá', 'hello', 'quero cancelar meu pedido', 'where is my order?', 'obrigado, ótimo atendimento'];

export async function computeSamplePredictions(session: Pick<ModelSession, 'predict'>, inputs: readonly string[]): Promise<SamplePrediction[]> {
  const predictions = await session.predict(inputs);
  return predictions.map((p, i) => ({ input: inputs[i] ?? '', label: p.label, probabilities: Array.from(p.probabilities) }));
}

export interface SampleMismatch {
  readonly index: number;
  readonly input: string;
  readonly expectedLabel: string;
  readonly actualLabel: string;
  readonly maxAbsDiff: number;
}

/**
 * Runs the samples through a loaded session and lists the ones it does not reproduce (label
 * differs or a probability is off by more than `tolerance`). Serving calls it after loading a
 * version; an empty list means the artifact behaves as the trainer saw it.
 */
export async function checkSamplePredictions(
  session: Pick<ModelSession, 'predict'>,
  samples: readonly SamplePrediction[],
  tolerance = SAMPLE_TOLERANCE,
): Promise<SampleMismatch[]> {
  if (samples.length === 0) return [];
  const predictions = await session.predict(samples.map((s) => s.input));
  const mismatches: SampleMismatch[] = [];
  for (const [index, sample] of samples.entries()) {
    const p = predictions[index];
    const actual = p ? Array.from(p.probabilities) : [];
    let maxAbsDiff = actual.length === sample.probabilities.length ? 0 : Number.POSITIVE_INFINITY;
    for (let k = 0; k < Math.min(actual.length, sample.probabilities.length); k++) {
      maxAbsDiff = Math.max(maxAbsDiff, Math.abs((actual[k] ?? Number.NaN) - (sample.probabilities[k] ?? Number.NaN)) || 0);
      if (Number.isNaN(actual[k]) || Number.isNaN(sample.probabilities[k])) maxAbsDiff = Number.POSITIVE_INFINITY;
    }
    if (p?.label !== sample.label || !(maxAbsDiff <= tolerance)) {
      mismatches.push({ index, input: sample.input, expectedLabel: sample.label, actualLabel: p?.label ?? '', maxAbsDiff });
    }
  }
  return mismatches;
}
