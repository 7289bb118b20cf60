import { describe, expect, it } from 'vitest';
import { capLength, foldAccents, MAX_INPUT_CHARS, normalizeText, toWellFormed } from './normalize-text';

describe('normalizeText', () => {
  it('applies NFKC and lowercases without the machine locale', () => {
    expect(normalizeText('ＰＥＤＩＤＯ ﬁm')).toBe('pedido fim');
    expect(normalizeText('ISTANBUL')).toBe('istanbul');
  });

  it('replaces lone surrogates instead of throwing', () => {
    expect(toWellFormed('a\ud800b\udc00c')).toBe('a\ufffdb\ufffdc');
    expect(toWellFormed('ok 😀')).toBe('ok 😀');
    expect(() => normalizeText('\udfff\ud83d')).not.toThrow();
  });

  it('caps long input without splitting a surrogate pair', () => {
    const text = 'a'.repeat(MAX_INPUT_CHARS - 1) + '😀tail';
    const capped = capLength(text);
    expect(capped.length).toBe(MAX_INPUT_CHARS - 1);
    expect(normalizeText('x'.repeat(100_000)).length).toBe(MAX_INPUT_CHARS);
  });

  it('gives an empty string for empty or non-string input', () => {
    expect(normalizeText('')).toBe('');
    expect(normalizeText(undefined as unknown as string)).toBe('');
  });
});

describe('foldAccents', () => {
  it('strips combining marks and keeps base letters', () => {
    expect(foldAccents('não está ação côté')).toBe('nao esta acao cote');
    expect(foldAccents('plain ascii')).toBe('plain ascii');
  });
});
