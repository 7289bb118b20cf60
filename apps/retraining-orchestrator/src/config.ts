import { parseEnv, positiveInt, serviceEnvSchema, type Env } from '@ciclo/platform-config';
import { DefaultPorts } from '@ciclo/platform-contracts';

export const configSchema = serviceEnvSchema(DefaultPorts['retraining-orchestrator']).extend({
  /** Parallel diagnostics jobs per process; they are trivial, so a handful is plenty. */
  DIAGNOSTICS_CONCURRENCY: positiveInt.default(4),
});
export type AppConfig = ReturnType<typeof loadConfig>;

/** The only place this app reads its environment. */
export function loadConfig(env: Env) {
  return parseEnv('retraining-orchestrator', configSchema, env);
}
