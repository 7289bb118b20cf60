import { describe, expect, it } from 'vitest';
import { defaultBootstrapDataDir, loadBootstrapTask } from '../pipeline/bootstrap-data';
import { latinWordSegments } from './latin-word-segments';
import { normalizeText } from './normalize-text';
import { splitSpecialSpans } from './special-tokens';

const segmenter = new Intl.Segmenter('en', { granularity: 'word' });
const icu = (text: string) => [...segmenter.segment(text)].map((s) => ({ segment: s.segment, isWordLike: s.isWordLike ?? false }));

/** One character of every Word_Break class the fast path handles, and some "other" ones. */
const CLASS_SAMPLES = ['a', 'Z', 'é', 'ß', '1', '.', "'", ':', ',', ';', '_', '"', ' ', '\t', '\n', '\r', '?', '-'];

function* stringsUpTo(length: number, prefix = ''): Generator<string> {
  if (prefix.length > 0) yield prefix;
  if (prefix.length === length) return;
  for (const c of CLASS_SAMPLES) yield* stringsUpTo(length, prefix + c);
}

describe('latinWordSegments', () => {
  it('cuts like Intl.Segmenter: every string of up to 4 characters over all Word_Break classes it handles', () => {
    let compared = 0;
    for (const text of stringsUpTo(4)) {
      const mine = latinWordSegments(text);
      if (mine === null || JSON.stringify(mine) !== JSON.stringify(icu(text))) expect({ text, mine }).toEqual({ text, mine: icu(text) });
      compared++;
    }
    expect(compared).toBeGreaterThan(100_000);
  });

  it('cuts like Intl.Segmenter: random texts over every character it handles', () => {
    const handled = Array.from({ length: 256 }, (_, c) => String.fromCharCode(c)).filter((c) => latinWordSegments(c) !== null);
    const pool = [...handled, ...CLASS_SAMPLES, ...CLASS_SAMPLES, "don't", '1,000.50', 'e.g.', 'a_b', '__', 'http:x'];
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
    for (let k = 0; k < 20_000; k++) {
      let text = '';
      for (let n = 1 + Math.floor(random() * 16); n > 0; n--) text += pool[Math.floor(random() * pool.length)];
      expect(latinWordSegments(text)).toEqual(icu(text));
    }
  });

  it('cuts like Intl.Segmenter: the bootstrap data, as the tokenizer sees it', async () => {
    const dataDir = defaultBootstrapDataDir();
    const texts = [...(await loadBootstrapTask(dataDir, 'intent')), ...(await loadBootstrapTask(dataDir, 'sentiment'))].map((e) => e.text);
    let fast = 0;
    for (const text of texts) {
      for (const piece of splitSpecialSpans(normalizeText(text))) {
        if (piece.kind !== 'text') continue;
        const mine = latinWordSegments(piece.text);
        if (mine === null) continue;
        fast++;
        expect(mine).toEqual(icu(piece.text));
      }
    }
    // Nearly all of it takes the fast path (the rest has emoji and other scripts).
    expect(fast).toBeGreaterThan(texts.length * 0.9);
  });

  it('leaves any other character to the segmenter', () => {
    for (const text of ['olá 😀', 'привет', '中文', 'a\u00a0b', 'x·y', 'a\u00adb', '©', '×', 'a\u0301', '\u000b', '\u007f']) expect(latinWordSegments(text)).toBeNull();
    expect(latinWordSegments('')).toEqual([]);
  });
});
