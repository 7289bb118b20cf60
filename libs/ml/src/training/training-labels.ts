import { InvalidTrainingInputError } from './invalid-training-input-error';
import type { TrainingExample } from './train-options';

/** The label order of the model: `given` when the caller fixed it, otherwise the labels seen, sorted. */
export function resolveLabels(examples: readonly TrainingExample[], given: readonly string[] | undefined): string[] {
  if (!Array.isArray(examples) || examples.length === 0) throw new InvalidTrainingInputError('No training examples.');
  const seen = new Set<string>();
  examples.forEach((e, i) => {
    if (typeof e?.text !== 'string' || typeof e.label !== 'string' || e.label.length === 0) {
      throw new InvalidTrainingInputError(`Example ${i} needs a string text and a non-empty string label.`, { index: i });
    }
    seen.add(e.label);
  });
  if (given !== undefined) {
    const missing = [...seen].filter((l) => !given.includes(l));
    if (missing.length > 0) throw new InvalidTrainingInputError('Some example labels are not in options.labels.', { missing });
    if (new Set(given).size !== given.length) throw new InvalidTrainingInputError('options.labels has duplicates.');
    return [...given];
  }
  // Code-unit order, not localeCompare: the label order must not depend on the machine's locale.
  const labels = [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (labels.length < 2) throw new InvalidTrainingInputError('Training needs at least two distinct labels.', { labels });
  return labels;
}
