import { existsSync } from 'node:fs';
import path from 'node:path';
import { PLATFORM_VERSION } from '@ciclo/platform-contracts';
import { defaultBootstrapDataDir, trainBootstrapModels, writeTaskModel } from '@ciclo/ml';

/**
 * `npm start` gives a working bot from the first run: when `<home>/models/bootstrap` lacks the v1
 * intent or sentiment model, train it from data/bootstrap (a few seconds) before the apps start.
 * Later starts reuse the files. Returns the lines to print.
 */
export async function ensureBootstrapModels(home: string, onLine: (line: string) => void): Promise<string> {
  const dir = path.join(home, 'models', 'bootstrap');
  const missing = (['intent', 'sentiment'] as const).filter((task) => !existsSync(path.join(dir, `${task}.onnx`)));
  if (missing.length === 0) return `Models: v1 intent and sentiment in ${dir}.`;
  onLine(`Training the v1 ${missing.join(' and ')} model${missing.length > 1 ? 's' : ''} from data/bootstrap (first start only)…`);
  const started = Date.now();
  const results = await trainBootstrapModels({ dataDir: defaultBootstrapDataDir(), libraryVersion: PLATFORM_VERSION, tasks: missing });
  for (const [task, result] of results) {
    await writeTaskModel(dir, task, result);
    const perLanguage = Object.entries(result.holdout.byLanguage)
      .map(([language, report]) => `${language} ${(report.macroF1 * 100).toFixed(1)}%`)
      .join(', ');
    onLine(`  ${task}: macro-F1 ${perLanguage} on held-out data`);
  }
  return `Models: trained in ${((Date.now() - started) / 1000).toFixed(1)} s, saved in ${dir}.`;
}
