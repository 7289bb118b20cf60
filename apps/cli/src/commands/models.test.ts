import { fileURLToPath } from 'node:url';
import type { AliasChangeView, CompareView, VersionView } from '@ciclo/platform-contracts';
import { runTsEntry } from '@ciclo/platform-testing';
import { describe, expect, it } from 'vitest';
import { renderChange, renderCompare, renderHistory, renderModels } from './models';

const entry = fileURLToPath(new URL('../main.ts', import.meta.url));

const version = (n: number, macroF1: number): VersionView => ({
  model: 'intent',
  version: n,
  sha256: 'a'.repeat(64),
  sizeBytes: 10,
  format: 'onnx',
  labels: ['a', 'b'],
  metrics: { macroF1 },
  params: {},
  tags: [],
  description: null,
  confidenceThreshold: 0.4,
  datasetSnapshotId: null,
  trainingRunId: null,
  createdBy: 'ana',
  createdAt: '2026-03-01T00:00:00.000Z',
  aliases: [],
});

describe('ciclo models rendering', () => {
  it('renders models, alias changes and an empty history', () => {
    expect(renderModels([])).toBe('No models registered yet.');
    const change: AliasChangeView = { model: 'intent', alias: 'production', fromVersion: 1, toVersion: 2, changed: true, event: null, decision: null };
    expect(renderChange(change)).toBe('production of intent: v1 → v2');
    expect(renderChange({ ...change, changed: false })).toBe('production of intent already points to v2; nothing changed.');
    expect(renderHistory([])).toBe('No alias moves yet.');
  });

  it('renders a comparison with signed deltas, a holdout warning and confusion matrices', () => {
    const view: CompareView = {
      model: 'intent',
      a: version(1, 0.8),
      b: version(2, 0.75),
      metrics: [{ name: 'macroF1', a: 0.8, b: 0.75, delta: -0.05 }],
      perClassF1: [{ label: 'a', a: 0.5, b: null, delta: null }],
      confusionMatrices: { a: { labels: ['a', 'b'], matrix: [[3, 1], [0, 4]] }, b: null },
      sameHoldout: false,
    };
    const text = renderCompare(view);
    expect(text).toContain('WARNING: measured on different holdouts');
    expect(text).toMatch(/macroF1\s+0\.8000\s+0\.7500\s+-0\.0500/);
    expect(text).toMatch(/a\s+0\.5000\s+—\s+—/);
    expect(text).toContain('confusion matrix v1');
  });
});

describe('ciclo models arguments (no platform needed)', () => {
  it('lists the models commands in the usage', async () => {
    const result = await runTsEntry(entry, { args: ['help'] });
    expect(result.stdout).toContain('models promote <name> <version> --reason');
  });

  it('checks arguments before anything else, with exit status 2', async () => {
    const [badVersion, unknownSub, noReason] = await Promise.all([
      runTsEntry(entry, { args: ['models', 'compare', 'intent', '1', 'two'] }),
      runTsEntry(entry, { args: ['models', 'frobnicate'] }),
      runTsEntry(entry, { args: ['models', 'promote', 'intent', '2'] }),
    ]);
    expect([badVersion.code, unknownSub.code, noReason.code]).toEqual([2, 2, 2]);
    expect(badVersion.stderr).toContain('version b must be a positive whole number (got "two")');
    expect(unknownSub.stderr).toContain('Unknown models command "frobnicate"');
    expect(noReason.stderr).toContain('models promote needs --reason');
  });

  it('says how to get an API key when CICLO_API_KEY is unset', async () => {
    const result = await runTsEntry(entry, { args: ['models', 'ls'], env: { CICLO_REGISTRY_URL: 'http://127.0.0.1:9' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No API key: set CICLO_API_KEY');
    expect(result.stderr).toContain('POST /v1/api-keys');
  });

  it('says the registry is unreachable when nothing listens', async () => {
    const result = await runTsEntry(entry, { args: ['models', 'ls'], env: { CICLO_REGISTRY_URL: 'http://127.0.0.1:9', CICLO_API_KEY: 'ciclo_x' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot reach the model registry at http://127.0.0.1:9');
  });
});
