/**
 * Text normalisation shared by training and serving. Every step is locale-independent
 * (`toLowerCase`, not `toLocaleLowerCase`; Unicode normalisation forms are fixed by the standard),
 * so the same input gives the same output on every machine running the same Node/ICU version.
 */

/**
 * Longest input, in UTF-16 code units, that featurisation looks at. Intents and sentiment are
 * decided by the first sentences; a 100 kB paste must not cost 100 kB of work on the request path.
 * Changing this value changes features of long texts, so it is part of featuriser version 1.
 */
export const MAX_INPUT_CHARS = 4_096;

const COMBINING_MARK = /\p{Mn}+/gu;
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Replaces lone (unpaired) surrogates with U+FFFD. `normalize()` would keep them and the
 * segmenter would treat them as garbage words; U+FFFD is not word-like, so it simply drops out.
 * (String.prototype.toWellFormed exists in Node 20 but not in the ES2023 lib typings.)
 */
export function toWellFormed(text: string): string {
  let out: string | null = null;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    out = (out ?? '') + text.slice(last, i) + '\ufffd';
    last = i + 1;
  }
  return out === null ? text : out + text.slice(last);
}

/** Cuts `text` to at most `maxChars` code units without splitting a surrogate pair. */
export function capLength(text: string, maxChars: number = MAX_INPUT_CHARS): string {
  if (text.length <= maxChars) return text;
  let end = maxChars;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return text.slice(0, end);
}

/** Cap → well-formed → NFKC (full-width, ligatures, compatibility digits) → lowercase. */
export function normalizeText(text: string, maxChars: number = MAX_INPUT_CHARS): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  return toWellFormed(capLength(text, maxChars)).normalize('NFKC').toLowerCase();
}

/**
 * Accent folding: decompose (NFD), drop nonspacing marks, recompose (NFC). `não` → `nao`,
 * `ç` → `c`. Users write Portuguese with and without accents, so the folded form is the one the
 * model mostly learns from; the original form is kept as an extra feature by the featuriser.
 */
export function foldAccents(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return text.normalize('NFD').replace(COMBINING_MARK, '').normalize('NFC');
}
