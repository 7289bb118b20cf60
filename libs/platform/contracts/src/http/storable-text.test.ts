import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { storable, storableText, unstorableTextProblem } from './storable-text';

describe('storableText', () => {
  it('accepts any text PostgreSQL can store, surrogate pairs (emoji) included', () => {
    for (const ok of ['', 'intent', 'ação', 'emoji 😀', '\ud83d\ude00', 'tab\tnewline\n']) expect(storableText().safeParse(ok).success, ok).toBe(true);
  });

  it('refuses NUL and lone surrogates, naming the problem', () => {
    expect(unstorableTextProblem('a\u0000b')).toMatch(/NUL/);
    for (const lone of ['\ud800', 'a\ud800', '\udc00', 'x\udfffy', '\ude00\ud83d']) expect(unstorableTextProblem(lone), JSON.stringify(lone)).toMatch(/lone UTF-16 surrogate/);
    const result = z.object({ note: storableText().max(10) }).safeParse({ note: 'a\u0000' });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['note', 'must not contain NUL characters (\\u0000)']]);
  });

  it('keeps the chained checks and string formats it wraps', () => {
    expect(storableText().trim().min(1).safeParse('  ').success).toBe(false);
    expect(storableText().trim().parse(' x ')).toBe('x');
    const url = storable(z.url());
    expect(url.safeParse('http://example.com/a').success).toBe(true);
    expect(url.safeParse('http://example.com/\ud800').success).toBe(false);
    expect(url.safeParse('not a url').success).toBe(false);
  });
});
