import { createHash } from 'node:crypto';

/**
 * Splits examples into train and holdout by a hash of their normalised text, not by position or
 * a random draw: an example stays on the same side when the data set grows or is reordered, so
 * the holdout of a later version never leaks into its training data.
 */
export function splitByStableHash<T extends { readonly text: string }>(
  examples: readonly T[],
  holdoutFraction: number,
  salt = 'ciclo-holdout-v1',
): { train: T[]; holdout: T[] } {
  if (!(holdoutFraction >= 0 && holdoutFraction < 1)) throw new RangeError('holdoutFraction must be in [0, 1)');
  const train: T[] = [];
  const holdout: T[] = [];
  const cut = Math.floor(holdoutFraction * 0x1_0000_0000);
  for (const example of examples) {
    const key = splitKey(example.text);
    const digest = createHash('sha256').update(salt).update('\u0000').update(key).digest();
    (digest.readUInt32BE(0) < cut ? holdout : train).push(example);
  }
  return { train, holdout };
}

/**
 * Texts that differ only by case, accents or spacing ("Cadê meu pedido" / "cade meu  pedido")
 * must land on the same side, or the holdout would score near-copies of training rows.
 */
function splitKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** sha256 of the examples in a canonical order, stored with the model as its training-data hash. */
export function trainingDataSha256(examples: readonly { readonly text: string; readonly label: string }[]): string {
  const lines = examples.map((e) => `${e.label}\t${e.text}`).sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line).update('\n');
  return hash.digest('hex');
}
