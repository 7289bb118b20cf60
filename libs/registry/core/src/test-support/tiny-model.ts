// Test fixture: real, tiny ONNX classifiers trained in a few milliseconds (shared with the apps' tests).
import { TINY_MODEL_LABELS, tinyModel as sharedTinyModel } from '@ciclo/platform-testing';

export const TINY_LABELS = TINY_MODEL_LABELS;

/** A valid artifact; different seeds give different bytes. `labels` renames the classes (label-set tests). */
export function tinyModel(options: { seed?: number; task?: string; labels?: readonly string[] } = {}): Promise<Uint8Array> {
  return sharedTinyModel(options.seed ?? 1, options);
}
