import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModelSession } from '@ciclo/ml';
import { runTsEntry } from '@ciclo/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('./main.ts', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ciclo-cli-ml-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ciclo bootstrap', () => {
  it('trains the sentiment v1 model, writes a loadable artifact and reports per language', async () => {
    const out = join(dir, 'models');
    const result = await runTsEntry(entry, { args: ['bootstrap', '--task', 'sentiment', '--out', out, '--json'], timeoutMs: 120_000 });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { sentiment: { artifact: string; holdout: { byLanguage: Record<string, { macroF1: number }> } } };
    expect(Object.keys(report.sentiment.holdout.byLanguage).sort()).toEqual(['en', 'pt-BR']);
    expect(existsSync(join(out, 'sentiment.report.json'))).toBe(true);
    const session = await ModelSession.load(report.sentiment.artifact);
    try {
      expect(session.labels).toEqual(['negative', 'neutral', 'positive']);
    } finally {
      await session.dispose();
    }
  }, 150_000);

  it('rejects an unknown task', async () => {
    const result = await runTsEntry(entry, { args: ['bootstrap', '--task', 'weather', '--out', dir] });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown task weather');
  });
});

describe('ciclo import-check', () => {
  it('passes a clean file', async () => {
    const file = join(dir, 'good.jsonl');
    await writeFile(file, '{"text":"oi","label":"greeting"}\n{"text":"where is my order","label":"order_status","language":"en"}\n');
    const result = await runTsEntry(entry, { args: ['import-check', file] });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('2 of 2 rows importable');
  });

  it('names the line and the reason of every bad row and exits 1', async () => {
    const file = join(dir, 'bad.csv');
    await writeFile(file, 'text,label\nhello,greeting\nwhere is it,Order Status!\n,thanks\n');
    const result = await runTsEntry(entry, { args: ['import-check', file] });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/line 3: label "Order Status!" is not valid/);
    expect(result.stdout).toMatch(/line 4: text is empty/);
  });

  it('lists dropped duplicates with their lines, keeps other columns and capitals unless told', async () => {
    const file = join(dir, 'dupes.csv');
    await writeFile(file, 'text,label,source\nhello,Greeting,app\nbye,goodbye,app\nHello ,Greeting,web\n');
    const result = await runTsEntry(entry, { args: ['import-check', file] });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('2 of 3 rows importable, 0 skipped, 1 duplicate(s) dropped');
    expect(result.stdout).toContain('other columns kept as metadata: source');
    expect(result.stdout).toContain('line 4 repeats line 2: "Hello" → Greeting');

    const strict = await runTsEntry(entry, { args: ['import-check', file, '--label-case', 'strict', '--json'] });
    expect(strict.code).toBe(1);
    const report = JSON.parse(strict.stdout) as { skipped: { line: number; reason: string }[] };
    expect(report.skipped.map((s) => s.line)).toEqual([2, 4]);
    expect(report.skipped[0]?.reason).toMatch(/has capitals/);
  });

  it('says what is wrong with an unreadable file', async () => {
    const result = await runTsEntry(entry, { args: ['import-check', join(dir, 'missing.csv')] });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot read');
  });
});
