import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importLabelledFile } from './import-labelled-file';
import { parseLabelledCsv } from './parse-labelled-csv';

describe('importLabelledFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ciclo-import-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('chooses the parser by extension', async () => {
    await writeFile(join(dir, 'a.csv'), 'text,label\n"olá, tudo bem?",greeting\n');
    await writeFile(join(dir, 'a.ndjson'), '{"text":"olá","label":"greeting"}\n');
    await writeFile(join(dir, 'a.JSONL'), '{"text":"oi","label":"greeting"}\n');
    expect((await importLabelledFile(join(dir, 'a.csv'))).examples[0]?.text).toBe('olá, tudo bem?');
    expect((await importLabelledFile(join(dir, 'a.ndjson'))).examples[0]?.text).toBe('olá');
    expect((await importLabelledFile(join(dir, 'a.JSONL'))).examples[0]?.text).toBe('oi');
  });

  it('streams a file larger than one read chunk with the same result as parsing it whole', async () => {
    const rows = ['\uFEFFtext,label'];
    // Multi-byte characters and quoted newlines over ~1.2 MB (two 1 MiB reads) so a read edge falls among them.
    for (let i = 0; i < 30_000; i++) rows.push(i % 7 === 0 ? `"ação\r\nnº ${i}, é",thanks` : `pedido ${i} não chegou ✓,order_status`);
    const csv = rows.join('\r\n');
    const path = join(dir, 'big.csv');
    await writeFile(path, csv);
    const streamed = await importLabelledFile(path);
    // JSON comparison: the same check as toEqual here, and far faster on 30k objects.
    expect(JSON.stringify(streamed)).toBe(JSON.stringify(parseLabelledCsv(csv)));
    expect(streamed.summary.imported).toBe(30_000);
    expect(Buffer.byteLength(csv)).toBeGreaterThan(1 << 20);
  });

  it('refuses unknown extensions, missing files and non-UTF-8 bytes', async () => {
    await expect(importLabelledFile(join(dir, 'data.xlsx'))).rejects.toMatchObject({
      code: 'CICLO_ERR_ML_IMPORT_UNSUPPORTED_FORMAT',
    });
    await expect(importLabelledFile(join(dir, 'missing.csv'))).rejects.toMatchObject({
      code: 'CICLO_ERR_ML_IMPORT_UNREADABLE',
      message: expect.stringContaining('ENOENT') as unknown,
    });
    const latin1 = join(dir, 'latin1.csv');
    await writeFile(latin1, Buffer.from('text,label\nol\xe1,greeting\n', 'latin1'));
    await expect(importLabelledFile(latin1)).rejects.toMatchObject({ code: 'CICLO_ERR_ML_IMPORT_ENCODING' });
  });

  it('honours an explicit format and passes options through', async () => {
    const path = join(dir, 'export.txt');
    await writeFile(path, 'text,label\nhi,greeting\nhi,greeting\n');
    const r = await importLabelledFile(path, { format: 'csv', duplicates: 'keep' });
    expect(r.summary).toMatchObject({ imported: 2, duplicates: 1 });
  });

  it('reports file-level problems from the parser', async () => {
    const path = join(dir, 'nohead.csv');
    await writeFile(path, 'hi,greeting\n');
    await expect(importLabelledFile(path)).rejects.toMatchObject({ code: 'CICLO_ERR_ML_IMPORT_NO_HEADER' });
  });
});
