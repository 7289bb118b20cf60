import { readdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importLabelledFile } from '../import/import-labelled-file';
import type { TaskExample } from './train-task-model';

/** `data/bootstrap` of this checkout: the data the v1 models are trained on. */
export function defaultBootstrapDataDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../../data/bootstrap');
}

export class BootstrapDataError extends Error {
  readonly code = 'CICLO_ERR_ML_BOOTSTRAP_DATA';
  constructor(message: string) {
    super(message);
    this.name = 'BootstrapDataError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/**
 * Reads `<dataDir>/<task>/<language>.csv` files (`text,label`). The shipped data must be clean,
 * so any skipped row is an error naming the file and line rather than a silent loss.
 */
export async function loadBootstrapTask(dataDir: string, task: string): Promise<TaskExample[]> {
  const folder = join(dataDir, task);
  let files: string[];
  try {
    files = (await readdir(folder)).filter((f) => f.endsWith('.csv')).sort();
  } catch {
    throw new BootstrapDataError(`No bootstrap data for task "${task}" in ${folder}`);
  }
  if (files.length === 0) throw new BootstrapDataError(`No CSV files in ${folder}`);
  const examples: TaskExample[] = [];
  for (const file of files) {
    const language = basename(file, '.csv');
    const result = await importLabelledFile(join(folder, file));
    const firstSkipped = result.skipped[0];
    if (firstSkipped) throw new BootstrapDataError(`${join(folder, file)} line ${firstSkipped.line}: ${firstSkipped.reason}`);
    for (const e of result.examples) examples.push({ text: e.text, label: e.label, language });
  }
  return examples;
}
