import { describe, expect, it } from 'vitest';
import { ImportError } from './import-error';
import { LabelledJsonlParser, parseLabelledJsonl } from './parse-labelled-jsonl';

describe('parseLabelledJsonl', () => {
  it('reads objects with line numbers, optional language, CRLF, BOM and blank lines', () => {
    const jsonl =
      '\uFEFF{"text": "oi", "label": "greeting", "language": "pt-BR"}\r\n\r\n' +
      '{"label": "thanks", "text": "valeu", "language": null, "source": "agent"}\n' +
      '{"text": "bye", "label": "goodbye"}';
    const r = parseLabelledJsonl(jsonl);
    expect(r.examples).toEqual([
      { text: 'oi', label: 'greeting', language: 'pt-BR', line: 1 },
      { text: 'valeu', label: 'thanks', line: 3, metadata: { source: 'agent' } },
      { text: 'bye', label: 'goodbye', line: 4 },
    ]);
    expect(r.summary).toMatchObject({ read: 3, imported: 3, skipped: 0, metadataKeys: ['source'] });
  });

  it('keeps other fields as metadata strings: JSON text for numbers, booleans, objects and arrays', () => {
    const line = JSON.stringify({
      text: 'oi',
      label: 'Greeting',
      lang: 'pt',
      rating: 4.5,
      reviewed: false,
      tags: ['a', 'b'],
      author: { id: 7 },
      note: null,
      blank: ' ',
    });
    const r = parseLabelledJsonl(line);
    expect(r.examples[0]).toEqual({
      text: 'oi',
      label: 'Greeting',
      line: 1,
      metadata: { lang: 'pt', rating: '4.5', reviewed: 'false', tags: '["a","b"]', author: '{"id":7}' },
    });
    expect(r.summary.metadataKeys).toEqual(['lang', 'rating', 'reviewed', 'tags', 'author']);
  });

  it('skips bad lines with the line number and what to fix', () => {
    const jsonl = [
      '{"text": "ok", "label": "greeting"}', // 1
      '{"text": "broken", "label": ', // 2
      '["text", "label"]', // 3
      '{"text": 42, "label": "greeting"}', // 4
      '{"text": "no label"}', // 5
      '{"text": "x", "label": "greeting", "language": 7}', // 6
      '"just a string"', // 7
      '{"text": "  ", "label": "greeting"}', // 8
    ].join('\n');
    const r = parseLabelledJsonl(jsonl);
    expect(r.skipped.map((s) => s.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const reasons = r.skipped.map((s) => s.reason);
    expect(reasons[0]).toMatch(/^invalid JSON \(.+\); each line must be one object like \{"text": "…", "label": "…"\}$/);
    expect(reasons[1]).toBe('expected a JSON object like {"text": "…", "label": "…"}, found an array');
    expect(reasons[2]).toBe('"text" must be a string, found a number');
    expect(reasons[3]).toBe('missing the label field');
    expect(reasons[4]).toMatch(/^"language" must be a string/);
    expect(reasons[5]).toMatch(/found a string$/);
    expect(reasons[6]).toMatch(/^text is empty/);
    expect(r.summary).toMatchObject({ read: 8, imported: 1, skipped: 7 });
  });

  it('detects duplicates and conflicts like the CSV reader', () => {
    const r = parseLabelledJsonl(
      ['{"text":"Oi","label":"greeting"}', '{"text":"oi","label":"greeting"}', '{"text":"oi ","label":"thanks"}'].join('\n'),
    );
    expect(r.summary).toMatchObject({ imported: 2, duplicates: 1, conflicts: 1 });
    expect(r.duplicates).toEqual([{ line: 2, firstLine: 1, text: 'oi', label: 'greeting' }]);
  });

  it('gives the same result whatever the chunk size', () => {
    const jsonl = '{"text":"a\\nb","label":"greeting"}\r\nnot json\n\n{"text":"ç","label":"thanks"}\n';
    const whole = parseLabelledJsonl(jsonl);
    for (const size of [1, 2, 5]) {
      const parser = new LabelledJsonlParser();
      for (let i = 0; i < jsonl.length; i += size) parser.push(jsonl.slice(i, i + size));
      expect(parser.end()).toEqual(whole);
    }
    expect(whole.examples.map((e) => [e.text, e.line])).toEqual([
      ['a\nb', 1],
      ['ç', 4],
    ]);
  });

  it('throws EMPTY_FILE for a file without objects', () => {
    for (const text of ['', '\n  \n', '\uFEFF']) {
      expect(() => parseLabelledJsonl(text)).toThrow(ImportError);
    }
    try {
      parseLabelledJsonl('');
    } catch (err) {
      expect(err).toMatchObject({ code: 'CICLO_ERR_ML_IMPORT_EMPTY_FILE' });
    }
  });
});
