import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { featureRow, featurizeBatch } from './feature-matrix';
import { defaultFeaturizerConfig } from './featurizer-config';
import { featurize } from './featurize';
import { InvalidFeaturizerConfigError } from './invalid-featurizer-config-error';

const config = defaultFeaturizerConfig({ buckets: 1_000 });
const samples = ['Onde está meu pedido #12345?', 'quero cancelar', '', '😡😡😡', 'Привет 你好 olá', 'x'.repeat(100_000)];

describe('featurize', () => {
  it('gives ids in [1, buckets) with positive weights, deterministically', () => {
    for (const text of samples) {
      const f = featurize(text, config);
      expect(f.ids.length).toBe(f.weights.length);
      for (const id of f.ids) expect(id >= 1 && id < config.buckets).toBe(true);
      for (const w of f.weights) expect(w).toBeGreaterThan(0);
      expect(featurize(text, config)).toEqual(f);
    }
    expect(featurize('', config).ids.length).toBe(0);
  });

  it('puts word features before character n-grams and caps them at maxFeatures', () => {
    const words = featurize('cancelar pedido', defaultFeaturizerConfig({ buckets: 1_000, charNgrams: null }));
    expect(words.ids.length).toBe(3); // two words and their bigram
    const full = featurize('cancelar pedido', config);
    expect(Array.from(full.ids.subarray(0, 3))).toEqual(Array.from(words.ids));
    const capped = featurize('palavra '.repeat(12_800), defaultFeaturizerConfig({ maxFeatures: 50 }));
    expect(capped.ids.length).toBeLessThanOrEqual(50);
  });

  it('keeps the unfolded form as an extra, lighter feature', () => {
    const folded = featurize('não', config);
    const plain = featurize('nao', config);
    expect(folded.ids.length).toBe(plain.ids.length + 1);
  });

  it('handles a 100 kB text quickly', () => {
    const started = performance.now();
    featurize('a b c d e f '.repeat(9_000), config);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('batch featurisation equals one-by-one featurisation', () => {
    const matrix = featurizeBatch(samples, config);
    expect(matrix.rows).toBe(samples.length);
    samples.forEach((text, i) => expect(featureRow(matrix, i)).toEqual(featurize(text, config)));
  });

  it('rejects invalid configs', () => {
    expect(() => defaultFeaturizerConfig({ buckets: 1 })).toThrow(InvalidFeaturizerConfigError);
    expect(() => featurize('x', { ...config, wordNgrams: [2, 1] })).toThrow(/wordNgrams/);
  });

  it('gives the same ids in another process', () => {
    const here = fileURLToPath(new URL('./featurize.ts', import.meta.url));
    const cfg = fileURLToPath(new URL('./featurizer-config.ts', import.meta.url));
    const script = `
      const { featurize } = await import(${JSON.stringify(pathToFileURL(here).href)});
      const { defaultFeaturizerConfig } = await import(${JSON.stringify(pathToFileURL(cfg).href)});
      const c = defaultFeaturizerConfig({ buckets: 1000 });
      console.log(JSON.stringify(${JSON.stringify(samples.slice(0, 5))}.map((t) => Array.from(featurize(t, c).ids))));`;
    const tsx = createRequire(import.meta.url).resolve('tsx');
    const out = spawnSync(process.execPath, ['--import', pathToFileURL(tsx).href, '--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
    });
    expect(out.stderr.replace(/npm warn.*\n/g, '')).toBe('');
    expect(JSON.parse(out.stdout)).toEqual(samples.slice(0, 5).map((t) => Array.from(featurize(t, config).ids)));
  });
});
