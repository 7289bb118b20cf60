import { parseEnv, serviceEnvSchema, type Env } from '@ciclo/platform-config';
import { DefaultPorts } from '@ciclo/platform-contracts';

export const configSchema = serviceEnvSchema(DefaultPorts['chat-core']);
export type AppConfig = ReturnType<typeof loadConfig>;

/** The only place this app reads its environment. */
export function loadConfig(env: Env) {
  return parseEnv('chat-core', configSchema, env);
}
