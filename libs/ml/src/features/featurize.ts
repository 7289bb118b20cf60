/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array hot loops: every index is in range by construction, and `!` costs nothing at run time (noUncheckedIndexedAccess would otherwise add a branch per element). */
import type { FeaturizerConfig, Features } from '../model/model-contract';
import { tokenize, type TextToken } from '../text/tokenize';
import { FeatureAccumulator } from './feature-accumulator';
import { FeatureTag, hashStart, hashText, hashUnit, toBucket } from './feature-hash';
import { validateFeaturizerConfig } from './featurizer-config';

const accumulator = new FeatureAccumulator();
const validated = new WeakSet<FeaturizerConfig>();

/** Weight of a token's second form (`não` beside `nao`, 😡 beside `<emoji>`): a hint, not a second word. */
const VARIANT_WEIGHT = 0.5;
const SPACE = 0x20;
const BOUNDARY_START = 0x3c; // '<'
const BOUNDARY_END = 0x3e; // '>'

/**
 * Turns a text into hashed features: word n-grams (tokens joined by a space), the tokens'
 * variant forms, and character n-grams of each word wrapped in `<…>`. Repeated ids are summed
 * (term frequency); ids come in first-seen order — word features first, so truncation at
 * `maxFeatures` keeps every word before any character n-gram. Deterministic; never throws on any
 * string (invalid configs throw {@link InvalidFeaturizerConfigError}).
 */
export function featurize(text: string, config: FeaturizerConfig): Features {
  accumulate(text, config, accumulator);
  const n = accumulator.count;
  const ids = accumulator.ids.slice(0, n);
  const weights = new Float32Array(n);
  for (let i = 0; i < n; i++) weights[i] = accumulator.weights[i]!;
  return { ids, weights };
}

/** Fills `acc` with the features of `text` (shared by {@link featurize} and the batch helper). */
export function accumulate(text: string, config: FeaturizerConfig, acc: FeatureAccumulator): void {
  if (!validated.has(config)) {
    validateFeaturizerConfig(config);
    validated.add(config);
  }
  const { buckets, hashSeed, maxFeatures } = config;
  acc.reset(maxFeatures);
  const tokens = tokenize(text, { foldAccents: config.foldAccents, maxTokens: maxFeatures });
  if (tokens.length === 0) return;

  const wordStart = hashStart(hashSeed, FeatureTag.word);
  const [minN, maxN] = config.wordNgrams;

  // Word n-grams: one running hash per start position, extended a token at a time.
  for (let i = 0; i < tokens.length && !acc.full; i++) {
    let h = wordStart;
    for (let n = 1; n <= maxN && i + n <= tokens.length; n++) {
      if (n > 1) h = hashUnit(h, SPACE);
      h = hashText(h, tokens[i + n - 1]!.text);
      if (n >= minN) acc.add(toBucket(h, buckets), 1);
    }
  }
  for (let i = 0; i < tokens.length && !acc.full; i++) {
    const v = tokens[i]!.variant;
    if (v !== null) acc.add(toBucket(hashText(wordStart, v), buckets), VARIANT_WEIGHT);
  }
  if (config.negationScope) addNegatedWords(tokens, hashStart(hashSeed, FeatureTag.negatedWord), config.negationScope, buckets, acc);

  if (config.charNgrams === null || config.charNgramWeight === 0) return;
  const charStart = hashStart(hashSeed, FeatureTag.charNgram);
  const [minC, maxC] = config.charNgrams;
  for (let t = 0; t < tokens.length && !acc.full; t++) {
    const token = tokens[t]!;
    if (token.kind === 'word') addCharNgrams(token, charStart, minC, maxC, config.charNgramWeight, buckets, acc);
  }
}

/**
 * Negators of the two default languages, accent-folded and lowercased as tokens are. A fixed
 * list is deliberate: it is part of the featuriser's behaviour, stored models depend on it.
 */
const NEGATORS = new Set([
  'nao', 'não', 'n', 'ñ', 'nunca', 'nem', 'sem', 'jamais', 'nada', 'nenhum', 'nenhuma', 'ninguem', 'ninguém',
  'not', 'no', 'never', 'nor', 'without', 'nothing', 'none', 'nobody', 'cannot', 'cant', 'dont', 'doesnt', 'didnt',
  'isnt', 'wasnt', 'wont', 'wouldnt', 'havent', 'hasnt', 'aint', "can't", "don't", "doesn't", "didn't", "isn't",
  "wasn't", "won't", "wouldn't", "haven't", "hasn't", "ain't",
]);

/** `NOT_word` features for up to `scope` words after a negator, stopping at punctuation. */
function addNegatedWords(tokens: readonly TextToken[], start: number, scope: number, buckets: number, acc: FeatureAccumulator): void {
  let remaining = 0;
  for (let i = 0; i < tokens.length && !acc.full; i++) {
    const token = tokens[i]!;
    if (token.kind === 'punctuation') {
      remaining = 0;
    } else if (NEGATORS.has(token.text)) {
      remaining = scope;
    } else if (remaining > 0) {
      acc.add(toBucket(hashText(start, token.text), buckets), 1);
      remaining--;
    }
  }
}

/** Code-point n-grams of `<word>`; a lone `<` or `>` is not a feature. */
function addCharNgrams(
  token: TextToken,
  start: number,
  minC: number,
  maxC: number,
  weight: number,
  buckets: number,
  acc: FeatureAccumulator,
): void {
  const units = codeUnitsWithBoundaries(token.text);
  const points = units.length;
  for (let i = 0; i < points && !acc.full; i++) {
    let h = start;
    for (let n = 1; n <= maxC && i + n <= points; n++) {
      const cp = units[i + n - 1]!;
      if (cp > 0xffff) {
        h = hashUnit(h, 0xd800 + ((cp - 0x10000) >> 10));
        h = hashUnit(h, 0xdc00 + ((cp - 0x10000) & 0x3ff));
      } else {
        h = hashUnit(h, cp);
      }
      if (n < minC) continue;
      if (n === 1 && (cp === BOUNDARY_START || cp === BOUNDARY_END)) continue;
      acc.add(toBucket(h, buckets), weight);
    }
  }
}

let pointBuffer = new Int32Array(64);

/** The word's code points between `<` and `>` (hashed as UTF-16 code units, so astral chars count once). */
function codeUnitsWithBoundaries(word: string): Int32Array {
  if (pointBuffer.length < word.length + 2) pointBuffer = new Int32Array(word.length * 2 + 2);
  let n = 0;
  pointBuffer[n++] = BOUNDARY_START;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < word.length) {
      pointBuffer[n++] = word.codePointAt(i)!;
      i++;
    } else {
      pointBuffer[n++] = c;
    }
  }
  pointBuffer[n++] = BOUNDARY_END;
  return pointBuffer.subarray(0, n);
}
