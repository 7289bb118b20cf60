import { parseEnv, serviceEnvSchema, type Env } from '@ciclo/config';
import { DefaultPorts } from '@ciclo/contracts';

export const configSchema = serviceEnvSchema(DefaultPorts['nlp-service']);
export type AppConfig = ReturnType<typeof loadConfig>;

/** The only place this app reads its environment. */
export function loadConfig(env: Env) {
  return parseEnv('nlp-service', configSchema, env);
}
