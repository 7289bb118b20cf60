import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize';

const texts = (raw: string) => tokenize(raw).map((t) => t.text);

describe('tokenize', () => {
  it('maps numbers, order ids, URLs and e-mails to special tokens', () => {
    expect(texts('Pedido #12345 chegou?')).toEqual(['pedido', '<order_id>', 'chegou', '?']);
    expect(texts('status PED-2024-0001 e BR123456789')).toEqual(['status', '<order_id>', 'e', '<order_id>']);
    expect(texts('rastreio AA123456789BR')).toEqual(['rastreio', '<order_id>']);
    expect(texts('paguei 12,50 em 3 vezes')).toEqual(['paguei', '<num>', 'em', '<num>', 'vezes']);
    expect(texts('veja https://loja.example.com/p?id=1 ou www.loja.com')).toEqual(['veja', '<url>', 'ou', '<url>']);
    expect(texts('meu email é Ana.Silva+x@Exemplo.com.br')).toEqual(['meu', 'email', 'e', '<email>']);
  });

  it('keeps words that only look like ids', () => {
    expect(texts('covid-19 sintomas')).toEqual(['covid', '<num>', 'sintomas']);
  });

  it('keeps emoji identity next to <emoji>', () => {
    const tokens = tokenize('adorei 😍👍🏽!');
    expect(tokens.map((t) => t.text)).toEqual(['adorei', '<emoji>', '<emoji>', '!']);
    expect(tokens.map((t) => t.variant)).toEqual([null, '😍', '👍', null]);
    expect(tokenize('😡😡').map((t) => t.variant)).toEqual(['😡', '😡']);
  });

  it('folds accents and keeps the original as a variant', () => {
    const [t] = tokenize('Não');
    expect(t).toEqual({ text: 'nao', variant: 'não', kind: 'word' });
    expect(tokenize('Não', { foldAccents: false })[0]).toEqual({ text: 'não', variant: null, kind: 'word' });
  });

  it('survives empty, huge, mixed-script and invalid input', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('   \n\t ')).toEqual([]);
    expect(tokenize('\ud800\udfff\ud800')).toEqual([]);
    const mixed = texts('Привет 你好 مرحبا olá');
    expect(mixed).toContain('привет');
    expect(mixed).toContain('ola');
    const started = performance.now();
    const huge = tokenize('palavra '.repeat(12_800));
    expect(huge.length).toBeLessThanOrEqual(2_048);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
