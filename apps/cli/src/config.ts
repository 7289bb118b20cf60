import { resolve } from 'node:path';
import { httpUrl, parseEnv, type Env } from '@ciclo/platform-config';
import { z } from 'zod';

const schema = z.object({
  /** Folder of the launcher's state; `runtime.json` there says where the platform runs. */
  CICLO_HOME: z.string().optional(),
  NO_COLOR: z.string().optional(),
  /** API key sent to the platform's APIs (`ciclo models …`). */
  CICLO_API_KEY: z.string().optional(),
  /** The model registry's URL; default: the one in `runtime.json`. */
  CICLO_REGISTRY_URL: httpUrl.optional(),
});

export interface CliConfig {
  /** The launcher's state folder (`.ciclo` by default). */
  readonly homeDir: string;
  readonly runtimeFile: string;
  readonly color: boolean;
  readonly apiKey: string | undefined;
  readonly registryUrl: string | undefined;
}

/** The only place the CLI reads its environment. */
export function loadCliConfig(env: Env, cwd: string, isTty: boolean): CliConfig {
  const parsed = parseEnv('ciclo', schema, env);
  const home = parsed.CICLO_HOME ? resolve(cwd, parsed.CICLO_HOME) : resolve(cwd, '.ciclo');
  return {
    homeDir: home,
    runtimeFile: resolve(home, 'runtime.json'),
    color: isTty && parsed.NO_COLOR === undefined,
    apiKey: parsed.CICLO_API_KEY?.trim(),
    registryUrl: parsed.CICLO_REGISTRY_URL,
  };
}
