import { describe, expect, it } from 'vitest';
import { ImportError } from './import-error';
import { LISTED_DUPLICATES, type ImportOptions, type ImportResult } from './import-result';
import { LabelledCsvParser, parseLabelledCsv } from './parse-labelled-csv';

function importErrorOf(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ImportError) return err;
    throw err;
  }
  throw new Error('expected an ImportError');
}

/** Feeds the text in chunks of `size` characters, so every boundary case gets hit. */
function parseInChunks(text: string, size: number, options?: ImportOptions): ImportResult {
  const parser = new LabelledCsvParser(options);
  for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
  return parser.end();
}

describe('parseLabelledCsv', () => {
  it('reads a plain file with line numbers', () => {
    const r = parseLabelledCsv('text,label\nhello there,greeting\nbye,goodbye\n');
    expect(r.examples).toEqual([
      { text: 'hello there', label: 'greeting', line: 2 },
      { text: 'bye', label: 'goodbye', line: 3 },
    ]);
    expect(r.summary).toEqual({
      read: 2,
      imported: 2,
      skipped: 0,
      duplicates: 0,
      conflicts: 0,
      byLabel: { greeting: 1, goodbye: 1 },
      metadataKeys: [],
    });
    expect(r.duplicates).toEqual([]);
  });

  it('accepts any column order, header case and extra columns, and reads language', () => {
    const r = parseLabelledCsv('Label,source, TEXT ,language\ngreeting,seed,oi,pt-BR\nthanks,seed,thanks,\n');
    expect(r.examples).toEqual([
      { text: 'oi', label: 'greeting', language: 'pt-BR', line: 2, metadata: { source: 'seed' } },
      { text: 'thanks', label: 'thanks', line: 3, metadata: { source: 'seed' } },
    ]);
  });

  it('keeps extra columns as metadata under their header names, leaving blank cells out', () => {
    const csv = ['text,label,lang,Source,,__proto__', 'oi,greeting,pt,app,ignored,x', 'bye,goodbye,,  ,', 'thanks,thanks,en'].join('\n');
    const r = parseLabelledCsv(csv);
    expect(r.skipped).toEqual([]);
    expect(r.examples.map((e) => e.metadata)).toEqual([{ lang: 'pt', Source: 'app', ['__proto__']: 'x' }, undefined, { lang: 'en' }]);
    expect(Object.getPrototypeOf(r.examples[0]?.metadata)).toBe(Object.prototype);
    expect(r.summary.metadataKeys).toEqual(['lang', 'Source', '__proto__']);
    expect(importErrorOf(() => parseLabelledCsv('text,label,source,source\nhi,greeting,a,b\n'))).toMatchObject({
      code: 'CICLO_ERR_ML_IMPORT_DUPLICATE_COLUMN',
      details: { column: 'source' },
    });
  });

  it('handles quotes, escaped quotes, commas and newlines inside quotes', () => {
    const csv = [
      'text,label',
      '"Hello, is anyone there?",greeting',
      '"She said ""where is my order?""",order_status',
      '"first line',
      'second line",complaint',
      'a 5" screen,product_question',
      'last,goodbye',
    ].join('\n');
    const r = parseLabelledCsv(csv);
    expect(r.skipped).toEqual([]);
    expect(r.examples.map((e) => [e.text, e.line])).toEqual([
      ['Hello, is anyone there?', 2],
      ['She said "where is my order?"', 3],
      ['first line\nsecond line', 4],
      ['a 5" screen', 6],
      ['last', 7],
    ]);
  });

  it('handles CRLF, lone CR, a BOM, blank lines and no final newline', () => {
    const r = parseLabelledCsv('\uFEFFtext,label\r\n"multi\r\nline",greeting\r\n\r\nbye,goodbye\rthanks,thanks');
    expect(r.examples.map((e) => [e.text, e.label, e.line])).toEqual([
      ['multi\r\nline', 'greeting', 2],
      ['bye', 'goodbye', 5],
      ['thanks', 'thanks', 6],
    ]);
  });

  it('gives the same result whatever the chunk size', () => {
    const csv =
      '\uFEFFlanguage,text,label\r\nen,"quoted ""x"", y",greeting\r\npt-BR,"a\r\nb",thanks\n,plain,goodbye\r\n' +
      'en,"oops"x,greeting\r\nen,"never closed,goodbye\r\nen,after,thanks';
    const whole = parseLabelledCsv(csv);
    expect(whole.summary).toMatchObject({ read: 6, imported: 4, skipped: 2 });
    for (const size of [1, 2, 3, 5, 7, 64]) expect(parseInChunks(csv, size)).toEqual(whole);
  });

  it('skips an unterminated quote at end of file with the line it opened on, and keeps reading', () => {
    const r = parseLabelledCsv('text,label\nhello,greeting\n"where is\nmy order,order_status\nbye,goodbye\n');
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0]?.line).toBe(3);
    expect(r.skipped[0]?.reason).toMatch(/^unterminated quote: the quoted field that starts on line 3 never closes/);
    expect(r.examples.map((e) => [e.text, e.line])).toEqual([
      ['hello', 2],
      ['my order', 4],
      ['bye', 5],
    ]);
    const last = parseLabelledCsv('text,label\nhello,greeting\n"bye,goodbye');
    expect(last.skipped).toEqual([{ line: 3, reason: expect.stringMatching(/unterminated quote/) as unknown }]);
    expect(last.summary).toMatchObject({ read: 2, imported: 1, skipped: 1 });
  });

  it('skips malformed rows with a reason that says what to fix', () => {
    const csv = [
      'text,label',
      'hello, world,greeting', // 2: unquoted comma
      'no label here', // 3
      '   ,greeting', // 4
      'hi,', // 5
      'hi,Greeting Hi', // 6
      '"closed"then more,greeting', // 7
      'x'.repeat(11) + ',greeting', // 8
      'fine,greeting', // 9
    ].join('\n');
    const r = parseLabelledCsv(csv, { maxTextLength: 10 });
    expect(r.skipped.map((s) => s.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const reasons = r.skipped.map((s) => s.reason);
    expect(reasons[0]).toBe('the row has 3 fields but the header has 2; put text that contains commas in double quotes');
    expect(reasons[1]).toBe('missing the label field (the row has 1 field, the header has 2)');
    expect(reasons[2]).toMatch(/^text is empty/);
    expect(reasons[3]).toMatch(/^label is empty/);
    expect(reasons[4]).toMatch(/^label "Greeting Hi" is not valid: use 1–64 letters a–z, digits/);
    expect(reasons[5]).toMatch(/^text after the closing quote of field 1/);
    expect(reasons[6]).toBe('text has 11 characters; the limit is 10, so shorten or split it');
    expect(r.summary).toMatchObject({ read: 8, imported: 1, skipped: 7 });
  });

  it('counts characters, not UTF-16 units, against the length limit', () => {
    expect(parseLabelledCsv('text,label\n😀😀😀,thanks', { maxTextLength: 3 }).summary.imported).toBe(1);
  });

  it('restricts labels to an allowed set and can accept free-form labels', () => {
    const csv = 'text,label\nhi,greeting\nrefund?,Refund_not_showing_up\nbye,farewell\nwhat?,reverted_card_payment?\n';
    const strict = parseLabelledCsv(csv, { allowedLabels: ['greeting', 'goodbye'] });
    expect(strict.skipped.map((s) => s.line)).toEqual([3, 4, 5]);
    expect(strict.skipped[1]?.reason).toBe('label "farewell" is not one of this task\'s 2 labels (greeting, goodbye)');
    expect(parseLabelledCsv(csv).skipped.map((s) => s.line)).toEqual([5]);
    const free = parseLabelledCsv(csv, { labelPattern: null });
    expect(free.examples.map((e) => e.label)).toEqual(['greeting', 'Refund_not_showing_up', 'farewell', 'reverted_card_payment?']);
  });

  describe('labels with capitals', () => {
    const csv = ['text,label', 'great,Positive', 'awful,NEGATIVE', 'fine,positive', 'Great ,positive'].join('\n');

    it('keeps them as written by default: Positive and positive are two labels', () => {
      const r = parseLabelledCsv(csv);
      expect(r.examples.map((e) => e.label)).toEqual(['Positive', 'NEGATIVE', 'positive', 'positive']);
      expect(r.summary.byLabel).toEqual({ Positive: 1, NEGATIVE: 1, positive: 2 });
      expect(r.conflicts).toEqual([{ text: 'great', labels: ['Positive', 'positive'], lines: [2, 5] }]);
      expect(parseLabelledCsv(csv, { labelCase: 'keep' })).toEqual(r);
    });

    it('lowercases them with labelCase "lower", before duplicates and the allowed set are checked', () => {
      const r = parseLabelledCsv(csv, { labelCase: 'lower', allowedLabels: ['positive', 'negative'] });
      expect(r.skipped).toEqual([]);
      expect(r.examples.map((e) => [e.label, e.line])).toEqual([
        ['positive', 2],
        ['negative', 3],
        ['positive', 4],
      ]);
      expect(r.duplicates).toEqual([{ line: 5, firstLine: 2, text: 'Great', label: 'positive' }]);
    });

    it('refuses them with labelCase "strict", saying how to write the label', () => {
      const r = parseLabelledCsv(csv, { labelCase: 'strict' });
      expect(r.skipped).toEqual([
        { line: 2, reason: 'label "Positive" has capitals; write it in lowercase (e.g. "positive")' },
        { line: 3, reason: 'label "NEGATIVE" has capitals; write it in lowercase (e.g. "negative")' },
      ]);
      expect(r.examples.map((e) => e.line)).toEqual([4, 5]);
    });
  });

  it('skips a malformed language tag', () => {
    const r = parseLabelledCsv('text,label,language\nhi,greeting,portuguese brazil\n');
    expect(r.skipped[0]?.reason).toMatch(/^language "portuguese brazil" is not a language tag/);
  });

  it('drops exact duplicates after normalisation and reports label conflicts', () => {
    const csv = [
      'text,label',
      'Where is my order?,order_status', // 2
      '  where   is my ORDER? ,order_status', // 3: duplicate of 2
      'where is my order?,delivery_time', // 4: conflict with 2
      'cancel it,cancel_order', // 5
      'cancel it,cancel_order', // 6: duplicate
    ].join('\n');
    const r = parseLabelledCsv(csv);
    expect(r.examples.map((e) => e.line)).toEqual([2, 4, 5]);
    expect(r.summary).toEqual({
      read: 5,
      imported: 3,
      skipped: 0,
      duplicates: 2,
      conflicts: 1,
      byLabel: { order_status: 1, delivery_time: 1, cancel_order: 1 },
      metadataKeys: [],
    });
    expect(r.duplicates).toEqual([
      { line: 3, firstLine: 2, text: 'where   is my ORDER?', label: 'order_status' },
      { line: 6, firstLine: 5, text: 'cancel it', label: 'cancel_order' },
    ]);
    expect(r.conflicts).toEqual([{ text: 'Where is my order?', labels: ['order_status', 'delivery_time'], lines: [2, 4] }]);

    const kept = parseLabelledCsv(csv, { duplicates: 'keep' });
    expect(kept.summary).toMatchObject({ read: 5, imported: 5, duplicates: 2, conflicts: 1 });
    expect(kept.duplicates).toEqual(r.duplicates);
    expect(kept.conflicts[0]?.lines).toEqual([2, 3, 4]);
  });

  it('lists the first LISTED_DUPLICATES duplicates and counts them all', () => {
    const rows = ['text,label', 'hi,greeting'];
    for (let i = 0; i < LISTED_DUPLICATES + 5; i++) rows.push('hi,greeting');
    const r = parseLabelledCsv(rows.join('\n'));
    expect(r.summary).toMatchObject({ imported: 1, duplicates: LISTED_DUPLICATES + 5 });
    expect(r.duplicates).toHaveLength(LISTED_DUPLICATES);
    expect(r.duplicates[0]).toEqual({ line: 3, firstLine: 2, text: 'hi', label: 'greeting' });
  });

  it('throws ImportError for file-level problems', () => {
    const cases: [string, string][] = [
      ['', 'CICLO_ERR_ML_IMPORT_EMPTY_FILE'],
      ['\uFEFF\n\n', 'CICLO_ERR_ML_IMPORT_EMPTY_FILE'],
      ['text,label\n', 'CICLO_ERR_ML_IMPORT_EMPTY_FILE'],
      ['hello,greeting\nbye,goodbye\n', 'CICLO_ERR_ML_IMPORT_NO_HEADER'],
      ['text,intent\nhello,greeting\n', 'CICLO_ERR_ML_IMPORT_MISSING_COLUMN'],
      ['text,label,text\nhello,greeting,x\n', 'CICLO_ERR_ML_IMPORT_DUPLICATE_COLUMN'],
      ['"text,label\nhello,greeting\n', 'CICLO_ERR_ML_IMPORT_MALFORMED_HEADER'],
    ];
    for (const [csv, code] of cases) expect(importErrorOf(() => parseLabelledCsv(csv)).code).toBe(code);
    const err = importErrorOf(() => parseLabelledCsv('hello,greeting\n'));
    expect(err.name).toBe('ImportError');
    expect(err.statusCode).toBe(400);
    expect(err.message).toBe('The first line must be a header naming the columns, e.g. "text,label"; found "hello,greeting".');
    expect(importErrorOf(() => parseLabelledCsv('text,intent\nx,y')).message).toMatch(/no "label" column/);
  });

  // Speed is measured in bench/train.bench.ts, never asserted here (timed tests flake under load).
  it('parses 10k mixed-language CRLF rows with an extra column', () => {
    const rows = ['text,label,language'];
    for (let i = 0; i < 10_000; i++) {
      rows.push(i % 3 === 0 ? `"Olá, quero saber do pedido ${i}, por favor",order_status,pt-BR` : `where is order number ${i} please,order_status,en`);
    }
    const r = parseLabelledCsv(rows.join('\r\n'));
    expect(r.summary.imported).toBe(10_000);
    expect(r.examples[0]).toMatchObject({ text: 'Olá, quero saber do pedido 0, por favor', language: 'pt-BR', line: 2 });
    expect(r.examples[9_999]?.line).toBe(10_001);
  });
});
