import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createDatabase } from '@ciclo/platform-db';
import { createModelRegistry, FileArtifactStore, ModelNotFoundError } from '@ciclo/registry-core';

const ACTOR = 'ciclo start (first run)';

interface StoredReport {
  readonly card: { readonly trainingDataSha256: string; readonly language: string };
  readonly holdout: {
    readonly overall: { readonly macroF1: number; readonly accuracy: number; readonly perClass: readonly { readonly label: string; readonly f1: number }[] };
    readonly byLanguage: Record<string, { readonly macroF1: number; readonly accuracy: number }>;
    readonly confusionMatrix: readonly (readonly number[])[];
  };
  readonly training: { readonly settings: Record<string, unknown> };
}

/**
 * Makes the v1 models the registry's `production` versions on a fresh platform, so serving has
 * something to load from the first run. A model that already has a production version is left
 * alone: after the first run, versions come from the learning loop and data scientists.
 */
export async function registerBootstrapModels(options: { databaseUrl: string; modelsDir: string; artifactsDir: string }): Promise<string[]> {
  const db = createDatabase({ url: options.databaseUrl, applicationName: 'ciclo-launcher', poolMax: 2 });
  const lines: string[] = [];
  try {
    const registry = createModelRegistry({ db, artifacts: new FileArtifactStore({ dir: options.artifactsDir }) });
    for (const task of ['intent', 'sentiment'] as const) {
      let existing;
      try {
        existing = await registry.getModel(task);
      } catch (error) {
        if (!(error instanceof ModelNotFoundError)) throw error;
      }
      if (existing?.aliases['production'] !== undefined) continue;

      const report = JSON.parse(await readFile(path.join(options.modelsDir, `${task}.report.json`), 'utf8')) as StoredReport;
      const artifact = new Uint8Array(await readFile(path.join(options.modelsDir, `${task}.onnx`)));
      if (!existing) {
        await registry.createModel({
          name: task,
          task,
          description: `Default ${task} model of the store domain (pt-BR and en), bootstrapped from data/bootstrap.`,
          languages: Object.keys(report.holdout.byLanguage),
          policy: 'manual',
          // A candidate may not lose macro-F1 or any class more than 3 points on the same holdout.
          gate: { maxMacroF1Drop: 0.01, maxClassF1Drop: 0.03 },
          actor: ACTOR,
        });
      }
      const { version } = await registry.registerVersion({
        model: task,
        artifact,
        metrics: {
          holdout: `bootstrap:${report.card.trainingDataSha256.slice(0, 16)}`,
          macroF1: report.holdout.overall.macroF1,
          accuracy: report.holdout.overall.accuracy,
          perClass: report.holdout.overall.perClass,
          byLanguage: report.holdout.byLanguage,
          confusionMatrix: report.holdout.confusionMatrix,
        },
        params: report.training.settings,
        tags: ['bootstrap', 'v1'],
        description: 'Trained by npm start from data/bootstrap.',
        createdBy: ACTOR,
      });
      await registry.promote({ model: task, version: version.version, actor: ACTOR, actorRole: 'admin', reason: 'Bootstrap v1 model on first start' });
      lines.push(`  ${task} v${version.version} registered and set as production`);
    }
  } finally {
    await db.close();
  }
  return lines;
}
