import { latinWordSegments } from './latin-word-segments';
import { foldAccents, normalizeText } from './normalize-text';
import { canonicalEmoji, isEmoji, isNumberToken, splitSpecialSpans, SpecialTokens } from './special-tokens';

export type TokenKind = 'word' | 'number' | 'special' | 'emoji' | 'punctuation';

/** One token of a text, after normalisation. */
export interface TextToken {
  /** The form used for word n-grams: folded when folding is on; `<num>`, `<emoji>`… for specials. */
  readonly text: string;
  /**
   * A second unigram-only form, or null: the unfolded original when folding changed the word
   * (`não` next to `nao`), or the emoji itself next to `<emoji>` (emoji carry sentiment).
   */
  readonly variant: string | null;
  readonly kind: TokenKind;
}

export interface TokenizeOptions {
  /** Fold accents in `text` and keep the original in `variant`. Default true. */
  readonly foldAccents?: boolean;
  /**
   * Segmenter locale. Word segmentation for Portuguese and English follows the same ICU root
   * rules, so the featuriser uses a fixed 'en' and never the machine's default locale.
   */
  readonly locale?: 'en' | 'pt';
  /** Stop after this many tokens (bounds the work on huge inputs). Default 2,048. */
  readonly maxTokens?: number;
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(locale: string): Intl.Segmenter {
  let s = segmenters.get(locale);
  if (s === undefined) {
    s = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, s);
  }
  return s;
}

/** Question and exclamation marks separate questions from statements and carry emphasis. */
const KEPT_PUNCTUATION = new Set(['?', '!']);

/**
 * Normalises and tokenises a text. Never throws: empty, non-string-like, only-emoji, mixed-script
 * and invalid-UTF-16 inputs all give a (possibly empty) token list.
 */
export function tokenize(raw: string, options: TokenizeOptions = {}): TextToken[] {
  const fold = options.foldAccents ?? true;
  const maxTokens = options.maxTokens ?? 2_048;
  const segmenter = segmenterFor(options.locale ?? 'en');
  const tokens: TextToken[] = [];
  const text = normalizeText(raw);
  if (text.length === 0) return tokens;

  for (const piece of splitSpecialSpans(text)) {
    if (tokens.length >= maxTokens) break;
    if (piece.kind === 'special') {
      tokens.push({ text: piece.token, variant: null, kind: 'special' });
      continue;
    }
    // Most chat texts are ASCII and Latin-1 letters: cut them without ICU (same segments).
    const segments: Iterable<{ readonly segment: string; readonly isWordLike?: boolean }> = latinWordSegments(piece.text) ?? segmenter.segment(piece.text);
    for (const seg of segments) {
      if (tokens.length >= maxTokens) break;
      const s = seg.segment;
      if (seg.isWordLike) {
        if (isNumberToken(s)) {
          tokens.push({ text: SpecialTokens.number, variant: null, kind: 'number' });
        } else {
          const f = fold ? foldAccents(s) : s;
          // A "word" of combining marks only would fold to nothing; keep it as written.
          const folded = f.length > 0 ? f : s;
          tokens.push({ text: folded, variant: folded === s ? null : s, kind: 'word' });
        }
      } else if (isEmoji(s)) {
        tokens.push({ text: SpecialTokens.emoji, variant: canonicalEmoji(s), kind: 'emoji' });
      } else if (KEPT_PUNCTUATION.has(s)) {
        tokens.push({ text: s, variant: null, kind: 'punctuation' });
      }
    }
  }
  return tokens;
}
