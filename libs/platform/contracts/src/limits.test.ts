import { describe, expect, it } from 'vitest';
import { Limits, NamePatterns } from './limits';

describe('NamePatterns', () => {
  it('bounds a model name at Limits.modelNameChars and an alias at Limits.aliasNameChars', () => {
    expect(NamePatterns.model.source).toBe('^[a-z0-9][a-z0-9._-]{0,63}$');
    expect(NamePatterns.alias.source).toBe('^[a-z][a-z0-9_-]{0,31}$');
    expect(NamePatterns.model.test('m'.repeat(Limits.modelNameChars))).toBe(true);
    expect(NamePatterns.model.test('m'.repeat(Limits.modelNameChars + 1))).toBe(false);
    expect(NamePatterns.alias.test('a'.repeat(Limits.aliasNameChars))).toBe(true);
    expect(NamePatterns.alias.test('a'.repeat(Limits.aliasNameChars + 1))).toBe(false);
  });
});
