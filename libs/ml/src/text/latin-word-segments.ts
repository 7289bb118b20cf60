/* eslint-disable @typescript-eslint/no-non-null-assertion -- character-class loops: every index is in range by construction. */
/** One word-break segment, as `Intl.Segmenter` reports it. */
export interface WordSegment {
  readonly segment: string;
  readonly isWordLike: boolean;
}

/**
 * Word_Break classes (UAX #29, as ICU's root rules use them) of the characters this fast path
 * knows. Any other character sends the whole text to `Intl.Segmenter`.
 */
const enum Wb {
  Unknown = 0,
  Letter, // ALetter: a–z, A–Z, Latin-1 letters
  Numeric, // 0–9
  MidLetter, // :
  MidNumLetQ, // . and ' (MidNumLet, Single_Quote)
  MidNum, // , and ;
  ExtendNumLet, // _
  Space, // WSegSpace
  Cr,
  Lf,
  Other, // any other ASCII printable, and tab
}

const CLASSES = new Uint8Array(256);
for (let c = 0x20; c <= 0x7e; c++) CLASSES[c] = Wb.Other;
CLASSES[0x09] = Wb.Other;
CLASSES[0x0a] = Wb.Lf;
CLASSES[0x0d] = Wb.Cr;
CLASSES[0x20] = Wb.Space;
for (let c = 0x30; c <= 0x39; c++) CLASSES[c] = Wb.Numeric;
for (let c = 0x41; c <= 0x5a; c++) CLASSES[c] = Wb.Letter;
for (let c = 0x61; c <= 0x7a; c++) CLASSES[c] = Wb.Letter;
for (let c = 0xc0; c <= 0xff; c++) if (c !== 0xd7 && c !== 0xf7) CLASSES[c] = Wb.Letter;
CLASSES[0x2e] = Wb.MidNumLetQ;
CLASSES[0x27] = Wb.MidNumLetQ;
CLASSES[0x3a] = Wb.MidLetter;
CLASSES[0x2c] = Wb.MidNum;
CLASSES[0x3b] = Wb.MidNum;
CLASSES[0x5f] = Wb.ExtendNumLet;

/**
 * Word segments of a text made of ASCII (printable, tab, CR, LF) and Latin-1 letters — what most
 * English and Portuguese chat messages are after normalisation — exactly as
 * `new Intl.Segmenter('en', { granularity: 'word' })` cuts them, several times faster; null for
 * any other text (the caller then uses the segmenter). Implements the UAX #29 rules those
 * characters can meet: CR×LF, spaces together, letters and digits together (WB5, 8–10), `.`/`'`/`:`
 * between letters (WB6–7; ICU counts `:` as MidLetter), `.`/`'`/`,`/`;` between digits (WB11–12), `_` joining (WB13a–b); a
 * segment is word-like when it holds a letter or digit, or is two or more `_`.
 */
export function latinWordSegments(text: string): WordSegment[] | null {
  const n = text.length;
  const classes = new Uint8Array(n + 1); // a trailing Unknown ends every look-ahead
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const k = c < 256 ? CLASSES[c]! : Wb.Unknown;
    if (k === Wb.Unknown) return null;
    classes[i] = k;
  }
  const segments: WordSegment[] = [];
  let i = 0;
  while (i < n) {
    const k = classes[i]!;
    let end = i + 1;
    let isWordLike = false;
    if (k === Wb.Cr) {
      if (classes[end] === Wb.Lf) end++;
    } else if (k === Wb.Space) {
      while (classes[end] === Wb.Space) end++;
    } else if (k === Wb.Letter || k === Wb.Numeric || k === Wb.ExtendNumLet) {
      let last = k;
      let alnum = k !== Wb.ExtendNumLet;
      for (;;) {
        const next = classes[end]!;
        if (next === Wb.Letter || next === Wb.Numeric || next === Wb.ExtendNumLet) {
          last = next;
          alnum ||= next !== Wb.ExtendNumLet;
          end++;
        } else if (
          ((next === Wb.MidNumLetQ || next === Wb.MidLetter) && last === Wb.Letter && classes[end + 1] === Wb.Letter) ||
          ((next === Wb.MidNumLetQ || next === Wb.MidNum) && last === Wb.Numeric && classes[end + 1] === Wb.Numeric)
        ) {
          end += 2;
        } else break;
      }
      isWordLike = alnum || end - i >= 2;
    }
    segments.push({ segment: text.slice(i, end), isWordLike });
    i = end;
  }
  return segments;
}
