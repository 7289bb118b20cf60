import { resolve } from 'node:path';
import { PLATFORM_VERSION } from '@ciclo/platform-contracts';
import { BOOTSTRAP_TASKS, defaultBootstrapDataDir, modelReport, trainBootstrapModels, writeTaskModel, type BootstrapTask } from '@ciclo/ml';
import { CliError } from '../cli-error';
import { ProgressBar } from '../progress-bar';

export interface BootstrapCommandOptions {
  readonly outDir: string;
  readonly dataDir?: string;
  readonly tasks?: readonly string[];
  readonly json: boolean;
}

function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** `ciclo bootstrap`: trains the v1 intent and sentiment models from data/bootstrap. */
export async function bootstrapCommand(options: BootstrapCommandOptions): Promise<void> {
  const known = Object.keys(BOOTSTRAP_TASKS);
  const tasks = (options.tasks && options.tasks.length > 0 ? options.tasks : known) as BootstrapTask[];
  const unknown = tasks.filter((t) => !known.includes(t));
  if (unknown.length > 0) throw new CliError(`Unknown task ${unknown.join(', ')}; choose from ${known.join(', ')}`, 2);

  const bars = new Map<string, ProgressBar>();
  const results = await trainBootstrapModels({
    dataDir: options.dataDir ? resolve(options.dataDir) : defaultBootstrapDataDir(),
    libraryVersion: PLATFORM_VERSION,
    tasks,
    onProgress: (task, p) => {
      if (options.json) return;
      let bar = bars.get(task);
      if (!bar) bars.set(task, (bar = new ProgressBar(process.stderr, `training ${task.padEnd(9)}`)));
      bar.update(p.epoch, p.epochs, `epoch ${p.epoch}/${p.epochs} loss ${p.loss.toFixed(3)} ${Math.round(p.examplesPerSecond)} ex/s`);
    },
  });

  const summary: Record<string, unknown> = {};
  for (const [task, result] of results) {
    bars.get(task)?.done(`trained ${task} in ${(result.training.timings.totalMs / 1000).toFixed(1)} s`);
    const files = await writeTaskModel(options.outDir, task, result);
    summary[task] = { ...files, ...modelReport(result) };
    if (!options.json) {
      const overall = result.holdout.overall;
      process.stdout.write(
        `\n${task}: macro-F1 ${percent(overall.macroF1)}, accuracy ${percent(overall.accuracy)} on ${overall.examples} held-out examples` +
          ` (T=${result.calibration.temperature.toFixed(2)}, ask below ${percent(result.calibration.confidenceThreshold)}, ${(result.artifact.byteLength / 1048576).toFixed(1)} MiB)\n`,
      );
      for (const [language, report] of Object.entries(result.holdout.byLanguage)) {
        process.stdout.write(`  ${language.padEnd(6)} macro-F1 ${percent(report.macroF1)}  accuracy ${percent(report.accuracy)}  n=${report.examples}\n`);
      }
      process.stdout.write(`  → ${files.artifact}\n`);
    }
  }
  if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}
