/**
 * Placeholders for things whose exact value carries no intent (which order, which e-mail) but
 * whose presence does ("where is #12345" is order_status whatever the number).
 */
export const SpecialTokens = {
  number: '<num>',
  orderId: '<order_id>',
  url: '<url>',
  email: '<email>',
  emoji: '<emoji>',
} as const;

export type SpecialToken = (typeof SpecialTokens)[keyof typeof SpecialTokens];

/**
 * Spans replaced before word segmentation (the segmenter would cut them into pieces). Applied to
 * normalised (NFKC, lowercase) text. Order ids cover the shapes the store uses: `#12345`,
 * `ped-2024-0001` (letters, dash, at least four digits — so `covid-19` stays a word) and postal
 * tracking codes `br123456789` / `aa123456789br`.
 */
const SPECIAL_SPAN = new RegExp(
  [
    String.raw`(?<email>[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,})`,
    String.raw`(?<url>(?:https?:\/\/|www\.)[^\s<>"]+)`,
    String.raw`(?<order>#\d{3,}|(?<![\p{L}\p{N}])[a-z]{2,5}-\d{4,}(?:-\d+)*(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])[a-z]{2}\d{6,12}(?:[a-z]{2})?(?![\p{L}\p{N}]))`,
  ].join('|'),
  'gu',
);

/** A slice of normalised text: either plain text to segment, or a recognised special span. */
export type TextPiece = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'special'; readonly token: SpecialToken };

/**
 * What every special span contains (an e-mail `@`, a URL's `www.` or `http(s)://`, an order id's
 * digits): most texts have none, and this test is far cheaper than the full pattern.
 */
const SPECIAL_SPAN_HINT = /[@\d]|www\.|https?:\/\//;

/** Splits normalised text into plain pieces and special spans, left to right. */
export function splitSpecialSpans(text: string): TextPiece[] {
  if (!SPECIAL_SPAN_HINT.test(text)) return text.length > 0 ? [{ kind: 'text', text }] : [];
  const pieces: TextPiece[] = [];
  let last = 0;
  SPECIAL_SPAN.lastIndex = 0;
  for (let m = SPECIAL_SPAN.exec(text); m !== null; m = SPECIAL_SPAN.exec(text)) {
    if (m.index > last) pieces.push({ kind: 'text', text: text.slice(last, m.index) });
    const g = m.groups ?? {};
    const token = g['email'] !== undefined ? SpecialTokens.email : g['url'] !== undefined ? SpecialTokens.url : SpecialTokens.orderId;
    pieces.push({ kind: 'special', token });
    last = m.index + m[0].length;
  }
  if (last < text.length) pieces.push({ kind: 'text', text: text.slice(last) });
  return pieces;
}

const NUMBER = /^\p{Nd}+(?:[.,]\p{Nd}+)*$/u;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
/** Variation selectors and skin-tone modifiers: 👍🏽 and 👍 mean the same thing. */
const EMOJI_MODIFIERS = /\u{fe0e}|\u{fe0f}|\p{Emoji_Modifier}/gu;

export function isNumberToken(segment: string): boolean {
  return NUMBER.test(segment);
}

export function isEmoji(segment: string): boolean {
  return EMOJI.test(segment);
}

/** The emoji's identity without presentation modifiers, so it can be a feature of its own. */
export function canonicalEmoji(segment: string): string {
  return segment.replace(EMOJI_MODIFIERS, '');
}
