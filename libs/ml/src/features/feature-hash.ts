/**
 * The hash behind every feature id: FNV-1a (32-bit) over UTF-16 code units — each 16-bit code unit
 * is XORed in whole, then multiplied by the FNV prime — followed by MurmurHash3's fmix32 finaliser
 * so that the low bits (what `% buckets` keeps) are well mixed. Pure 32-bit integer arithmetic
 * (`Math.imul`, `>>> 0`): the same ids on every machine, process and thread.
 *
 * Feature kinds are kept apart by a tag fed before the content, so the word `ab` and the character
 * bigram `ab` land in different buckets.
 */
export const FNV_OFFSET_BASIS = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

export const FeatureTag = {
  /** Word n-grams of every length: tokens joined by U+0020, which no token contains. */
  word: 0x01,
  /** Character n-grams of a word wrapped in `<` and `>` boundary markers. */
  charNgram: 0x03,
  /** A word inside the scope of a preceding negator. */
  negatedWord: 0x05,
} as const;

/** The state after seeding: offset basis mixed with the model's `hashSeed`, then the kind tag. */
export function hashStart(hashSeed: number, tag: number): number {
  const seeded = Math.imul((FNV_OFFSET_BASIS ^ fmix32(hashSeed >>> 0)) >>> 0, FNV_PRIME) >>> 0;
  return Math.imul(seeded ^ tag, FNV_PRIME) >>> 0;
}

/** Feeds one 16-bit code unit. */
export function hashUnit(state: number, unit: number): number {
  return Math.imul(state ^ unit, FNV_PRIME) >>> 0;
}

/** Feeds every code unit of `text`. */
export function hashText(state: number, text: string): number {
  let h = state;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME) >>> 0;
  return h;
}

/** MurmurHash3's 32-bit finaliser. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Maps a finished hash state to a bucket in [1, buckets). Bucket 0 is reserved for padding
 * (`input_ids` is 0 where padded): it is never produced, so its embedding row stays zero and a
 * graph that forgot the weight mask would still add nothing.
 */
export function toBucket(state: number, buckets: number): number {
  return 1 + (fmix32(state) % (buckets - 1));
}
