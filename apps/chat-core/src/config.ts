import { booleanFlag, parseEnv, serviceEnvSchema, type Env } from '@ciclo/platform-config';
import { DefaultPorts } from '@ciclo/platform-contracts';

export const configSchema = serviceEnvSchema(DefaultPorts['chat-core']).extend({
  /**
   * Relay the outbox events this app owns (`chat.message.received`). Set false on a replica that should leave it
   * to the others, which share the rows (SKIP LOCKED) and take over from each other.
   */
  OUTBOX_RELAY_ENABLED: booleanFlag.default(true),
});
export type AppConfig = ReturnType<typeof loadConfig>;

/** The only place this app reads its environment. */
export function loadConfig(env: Env) {
  return parseEnv('chat-core', configSchema, env);
}
