import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The variable that points the benchmarks at another copy of the shared datasets. */
export const DATASETS_DIR_VARIABLE = 'CICLO_DATASETS_DIR';

/**
 * Where the public datasets are: `<repository>/../shared/datasets`, so a clone next to `shared/`
 * needs no setup wherever it is started from; `CICLO_DATASETS_DIR` overrides it. `found` is false
 * when the folder does not exist, and `hint` says what to do about it.
 */
export function sharedDatasets(env: NodeJS.ProcessEnv = process.env): { dir: string; found: boolean; hint: string } {
  const repository = fileURLToPath(new URL('..', import.meta.url));
  const override = env[DATASETS_DIR_VARIABLE];
  if (override !== undefined && override !== '') {
    const dir = resolve(override);
    return { dir, found: existsSync(dir), hint: `${DATASETS_DIR_VARIABLE} points at ${dir}; point it at the datasets folder or unset it` };
  }
  const dir = resolve(repository, '..', 'shared', 'datasets');
  return { dir, found: existsSync(dir), hint: `clone the repository next to shared/ (looked in ${dir}) or set ${DATASETS_DIR_VARIABLE}` };
}
